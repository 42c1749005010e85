// Order emails: one typed function per message, each rendering subject, plain text and HTML in the customer's
// language. The HTML is Preact rendered to a string (every value escaped) with inline styles, as mail clients want.
import { renderToString } from 'preact-render-to-string';
import { SUPPORTED_LOCALES, type Locale } from '../../config.ts';
import { formatDay, formatMoney } from './money.ts';
import { ORDER_MAIL_TEMPLATES, type OrderMailInput, type OrderMailTemplate, type RenderedMail } from './order-mail.types.ts';
import { fill, MAIL_STRINGS } from './strings.ts';

export interface RenderOptions {
  shopName: string;
}

interface Row {
  label: string;
  value: string;
  strong?: boolean;
}

/** Everything a message shows, already in the customer's language; text and HTML are two views of it. */
interface MailModel {
  locale: Locale;
  subject: string;
  greeting: string;
  intro: string;
  details: Row[];
  lineHeader: [string, string, string];
  lines: Array<{ name: string; variant?: string; quantity: number; total: string }>;
  totals: Row[];
  instructions: string[];
  action?: { label: string; url: string };
  footer: string[];
}

function buildModel(template: OrderMailTemplate, input: OrderMailInput, options: RenderOptions): MailModel {
  const locale = (SUPPORTED_LOCALES as readonly string[]).includes(input.locale) ? input.locale : 'en';
  const t = MAIL_STRINGS[locale];
  const money = (minor: number) => formatMoney(minor, input.currency, locale);
  const values = {
    n: input.orderNumber,
    carrier: input.shipment?.carrier ?? '',
    amount: money(input.refundAmount ?? input.totals.total),
    shop: options.shopName,
  };
  const message = t.messages[template];

  const details: Row[] = [];
  if (template === 'order_shipped' && input.shipment) details.push({ label: t.trackingNumber, value: input.shipment.trackingNumber });
  if (input.delivery && (template === 'order_confirmation' || template === 'payment_received' || template === 'order_shipped')) {
    const earliest = formatDay(input.delivery.earliest, locale);
    const latest = formatDay(input.delivery.latest, locale);
    details.push({ label: t.expectedDelivery, value: earliest === latest ? earliest : `${earliest} – ${latest}` });
  }
  if (input.paymentMethod && (template === 'order_confirmation' || template === 'payment_received')) details.push({ label: t.paymentMethod, value: input.paymentMethod });
  if (template === 'order_cancelled' && input.reason) details.push({ label: t.reason, value: input.reason });

  const totals: Row[] = [{ label: t.subtotal, value: money(input.totals.subtotal) }];
  if (input.totals.discount) totals.push({ label: t.discount, value: `−${money(input.totals.discount)}` });
  totals.push({ label: t.shipping, value: money(input.totals.shipping) });
  if (input.totals.tax) totals.push({ label: input.totals.taxIncluded ? t.taxIncluded : t.tax, value: money(input.totals.tax) });
  totals.push({ label: t.total, value: money(input.totals.total), strong: true });

  const trackingUrl = input.shipment?.trackingUrl;
  const action =
    template === 'order_shipped' && trackingUrl
      ? { label: t.trackParcel, url: trackingUrl }
      : input.orderUrl
        ? { label: t.viewOrder, url: input.orderUrl }
        : undefined;

  return {
    locale,
    subject: fill(message.subject, values),
    greeting: t.greeting(input.customerName),
    intro: fill(message.intro, values),
    details,
    lineHeader: [t.item, t.quantity, t.price],
    lines: input.lines.map((l) => ({ name: l.name, variant: l.variant, quantity: l.quantity, total: money(l.total) })),
    totals,
    instructions: template === 'order_confirmation' ? (input.paymentInstructions ?? []) : [],
    action,
    footer: [fill(t.thanks, values), t.questions],
  };
}

function renderText(m: MailModel): string {
  const out = [m.greeting, '', m.intro, ''];
  for (const d of m.details) out.push(`${d.label}: ${d.value}`);
  if (m.details.length) out.push('');
  if (m.action) out.push(`${m.action.label}: ${m.action.url}`, '');
  for (const line of m.instructions) out.push(line);
  if (m.instructions.length) out.push('');
  for (const l of m.lines) out.push(`${l.quantity} × ${l.name}${l.variant ? ` (${l.variant})` : ''}  ${l.total}`);
  out.push('');
  for (const r of m.totals) out.push(`${r.label}: ${r.value}`);
  out.push('', ...m.footer);
  return out.join('\n') + '\n';
}

const cell = { padding: '6px 0', borderBottom: '1px solid #e5e7eb', verticalAlign: 'top' } as const;

function MailHtml({ m }: { m: MailModel }) {
  return (
    <html lang={m.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{m.subject}</title>
      </head>
      <body style={{ margin: 0, padding: '24px 12px', background: '#f3f4f6', fontFamily: 'Arial, Helvetica, sans-serif', color: '#111827' }}>
        <table role="presentation" width="100%" style={{ maxWidth: '600px', margin: '0 auto', background: '#ffffff', borderRadius: '8px', padding: '24px' }}>
          <tbody>
            <tr>
              <td>
                <p style={{ fontSize: '16px' }}>{m.greeting}</p>
                <p style={{ fontSize: '16px', lineHeight: '1.5' }}>{m.intro}</p>
                {m.details.map((d) => (
                  <p style={{ margin: '4px 0' }}>
                    <strong>{d.label}:</strong> {d.value}
                  </p>
                ))}
                {m.action && (
                  <p style={{ margin: '20px 0' }}>
                    <a href={m.action.url} style={{ background: '#0f766e', color: '#ffffff', padding: '10px 18px', borderRadius: '6px', textDecoration: 'none', display: 'inline-block' }}>
                      {m.action.label}
                    </a>
                  </p>
                )}
                {m.instructions.map((line) => (
                  <p style={{ margin: '4px 0', fontFamily: 'monospace' }}>{line}</p>
                ))}
                <table role="presentation" width="100%" style={{ borderCollapse: 'collapse', marginTop: '16px' }}>
                  <thead>
                    <tr>
                      <th align="left" style={cell}>{m.lineHeader[0]}</th>
                      <th align="right" style={cell}>{m.lineHeader[1]}</th>
                      <th align="right" style={cell}>{m.lineHeader[2]}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {m.lines.map((l) => (
                      <tr>
                        <td style={cell}>
                          {l.name}
                          {l.variant && <div style={{ color: '#6b7280', fontSize: '13px' }}>{l.variant}</div>}
                        </td>
                        <td align="right" style={cell}>{l.quantity}</td>
                        <td align="right" style={cell}>{l.total}</td>
                      </tr>
                    ))}
                    {m.totals.map((r) => (
                      <tr>
                        <td colSpan={2} align="right" style={{ padding: '4px 8px', fontWeight: r.strong ? 'bold' : 'normal' }}>{r.label}</td>
                        <td align="right" style={{ padding: '4px 0', fontWeight: r.strong ? 'bold' : 'normal' }}>{r.value}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                {m.footer.map((line) => (
                  <p style={{ color: '#6b7280', fontSize: '14px' }}>{line}</p>
                ))}
              </td>
            </tr>
          </tbody>
        </table>
      </body>
    </html>
  );
}

function render(template: OrderMailTemplate, input: OrderMailInput, options: RenderOptions): RenderedMail {
  const model = buildModel(template, input, options);
  return { subject: model.subject, text: renderText(model), html: '<!doctype html>' + renderToString(<MailHtml m={model} />) };
}

export const orderConfirmationMail = (input: OrderMailInput, options: RenderOptions) => render('order_confirmation', input, options);
export const paymentReceivedMail = (input: OrderMailInput, options: RenderOptions) => render('payment_received', input, options);
/** Needs input.shipment: the tracking link is the message's main action. */
export const orderShippedMail = (input: OrderMailInput & Required<Pick<OrderMailInput, 'shipment'>>, options: RenderOptions) => render('order_shipped', input, options);
export const orderDeliveredMail = (input: OrderMailInput, options: RenderOptions) => render('order_delivered', input, options);
export const orderCancelledMail = (input: OrderMailInput, options: RenderOptions) => render('order_cancelled', input, options);
/** Shows input.refundAmount (the order total when absent). */
export const orderRefundedMail = (input: OrderMailInput, options: RenderOptions) => render('order_refunded', input, options);

/** Renders any order email by name (the `mail.send` job stores the name). */
export function renderOrderMail(template: OrderMailTemplate, input: OrderMailInput, options: RenderOptions): RenderedMail {
  if (!(ORDER_MAIL_TEMPLATES as readonly string[]).includes(template)) throw new Error(`unknown mail template "${template}"`);
  return render(template, input, options);
}
