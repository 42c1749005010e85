import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SUPPORTED_LOCALES } from '../../config.ts';
import { ORDER_MAIL_TEMPLATES, type OrderMailInput } from './order-mail.types.ts';
import { orderShippedMail, renderOrderMail } from './order-mails.tsx';

const input: OrderMailInput = {
  orderNumber: 'PSR-7',
  customerName: '<script>alert(1)</script>',
  email: 'x@example.test',
  locale: 'en',
  currency: 'USD',
  lines: [{ name: "Mug ' OR 1=1 --", quantity: 1, unitPrice: 1299, total: 1299 }],
  totals: { subtotal: 1299, shipping: 500, tax: 0, total: 1799 },
};

describe('order mail templates', () => {
  it('renders every message in every language with a distinct subject naming the order', () => {
    for (const template of ORDER_MAIL_TEMPLATES) {
      const subjects = new Set<string>();
      for (const locale of SUPPORTED_LOCALES) {
        const mail = renderOrderMail(template, { ...input, locale, customerName: 'Dewi' }, { shopName: 'Pasar' });
        assert.match(mail.subject, /PSR-7/);
        assert.match(mail.text, /Dewi/);
        assert.match(mail.html, new RegExp(`<html lang="${locale}">`));
        subjects.add(mail.subject);
      }
      assert.equal(subjects.size, SUPPORTED_LOCALES.length, `${template} is translated`);
    }
  });

  it('escapes customer text in the HTML', () => {
    const mail = renderOrderMail('order_confirmation', input, { shopName: 'Pasar' });
    assert.doesNotMatch(mail.html, /<script>/);
    assert.match(mail.html, /&lt;script>|&lt;script&gt;/);
    assert.match(mail.text, /\$17\.99/);
  });

  it('links the shipped message to the carrier, or to the order page without a tracking URL', () => {
    const tracked = orderShippedMail({ ...input, shipment: { carrier: 'J&T', trackingNumber: 'JT1', trackingUrl: 'https://jt.example/JT1' }, orderUrl: 'https://shop.example/o/PSR-7' }, { shopName: 'Pasar' });
    assert.match(tracked.html, /href="https:\/\/jt.example\/JT1"/);
    const untracked = orderShippedMail({ ...input, shipment: { carrier: 'Kurir toko', trackingNumber: '-', trackingUrl: null }, orderUrl: 'https://shop.example/o/PSR-7' }, { shopName: 'Pasar' });
    assert.match(untracked.html, /href="https:\/\/shop.example\/o\/PSR-7"/);
    assert.throws(() => renderOrderMail('nope' as never, input, { shopName: 'Pasar' }), /unknown mail template/);
  });
});
