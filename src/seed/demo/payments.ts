// The demo shop's payment set-up. The accounts and QR identifiers are fictional — a real shop enters its own — but
// the codes are well-formed EMVCo payloads, so the checkout can be tried end to end.
import type { AppContext } from '../../platform/context.ts';
import { setPaymentMethod } from '../../payments/index.ts';
import { field, withCrc } from '../../payments/qr/emvco.ts';

/** A static QR as an acquiring bank issues it (identifiers made up): no amount, point of initiation 11. */
function demoStaticQr(country: string, currency: string, guid: string, merchantId: string, city: string): string {
  return withCrc([
    { tag: '00', value: '01' },
    { tag: '01', value: '11' },
    { tag: '26', value: field('00', guid) + field('01', merchantId) },
    { tag: '52', value: '5999' },
    { tag: '53', value: currency },
    { tag: '58', value: country },
    { tag: '59', value: 'Pasar Demo' },
    { tag: '60', value: city },
  ]);
}

export async function seedPayments(ctx: AppContext): Promise<void> {
  await setPaymentMethod(ctx, 'cod', {});
  await setPaymentMethod(ctx, 'bank_transfer', {
    accounts: [
      { bank: 'Demo Bank Central (not a real account)', account_name: 'PT Pasar Demo', account_number: '000-111-2222' },
      { bank: 'Bank Contoh (bukan rekening asli)', account_name: 'PT Pasar Demo', account_number: '999-888-7777' },
    ],
  });
  await setPaymentMethod(ctx, 'qr', {
    promptpay_id: '0812345678',
    qris_static: demoStaticQr('ID', '360', 'ID.CO.QRIS.WWW', 'ID1020000000001', 'Jakarta'),
    qrph_static: demoStaticQr('PH', '608', 'com.p2pqrpay', 'DEMOPH000000001', 'Manila'),
  });
}
