// The three checkout steps — contact and address, delivery, payment — and the confirmation. Plain forms: each step
// posts, is checked on the server, and moves on or comes back with the problems beside the fields.
import type { CartView } from '../../cart/index.ts';
import { PHONE_PATTERN, rulesFor } from '../../checkout/index.ts';
import type { OrderView } from '../../orders/index.ts';
import type { PaymentInstructions, PaymentMethod } from '../../payments/index.ts';
import type { ShippingQuote } from '../../shipping/index.ts';
import { formatDeliveryWindow } from '../../shipping/index.ts';
import { CsrfField } from '../components/csrf-field.tsx';
import { Layout } from '../components/layout.tsx';
import { formatPrice } from '../format.ts';
import type { MessageKey } from '../i18n/index.ts';
import type { PageContext } from '../page-context.ts';

export type AddressValues = Record<'email' | 'name' | 'phone' | 'line1' | 'line2' | 'city' | 'region' | 'postal_code' | 'country', string>;
export type FieldErrors = Partial<Record<keyof AddressValues | 'shipping_option_id' | 'payment_method' | 'form', string>>;

function Steps({ page, current }: { page: PageContext; current: 1 | 2 | 3 }) {
  const steps: MessageKey[] = ['step_address', 'step_delivery', 'step_payment'];
  return (
    <ol class="checkout-steps">
      {steps.map((key, i) => <li aria-current={i + 1 === current ? 'step' : undefined}>{page.t(key)}</li>)}
    </ol>
  );
}

function CheckoutLayout({ page, current, children }: { page: PageContext; current: 1 | 2 | 3; children: preact.ComponentChildren }) {
  const title = page.t('checkout_title');
  return (
    <Layout page={page} seo={{ title, description: title, alternates: {}, canonicalPath: page.href('/checkout'), noindex: true }}>
      <h1>{title}</h1>
      <Steps page={page} current={current} />
      {children}
    </Layout>
  );
}

function Field(props: { page: PageContext; name: keyof AddressValues; label: string; values: AddressValues; errors: FieldErrors; type?: string; required?: boolean; pattern?: string; autocomplete: string; hint?: string }) {
  const { name, errors } = props;
  const error = errors[name];
  return (
    <p class="field">
      <label for={`f-${name}`}>{props.label}</label>
      <input
        id={`f-${name}`}
        name={name}
        type={props.type ?? 'text'}
        value={props.values[name]}
        required={props.required !== false}
        pattern={props.pattern}
        autocomplete={props.autocomplete}
        maxLength={name === 'email' ? 254 : 200}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `e-${name}` : undefined}
      />
      {error ? <span class="error" id={`e-${name}`}>{error}</span> : null}
    </p>
  );
}

export function addressStep(page: PageContext, values: AddressValues, errors: FieldErrors, countries: string[]) {
  const { t } = page;
  const rules = rulesFor(values.country || countries[0] || 'ID');
  const regionKey = `region_${rules.regionLabel}` as MessageKey;
  const countryName = new Intl.DisplayNames([page.locale], { type: 'region' });
  const field = (name: keyof AddressValues, label: string, autocomplete: string, extra: Partial<Parameters<typeof Field>[0]> = {}) =>
    <Field page={page} name={name} label={label} values={values} errors={errors} autocomplete={autocomplete} {...extra} />;
  return (
    <CheckoutLayout page={page} current={1}>
      {errors.form ? <p class="error" role="alert">{errors.form}</p> : null}
      <form method="post" action={page.href('/checkout/address')} class="checkout-form" data-testid="checkout-address" novalidate={false}>
        <CsrfField page={page} />
        {field('email', t('email'), 'email', { type: 'email' })}
        {field('name', t('full_name'), 'name')}
        {field('phone', t('phone'), 'tel', { type: 'tel', pattern: PHONE_PATTERN })}
        <p class="field">
          <label for="f-country">{t('country')}</label>
          <select id="f-country" name="country" autocomplete="country">
            {countries.map((c) => <option value={c} selected={c === values.country}>{countryName.of(c) ?? c}</option>)}
          </select>
        </p>
        {field('line1', t('address_line1'), 'address-line1')}
        {field('line2', t('address_line2'), 'address-line2', { required: false })}
        {field('city', t('city'), 'address-level2')}
        {field('region', t(regionKey), 'address-level1')}
        {field('postal_code', t('postal_code'), 'postal-code', { pattern: rules.postalCode.pattern.replace(/^\^|\$$/g, '') })}
        <p class="actions">
          <a href={page.href('/cart')}>{t('back')}</a>
          <button type="submit">{t('continue_button')}</button>
        </p>
      </form>
    </CheckoutLayout>
  );
}

function datesText(page: PageContext, option: ShippingQuote): string {
  return page.t('arrives', { dates: formatDeliveryWindow(option.delivery, page.locale) });
}

export function deliveryStep(page: PageContext, options: ShippingQuote[], selected: string | null, errors: FieldErrors) {
  const { t, locale } = page;
  return (
    <CheckoutLayout page={page} current={2}>
      {options.length === 0 ? (
        <p class="error" role="alert">{t('no_delivery_options')} <a href={page.href('/checkout')}>{t('back')}</a></p>
      ) : (
        <form method="post" action={page.href('/checkout/delivery')} class="checkout-form" data-testid="checkout-delivery">
          <CsrfField page={page} />
          <fieldset>
            <legend>{t('delivery_option')}</legend>
            {errors.shipping_option_id ? <p class="error" role="alert">{errors.shipping_option_id}</p> : null}
            {options.map((o, i) => (
              <p class="choice">
                <input type="radio" id={`ship-${o.id}`} name="shipping_option_id" value={o.id} checked={selected ? selected === o.id : i === 0} required />
                <label for={`ship-${o.id}`}>
                  <strong>{o.name}</strong> — <span data-testid="shipping-price">{o.price === 0 ? t('free') : formatPrice(o.price, o.currency, locale)}</span>
                  <span class="small" data-testid="delivery-window"> · {datesText(page, o)}</span>
                </label>
              </p>
            ))}
          </fieldset>
          <p class="actions">
            <a href={page.href('/checkout')}>{t('back')}</a>
            <button type="submit">{t('continue_button')}</button>
          </p>
        </form>
      )}
    </CheckoutLayout>
  );
}

function Summary({ page, cart, selected }: { page: PageContext; cart: CartView; selected: ShippingQuote | null }) {
  const { t } = page;
  const money = (n: number) => formatPrice(n, cart.currency, page.locale);
  const includedTax = cart.adjustments.filter((a) => a.stage === 'tax' && a.included).reduce((s, a) => s + a.amount, 0);
  return (
    <section aria-labelledby="summary" class="summary-box">
      <h2 id="summary">{t('order_summary')}</h2>
      <ul class="summary-lines">
        {cart.items.map((i) => <li>{i.quantity} × {i.product.name}{i.options ? ` (${i.options})` : ''} — {money(i.line_total)}</li>)}
      </ul>
      <dl class="totals">
        <dt>{t('subtotal')}</dt><dd>{money(cart.totals.subtotal)}</dd>
        {selected ? <><dt>{t('shipping')}: {selected.name}</dt><dd>{selected.price === 0 ? t('free') : money(selected.price)}</dd></> : null}
        {cart.adjustments.filter((a) => a.stage === 'tax' && !a.included).map((a) => <><dt>{a.label}</dt><dd>{money(a.amount)}</dd></>)}
        <dt>{t('total')}</dt><dd data-testid="checkout-total">{money(cart.totals.total)}</dd>
      </dl>
      {includedTax > 0 ? <p class="small">{t('tax_included_total', { amount: money(includedTax) })}</p> : null}
      {selected ? <p class="small" data-testid="delivery-window">{datesText(page, selected)}</p> : null}
    </section>
  );
}

export function paymentStep(page: PageContext, cart: CartView, selected: ShippingQuote, methods: PaymentMethod[], idempotencyKey: string, errors: FieldErrors) {
  const { t } = page;
  return (
    <CheckoutLayout page={page} current={3}>
      <Summary page={page} cart={cart} selected={selected} />
      {errors.form ? <p class="error" role="alert">{errors.form}</p> : null}
      <form method="post" action={page.href('/checkout/place')} class="checkout-form" data-testid="checkout-payment">
        <input type="hidden" name="idempotency_key" value={idempotencyKey} />
        <CsrfField page={page} />
        <fieldset>
          <legend>{t('payment_method')}</legend>
          {methods.map((m, i) => (
            <p class="choice">
              <input type="radio" id={`pay-${m}`} name="payment_method" value={m} checked={i === 0} required />
              <label for={`pay-${m}`}>{t(`pay_${m}` as MessageKey)}</label>
            </p>
          ))}
        </fieldset>
        <p class="actions">
          <a href={page.href('/checkout/delivery')}>{t('back')}</a>
          <button type="submit">{t('place_order')}</button>
        </p>
      </form>
    </CheckoutLayout>
  );
}

export function confirmationPage(page: PageContext, order: OrderView, payment: PaymentInstructions | null) {
  const { t } = page;
  const money = (n: number) => formatPrice(n, order.currency, page.locale);
  const title = t('order_placed', { number: order.number });
  return (
    <Layout page={page} seo={{ title, description: title, alternates: {}, canonicalPath: page.href(`/checkout/confirmation/${order.number}`), noindex: true }}>
      <h1 data-testid="order-number" data-number={order.number}>{title}</h1>
      <section aria-labelledby="pay" data-testid="payment-instructions" data-kind={payment?.kind}>
        <h2 id="pay">{t('payment_method')}: {t(`pay_${order.payment_method}` as MessageKey)}</h2>
        {payment?.kind === 'cod' ? <p>{t('pay_on_delivery', { amount: money(payment.amount) })}</p> : null}
        {payment?.kind === 'bank_transfer' ? (
          <>
            <p>{t('pay_by_transfer', { amount: money(payment.amount), reference: payment.reference })}</p>
            <table class="accounts">
              <thead><tr><th scope="col">{t('bank')}</th><th scope="col">{t('account_name')}</th><th scope="col">{t('account_number')}</th></tr></thead>
              <tbody>{payment.accounts.map((a) => <tr><td>{a.bank}</td><td>{a.account_name}</td><td>{a.account_number}</td></tr>)}</tbody>
            </table>
          </>
        ) : null}
        {payment?.kind === 'qr' ? (
          <>
            <p>{t('pay_by_qr', { amount: money(payment.amount) })}</p>
            <div class="qr" data-payload={payment.payload} dangerouslySetInnerHTML={{ __html: payment.svg }} />
          </>
        ) : null}
      </section>
      <section aria-labelledby="summary">
        <h2 id="summary">{t('order_summary')}</h2>
        <ul>{order.lines.map((l) => <li>{l.quantity} × {l.name} — {money(l.line_total)}</li>)}</ul>
        <p>{t('shipping')}: {order.shipping.name} · {t('arrives', { dates: formatDeliveryWindow({ earliest: order.shipping.delivery_earliest, latest: order.shipping.delivery_latest }, page.locale) })}</p>
        <p><strong>{t('total')}: {money(order.totals.total)}</strong></p>
      </section>
    </Layout>
  );
}
