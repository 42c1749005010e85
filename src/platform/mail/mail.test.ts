// Order emails through the job queue to a real SMTP server on loopback (smtp-server), read back with mailparser.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { createTestContext, type TestContext } from '../../../test/helpers/test-context.ts';
import { runJobsUntilIdle } from '../jobs/index.ts';
import { enqueueMail, formatMoney, mailJobHandler, type OrderMailInput, type OrderMailTemplate } from './index.ts';
import { createMailer } from './transport.ts';

function orderInput(overrides: Partial<OrderMailInput> = {}): OrderMailInput {
  return {
    orderNumber: 'PSR-1001',
    customerName: 'Siti Rahma',
    email: 'siti@example.test',
    locale: 'id',
    currency: 'IDR',
    lines: [
      { name: 'Kopi Gayo 250 g', variant: 'Biji', quantity: 2, unitPrice: 62_500, total: 125_000 },
      { name: 'Gula Aren', quantity: 1, unitPrice: 30_000, total: 30_000 },
    ],
    totals: { subtotal: 155_000, shipping: 18_000, tax: 15_360, taxIncluded: true, total: 173_000 },
    orderUrl: 'http://localhost:3000/id/orders/PSR-1001',
    ...overrides,
  };
}

describe('transactional email over SMTP', () => {
  let smtp: SMTPServer;
  let ctx: TestContext;
  const received: ParsedMail[] = [];
  const envelopes: string[][] = [];

  before(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onRcptTo(address, _session, callback) {
        if (address.address.startsWith('nobody@')) return callback(Object.assign(new Error('No such mailbox'), { responseCode: 550 }));
        callback();
      },
      onData(stream, session, callback) {
        simpleParser(stream)
          .then((mail) => {
            received.push(mail);
            envelopes.push(session.envelope.rcptTo.map((r) => r.address));
            callback();
          })
          .catch(callback);
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const port = (smtp.server.address() as AddressInfo).port;
    ctx = await createTestContext({ SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: 'Toko Kopi <orders@tokokopi.test>', SHOP_NAME: 'Toko Kopi' });
  });
  after(async () => {
    await ctx.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });

  const runMailJobs = () => runJobsUntilIdle(ctx, { 'mail.send': mailJobHandler(ctx) }, { retryBaseMs: 10 });

  async function sendThroughJob(template: OrderMailTemplate, input: OrderMailInput): Promise<ParsedMail> {
    const count = received.length;
    // As the orders domain will: inside the transaction that changes the order.
    await ctx.db.kysely.transaction().execute((trx) => enqueueMail(trx, template, input));
    assert.equal(received.length, count, 'nothing is sent inline');
    await runMailJobs();
    assert.equal(received.length, count + 1, `${template} arrived`);
    return received[received.length - 1];
  }

  const text = (mail: ParsedMail) => mail.text ?? '';
  const html = (mail: ParsedMail) => (typeof mail.html === 'string' ? mail.html : '');
  const to = (mail: ParsedMail) => (Array.isArray(mail.to) ? mail.to[0] : mail.to)!.value[0];

  it('sends the order confirmation in the customer language, by name, with the lines and totals', async () => {
    const mail = await sendThroughJob('order_confirmation', orderInput({
      paymentMethod: 'Transfer bank',
      paymentInstructions: ['BCA 123 456 7890 a.n. Toko Kopi', 'Berita: PSR-1001'],
      delivery: { earliest: '2026-12-03', latest: '2026-12-05' },
    }));
    assert.equal(mail.subject, 'Pesanan PSR-1001 telah dikonfirmasi');
    assert.deepEqual(to(mail), { address: 'siti@example.test', name: 'Siti Rahma' });
    assert.equal(mail.from?.value[0].address, 'orders@tokokopi.test');
    assert.equal(mail.headers.get('content-language'), 'id');
    assert.match(text(mail), /^Halo Siti Rahma,/);
    assert.ok(text(mail).includes(formatMoney(173_000, 'IDR', 'id')));
    assert.match(text(mail), /Rp\s?173\.000/);
    assert.match(text(mail), /2 × Kopi Gayo 250 g \(Biji\)/);
    assert.match(text(mail), /BCA 123 456 7890/);
    assert.match(text(mail), /Perkiraan tiba: /);
    assert.match(html(mail), /<html lang="id">/);
    assert.match(html(mail), /Halo Siti Rahma/);
    assert.match(html(mail), /href="http:\/\/localhost:3000\/id\/orders\/PSR-1001"/);
    assert.match(text(mail), /Terima kasih telah berbelanja di Toko Kopi\./);
  });

  it('sends payment received, shipped with the tracking link, delivered, cancelled and refunded', async () => {
    const paid = await sendThroughJob('payment_received', orderInput({ locale: 'en', customerName: 'Ana Cruz', email: 'ana@example.test', currency: 'PHP', totals: { subtotal: 150_000, shipping: 10_000, tax: 0, total: 160_000 } }));
    assert.equal(paid.subject, 'Payment received for order PSR-1001');
    assert.match(text(paid), /^Hi Ana Cruz,/);
    assert.ok(text(paid).includes(formatMoney(160_000, 'PHP', 'en')));
    assert.match(text(paid), /₱1,600\.00/);

    const trackingUrl = 'https://track.example.test/th/TH0123456789?ref=pasar&lang=th';
    const shipped = await sendThroughJob('order_shipped', orderInput({
      locale: 'th', customerName: 'สมชาย ใจดี', email: 'somchai@example.test', currency: 'THB',
      totals: { subtotal: 125_000, shipping: 5_000, tax: 8_505, taxIncluded: true, total: 130_000 },
      shipment: { carrier: 'Kerry Express', trackingNumber: 'TH0123456789', trackingUrl },
    }));
    assert.equal(shipped.subject, 'คำสั่งซื้อ PSR-1001 กำลังจัดส่ง');
    assert.equal(to(shipped).name, 'สมชาย ใจดี');
    assert.match(text(shipped), /^สวัสดีคุณสมชาย ใจดี/);
    assert.match(text(shipped), /Kerry Express/);
    assert.ok(text(shipped).includes(`ติดตามพัสดุของคุณ: ${trackingUrl}`));
    assert.ok(html(shipped).includes(`href="${trackingUrl.replace(/&/g, '&amp;')}"`), 'the tracking link is the button');
    assert.match(text(shipped), /TH0123456789/);

    const delivered = await sendThroughJob('order_delivered', orderInput({ locale: 'fil', customerName: 'Jose Rizal', email: 'jose@example.test', currency: 'PHP' }));
    assert.equal(delivered.subject, 'Naihatid na ang order PSR-1001');
    assert.match(text(delivered), /^Kumusta Jose Rizal,/);

    const cancelled = await sendThroughJob('order_cancelled', orderInput({ locale: 'es', customerName: 'María López', email: 'maria@example.test', currency: 'MXN', reason: 'Pago no recibido' }));
    assert.equal(cancelled.subject, 'Pedido PSR-1001 cancelado');
    assert.match(text(cancelled), /^Hola, María López:/);
    assert.match(text(cancelled), /Motivo: Pago no recibido/);
    assert.equal(cancelled.headers.get('content-language'), 'es');

    const refunded = await sendThroughJob('order_refunded', orderInput({ locale: 'es', customerName: 'María López', email: 'maria@example.test', currency: 'MXN', refundAmount: 45_050 }));
    assert.equal(refunded.subject, 'Reembolso del pedido PSR-1001');
    assert.ok(text(refunded).includes(formatMoney(45_050, 'MXN', 'es')));
    assert.match(text(refunded), /450,50/); // the storefront formats the same way (plain `es`)
    assert.deepEqual(envelopes.at(-1), ['maria@example.test']);

    const jobs = await ctx.db.kysely.selectFrom('jobs').select(['status']).where('kind', '=', 'mail.send').execute();
    assert.ok(jobs.length >= 6 && jobs.every((j) => j.status === 'done'));
  });

  it('fails a message the server refuses for good (5xx) without retrying it', async () => {
    const count = received.length;
    const { id } = await enqueueMail(ctx, 'order_delivered', orderInput({ email: 'nobody@example.test' }));
    await runMailJobs();
    const job = await ctx.db.kysely.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(job.status, 'failed');
    assert.equal(job.attempts, 1);
    assert.match(job.last_error ?? '', /SMTP 550/);
    assert.equal(received.length, count);
  });

  it('retries while the mail server is unreachable, so a restart or outage loses nothing', async () => {
    const port = (smtp.server.address() as AddressInfo).port;
    const down = await createTestContextLike(ctx, `smtp://127.0.0.1:1`);
    const { id } = await enqueueMail(ctx, 'order_delivered', orderInput());
    await runJobsUntilIdle(ctx, { 'mail.send': mailJobHandler(down) }, { retryBaseMs: 60_000 });
    const job = await ctx.db.kysely.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(job.status, 'queued', 'back in the queue for a later attempt');
    assert.equal(job.attempts, 1);
    assert.ok(job.last_error);
    // The server is back: the retry delivers it.
    await ctx.db.kysely.updateTable('jobs').set({ run_at: new Date().toISOString() }).where('id', '=', id).execute();
    const count = received.length;
    await runMailJobs();
    assert.equal(received.length, count + 1);
    assert.ok(port > 0);
  });

  it('writes .eml files under DATA_DIR/outbox when no SMTP server is configured', async () => {
    const mailer = createMailer({ ...ctx.config, mail: { smtpUrl: null, from: 'Toko Kopi <orders@tokokopi.test>' } });
    const sent = await mailer.send({ to: { name: 'Siti', address: 'siti@example.test' }, subject: 'Halo', text: 'Halo Siti', html: '<p>Halo Siti</p>', language: 'id' });
    assert.ok(sent.file?.startsWith(`${ctx.config.dataDir}/outbox/`));
    const parsed = await simpleParser(fs.readFileSync(sent.file!));
    assert.equal(parsed.subject, 'Halo');
    assert.equal(to(parsed).address, 'siti@example.test');
    assert.equal(parsed.text?.trim(), 'Halo Siti');
    mailer.close();
  });
});

/** The same context with another SMTP_URL (a server that is down). */
async function createTestContextLike(ctx: TestContext, smtpUrl: string): Promise<TestContext> {
  return { ...ctx, config: { ...ctx.config, mail: { ...ctx.config.mail, smtpUrl } } };
}
