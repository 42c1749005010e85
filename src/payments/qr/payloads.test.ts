import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import generatePromptPay from 'promptpay-qr';
import { crc16, field, formatAmount, hasValidCrc, parseFields, withCrc } from './emvco.ts';
import { dynamicFromStatic, promptPayPayload } from './payloads.ts';

// A published EMVCo merchant-presented example (phannaly/emv-qr-code), CRC included.
const PUBLISHED = '00020101021252044131153137210116372101160123456789ABCDE6010Phnom Penh5913Merchant Shop5802KH540510.005303840622501081234567802090124444446304A0BA';

describe('EMVCo QR payloads', () => {
  it('computes CRC-16/CCITT-FALSE like the standard check value and a published payload', () => {
    assert.equal(crc16('123456789'), '29B1');
    assert.equal(hasValidCrc(PUBLISHED), true);
    assert.equal(hasValidCrc(PUBLISHED.replace('Merchant', 'Merchent')), false);
  });

  it('parses fields back', () => {
    const fields = Object.fromEntries(parseFields(PUBLISHED).map((f) => [f.tag, f.value]));
    assert.equal(fields['59'], 'Merchant Shop');
    assert.equal(fields['54'], '10.00');
    assert.throws(() => parseFields('0002'));
  });

  it('formats amounts from minor units without floats', () => {
    assert.equal(formatAmount(15075, 2), '150.75');
    assert.equal(formatAmount(5, 2), '0.05');
    assert.equal(formatAmount(150000, 0), '150000');
    assert.throws(() => formatAmount(0, 2));
    assert.throws(() => formatAmount(1.5, 2));
  });

  it('builds PromptPay payloads that agree with the reference library (promptpay-qr) on everything but the reference', () => {
    const ours = promptPayPayload('081-234-5678', { amount: 15075, reference: 'PSR-1001' });
    assert.equal(hasValidCrc(ours), true);
    const theirs = generatePromptPay('0812345678', { amount: 150.75 });
    const strip = (p: string) => parseFields(p).filter((f) => f.tag !== '62' && f.tag !== '63').sort((a, b) => a.tag.localeCompare(b.tag));
    assert.deepEqual(strip(ours), strip(theirs));
    assert.equal(parseFields(ours).find((f) => f.tag === '62')?.value, '0508PSR-1001');
    assert.throws(() => promptPayPayload('12345', { amount: 100, reference: 'x' }));
  });

  it('turns a static merchant QR into a dynamic one with the amount and reference', () => {
    // A static QRIS as an acquirer issues it (identifiers made up): no amount, point of initiation 11.
    const staticQr = withCrc([
      { tag: '00', value: '01' },
      { tag: '01', value: '11' },
      { tag: '26', value: field('00', 'ID.DANA.WWW') + field('01', '936009153022591481') + field('03', 'UMI') },
      { tag: '51', value: field('00', 'ID.CO.QRIS.WWW') + field('02', 'ID1020017611473') + field('03', 'UMI') },
      { tag: '52', value: '5999' },
      { tag: '53', value: '360' },
      { tag: '58', value: 'ID' },
      { tag: '59', value: 'Toko Batik A' },
      { tag: '60', value: 'Jakarta' },
      { tag: '62', value: field('07', 'A01') },
    ]);
    const fixed = staticQr;
    const dynamic = dynamicFromStatic(fixed, { amount: 250000, currencyNumeric: '360', decimals: 0, reference: 'PSR-2001' });
    assert.equal(hasValidCrc(dynamic), true);
    const fields = Object.fromEntries(parseFields(dynamic).map((f) => [f.tag, f.value]));
    assert.equal(fields['01'], '12');
    assert.equal(fields['54'], '250000');
    assert.equal(fields['59'], 'Toko Batik A');
    assert.equal(fields['62'], '0508PSR-20010703A01');
    assert.throws(() => dynamicFromStatic(staticQr.slice(0, -4) + '0000', { amount: 1, currencyNumeric: '360', decimals: 0, reference: 'x' }), /checksum/);
    assert.throws(() => dynamicFromStatic(fixed, { amount: 1, currencyNumeric: '608', decimals: 2, reference: 'x' }), /currency/);
  });
});

describe('QR image', () => {
  it('renders an accessible SVG symbol', async () => {
    const { qrSvg } = await import('./qr-image.ts');
    const svg = await qrSvg(promptPayPayload('0812345678', { amount: 100, reference: 'PSR-1' }), 'Scan to pay "THB 1.00"');
    assert.match(svg, /^<svg role="img" aria-label="Scan to pay THB 1.00" /);
    assert.match(svg, /<path/);
  });
});

describe('QR image decodes', () => {
  it('decodes back to the payload with a QR decoder (jsQR), CRC intact', async () => {
    const { qrSvg } = await import('./qr-image.ts');
    const { default: sharp } = await import('sharp');
    // jsqr is CommonJS: its function is the module itself.
    const jsQR = ((await import('jsqr')) as unknown as { default: (d: Uint8ClampedArray, w: number, h: number) => { data: string } | null }).default;
    const payload = promptPayPayload('0812345678', { amount: 123_456, reference: 'PSR-10042' });
    const svg = await qrSvg(payload, 'Scan to pay');
    const { data, info } = await sharp(Buffer.from(svg)).resize(400, 400).flatten({ background: '#ffffff' }).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    const decoded = jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), info.width, info.height);
    assert.ok(decoded, 'the image holds a readable QR code');
    assert.equal(decoded.data, payload);
    assert.equal(hasValidCrc(decoded.data), true);
  });
});
