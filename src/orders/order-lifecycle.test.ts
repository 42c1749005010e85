// An order from placement to delivery through the admin API: every state change sends the right email to a real SMTP
// server and a correctly signed webhook to a real HTTP receiver; stock follows; illegal moves are refused.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { adminAuth, createTestApp, createTestContext, type TestContext } from '../../test/helpers/test-context.ts';
import { findVariantsBySku, importProducts } from '../catalog/index.ts';
import { setOnHand, stockLevelsOf } from '../inventory/index.ts';
import type { App } from '../platform/http/app.ts';
import { runJobsUntilIdle } from '../platform/jobs/index.ts';
import { mailJobHandler } from '../platform/mail/index.ts';
import { seedPayments } from '../seed/demo/payments.ts';
import { seedShippingAndTax } from '../seed/demo/shipping.ts';
import { createEndpoint, verifyWebhookSignature, webhookJobHandler, WEBHOOK_JOB } from '../webhooks/index.ts';

const ADDRESS = { name: 'Rina Wijaya', line1: 'Jl. Thamrin 1', city: 'Jakarta Pusat', region: 'DKI Jakarta', postal_code: '10350', country: 'ID', phone: '+62 813 1111 2222' };

describe('order lifecycle', () => {
  let ctx: TestContext;
  let app: App;
  let smtp: SMTPServer;
  let receiver: http.Server;
  let secret: string;
  let staff: Record<string, string>;
  let variantId: number;
  const mails: ParsedMail[] = [];
  const hooks: Array<{ event: string; body: string; signature: string }> = [];

  before(async () => {
    smtp = new SMTPServer({
      authOptional: true, disabledCommands: ['STARTTLS', 'AUTH'], logger: false,
      onData(stream, _session, callback) {
        simpleParser(stream).then((m) => { mails.push(m); callback(); }).catch(callback);
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    receiver = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        hooks.push({ event: String(req.headers['pasar-event']), body, signature: String(req.headers['pasar-signature']) });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    ctx = await createTestContext({ SMTP_URL: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}` });
    await seedShippingAndTax(ctx);
    await seedPayments(ctx);
    await importProducts(ctx, [{ status: 'active', translations: { en: { name: 'Batik tulis' }, id: { name: 'Batik tulis Solo' } }, variants: [{ sku: 'TULIS-1', weight_grams: 300, prices: [{ currency: 'IDR', amount: 750_000 }] }] }]);
    variantId = (await findVariantsBySku(ctx, ['TULIS-1'])).get('TULIS-1')!.id;
    await setOnHand(ctx, variantId, 10);
    const endpoint = await createEndpoint(ctx, { url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`, events: ['order.created', 'order.paid', 'order.shipped', 'order.delivered'] });
    secret = endpoint.secret;
    app = await createTestApp(ctx);
    staff = await adminAuth(ctx, 'warehouse');
  });
  after(async () => {
    await app.close();
    await ctx.close();
    await new Promise<void>((r) => smtp.close(() => r()));
    await new Promise((r) => receiver.close(r));
  });

  const work = () => runJobsUntilIdle(ctx, { 'mail.send': mailJobHandler(ctx), [WEBHOOK_JOB]: webhookJobHandler(ctx) });
  const act = (id: number, action: string, body: object = {}) =>
    app.inject({ method: 'POST', url: `/api/admin/orders/${id}/actions/${action}`, headers: staff, payload: body });

  async function placeOrder(method = 'bank_transfer') {
    const cart = (await app.inject({ method: 'POST', url: '/api/store/carts', payload: { currency: 'IDR', locale: 'id' } })).json();
    await app.inject({ method: 'POST', url: `/api/store/carts/${cart.id}/items`, payload: { sku: 'TULIS-1', quantity: 2 } });
    const res = await app.inject({
      method: 'POST', url: `/api/store/carts/${cart.id}/complete`, headers: { 'idempotency-key': `life-${cart.id}` },
      payload: { email: 'rina@example.co.id', shipping_address: ADDRESS, shipping_option_id: 'jkt-regular', payment_method: method },
    });
    assert.equal(res.statusCode, 201, res.body);
    return res.json() as { id: number; number: string };
  }

  it('emails and signs a webhook for each change from placement to delivery', async () => {
    const order = await placeOrder();
    await work();
    const jne = await ctx.db.kysely.selectFrom('shipping_carriers').select('id').where('code', '=', 'jne').executeTakeFirstOrThrow();
    assert.equal((await act(order.id, 'confirm_payment')).statusCode, 200);
    assert.equal((await act(order.id, 'pack')).statusCode, 200);
    const shipped = await act(order.id, 'ship', { carrier_id: jne.id, tracking_number: 'CGK1234567' });
    assert.equal(shipped.statusCode, 200, shipped.body);
    assert.equal((await act(order.id, 'deliver')).statusCode, 200);
    await work();

    const mine = mails.filter((m) => m.text?.includes(order.number) || m.subject?.includes(order.number));
    assert.equal(mine.length, 4, mine.map((m) => m.subject).join(' | '));
    assert.ok(mine.every((m) => (m.to as { text: string }).text.includes('rina@example.co.id')));
    assert.ok(mine.every((m) => m.text!.includes('Rina')), 'addressed by name');
    const shippedMail = mine.find((m) => m.text!.includes('CGK1234567'))!;
    assert.ok(shippedMail.text!.includes('https://www.jne.co.id/tracking-package?awb=CGK1234567'), 'the tracking link');

    const ours = hooks.filter((h) => JSON.parse(h.body).data.number === order.number);
    // Deliveries run in parallel, so they may arrive in any order (receivers order by the event's created_at).
    assert.deepEqual(ours.map((h) => h.event).sort(), ['order.created', 'order.delivered', 'order.paid', 'order.shipped']);
    for (const h of ours) assert.ok(verifyWebhookSignature(secret, h.signature, h.body), `${h.event} is signed`);
    assert.equal(verifyWebhookSignature('wrong-secret', ours[0]!.signature, ours[0]!.body), false);

    const detail = (await app.inject({ url: `/api/admin/orders/${order.id}`, headers: staff })).json();
    assert.deepEqual(detail.timeline.map((e: { type: string }) => e.type), ['placed', 'confirm_payment', 'pack', 'ship', 'deliver']);
    const [level] = await stockLevelsOf(ctx, variantId);
    assert.deepEqual([level!.on_hand, level!.reserved], [8, 0], 'shipping took the goods out of stock');
  });

  it('refuses an illegal move, releases stock on cancel, and sends the cancellation', async () => {
    const order = await placeOrder('cod');
    const before = (await stockLevelsOf(ctx, variantId))[0]!;
    assert.equal((await act(order.id, 'deliver')).json().error.code, 'invalid_transition');
    assert.equal((await act(order.id, 'ship', {})).statusCode, 400, 'shipping needs a tracking number');
    assert.equal((await act(order.id, 'pack')).statusCode, 200, 'cash on delivery packs before payment');
    assert.equal((await act(order.id, 'cancel', { note: 'Customer asked' })).statusCode, 200);
    assert.equal((await act(order.id, 'cancel')).statusCode, 409, 'only once');
    const after = (await stockLevelsOf(ctx, variantId))[0]!;
    assert.equal(after.reserved, before.reserved - 2);
    await work();
    assert.ok(mails.some((m) => m.text?.includes(order.number) && m.text.includes('Customer asked')));
  });

  it('tells the confirmation the same order as later emails, which read it back from the tables', async () => {
    // The confirmation is made from the order being placed (no read-back inside the checkout transaction); the
    // cancellation from the stored order. What they show of the order must agree to the last field.
    const order = await placeOrder('bank_transfer');
    assert.equal((await act(order.id, 'cancel', { note: 'Changed my mind' })).statusCode, 200);
    const payloads = await ctx.db.kysely.selectFrom('jobs').select(['unique_key', 'payload'])
      .where('unique_key', 'in', [`mail:order_confirmation:${order.number}`, `mail:order_cancelled:${order.number}`]).orderBy('id').execute();
    assert.equal(payloads.length, 2);
    const [confirmation, cancellation] = payloads.map((j) => (JSON.parse(j.payload) as { input: Record<string, unknown> }).input);
    const shown = ({ reason: _reason, ...input }: Record<string, unknown>) => input;
    assert.deepEqual(shown(confirmation!), shown(cancellation!));
    assert.equal(confirmation!.customerName, 'Rina Wijaya');
    assert.deepEqual((confirmation!.lines as Array<{ quantity: number; total: number }>).map((l) => [l.quantity, l.total]), [[2, 1_500_000]]);
  });

  it('cancels unpaid orders whose hold ran out, giving the stock back, and leaves the others', async () => {
    const { expireUnpaidOrders } = await import('./index.ts');
    const late = await placeOrder('bank_transfer');
    const onTime = await placeOrder('bank_transfer');
    const cod = await placeOrder('cod');
    const before = (await stockLevelsOf(ctx, variantId))[0]!;
    await ctx.db.kysely.updateTable('stock_reservations').set({ expires_at: new Date(Date.now() - 60_000).toISOString() }).where('reference', '=', `order:${late.number}`).execute();
    assert.deepEqual(await expireUnpaidOrders(ctx), [late.number]);
    const statuses = await ctx.db.kysely.selectFrom('orders').select(['number', 'status']).where('id', 'in', [late.id, onTime.id, cod.id]).orderBy('id').execute();
    assert.deepEqual(statuses.map((o) => o.status), ['cancelled', 'pending_payment', 'pending_payment']);
    assert.equal((await stockLevelsOf(ctx, variantId))[0]!.reserved, before.reserved - 2);
    assert.deepEqual(await expireUnpaidOrders(ctx), [], 'nothing twice');
  });

  it('exports orders as CSV without letting a cell run as a formula', async () => {
    const { csvCell } = await import('./orders-csv.ts');
    assert.equal(csvCell('=HYPERLINK("http://evil")'), `"'=HYPERLINK(""http://evil"")"`);
    assert.equal(csvCell('-2+3'), `"'-2+3"`);
    assert.equal(csvCell('Rina, Jakarta'), '"Rina, Jakarta"');
    const res = await app.inject({ url: '/api/admin/orders/export.csv?status=delivered', headers: staff });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /text\/csv/);
    const [header, ...rows] = res.body.trim().split('\r\n');
    assert.match(header!, /^number,created_at,status/);
    assert.ok(rows.length >= 1 && rows.every((r) => r.includes(',delivered,')));
    assert.equal((await app.inject({ url: '/api/admin/orders/export.csv?from=yesterday', headers: staff })).statusCode, 400);
    assert.equal((await app.inject({ url: '/api/admin/orders/export.csv' })).statusCode, 401);
  });

  it('answers bad input and missing rights with 4xx, changing nothing', async () => {
    const order = await placeOrder();
    const cases: Array<[string, string, object, Record<string, string>, number]> = [
      [String(order.id), 'teleport', {}, staff, 400],
      ['999999', 'pack', {}, staff, 404],
      ['abc', 'pack', {}, staff, 400],
      [String(order.id), 'ship', { tracking_number: '<script>' }, staff, 400],
      [String(order.id), 'confirm_payment', { extra: 1 }, staff, 400],
      [String(order.id), 'confirm_payment', {}, {}, 401],
      [String(order.id), 'confirm_payment', {}, await adminAuth(ctx, 'marketing'), 403],
    ];
    for (const [id, action, body, headers, status] of cases) {
      const res = await app.inject({ method: 'POST', url: `/api/admin/orders/${id}/actions/${action}`, headers, payload: body });
      assert.equal(res.statusCode, status, `${id}/${action} ${JSON.stringify(body)}`);
    }
    const row = await ctx.db.kysely.selectFrom('orders').select('status').where('id', '=', order.id).executeTakeFirstOrThrow();
    assert.equal(row.status, 'pending_payment');
    const list = (await app.inject({ url: `/api/admin/orders?q=${order.number.toLowerCase()}`, headers: staff })).json();
    assert.deepEqual(list.items.map((o: { number: string }) => o.number), [order.number]);
  });
});
