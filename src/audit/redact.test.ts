import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_DETAILS_CHARS, MAX_SNAPSHOT_CHARS, redact, redactedBody, snapshotJson } from './redact.ts';

describe('audit redaction', () => {
  it('drops every key that names a secret, at any depth, and keeps the rest', () => {
    const body = {
      name: 'Kopi Luwak', password: 'hunter2', new_password: 'x', api_key: 'pk_1', apiKey: 'pk_2', secret: 's', client_secret: 's',
      token: 't', refresh_token: 't', totp: '123456', totp_code: '1', code: '999999', recovery_code: 'r', _csrf: 'c',
      nested: { deeper: [{ Password: 'p', keep: 1, PostalCode: '10350' }] },
    };
    assert.deepEqual(redact(body), { name: 'Kopi Luwak', nested: { deeper: [{ keep: 1 }] } });
  });

  it('cuts long strings, long lists and deep nesting, and survives cycles, BigInt, buffers and functions', () => {
    const long = 'x'.repeat(5000);
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    const out = redact({ long, list: Array.from({ length: 80 }, (_, i) => i), deep: { a: { b: { c: { d: { e: { f: { g: 1 } } } } } } }, cyclic, big: 10n, buf: Buffer.from('abc'), fn: () => 1, nan: NaN }) as Record<string, any>;
    assert.ok((out.long as string).length < 600 && (out.long as string).endsWith('(5000 chars)'));
    assert.equal(out.list.length, 51);
    assert.equal(out.list[50], '… 30 more');
    assert.match(JSON.stringify(out.deep), /\[…\]/);
    assert.deepEqual(out.cyclic, { a: 1, self: '[cycle]' });
    assert.equal(out.big, '10');
    assert.equal(out.buf, '[3 bytes]');
    assert.equal('fn' in out, false);
    assert.equal(out.nan, 'NaN');
  });

  it('keeps a body under the size cap as a marked preview', () => {
    const body = { items: Array.from({ length: 40 }, (_, i) => ({ name: `item ${i} ${'y'.repeat(300)}` })) };
    const out = redactedBody(body) as { truncated: boolean; chars: number; preview: string };
    assert.equal(out.truncated, true);
    assert.ok(out.chars > MAX_DETAILS_CHARS);
    assert.ok(JSON.stringify(out).length <= MAX_DETAILS_CHARS + 200);
    assert.deepEqual(redactedBody({ a: 1 }), { a: 1 });
    assert.equal(redactedBody(undefined), null);
  });

  it('keeps snapshots whole except secret keys, and marks oversized ones', () => {
    assert.equal(snapshotJson(undefined), null);
    assert.equal(snapshotJson(null), null);
    const snap = JSON.parse(snapshotJson({ brand: { code: 'kopi' }, postal_code: '10350', password_hash: 'h', api_key: 'k', nested: [{ token: 't', sort_key: 1 }] })!);
    assert.deepEqual(snap, { brand: { code: 'kopi' }, postal_code: '10350', nested: [{ sort_key: 1 }] });
    const huge = JSON.parse(snapshotJson({ text: 'z'.repeat(MAX_SNAPSHOT_CHARS + 10) })!);
    assert.equal(huge.truncated, true);
  });
});
