// The cart page: each line with its quantity form and remove button, the adjustments and totals. Works without
// JavaScript: every change is a small form post that comes back here.
import type { CartView } from '../../cart/index.ts';
import { ProductPicture } from '../../catalog/images/picture.tsx';
import { CsrfField } from '../components/csrf-field.tsx';
import { Layout } from '../components/layout.tsx';
import { formatPrice } from '../format.ts';
import type { PageContext } from '../page-context.ts';
import { productPath } from '../paths.ts';

export function cartPage(page: PageContext, cart: CartView | null, notice: string | null, error: string | null) {
  const { t, locale } = page;
  const money = (amount: number) => formatPrice(amount, cart!.currency, locale);
  const title = t('cart_title');
  const includedTax = cart?.adjustments.filter((a) => a.stage === 'tax' && a.included).reduce((s, a) => s + a.amount, 0) ?? 0;
  return (
    <Layout page={page} seo={{ title, description: title, alternates: {}, canonicalPath: page.href('/cart'), noindex: true }}>
      <h1>{title}</h1>
      {notice ? <p class="notice" role="status">{notice}</p> : null}
      {error ? <p class="error" role="alert">{error}</p> : null}
      {!cart || cart.items.length === 0 ? (
        <p>{t('cart_empty')} <a href={page.href('/')}>{t('continue_shopping')}</a></p>
      ) : (
        <>
          <table class="cart-lines" data-testid="cart-lines">
            <caption class="sr-only">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t('product')}</th>
                <th scope="col">{t('unit_price')}</th>
                <th scope="col">{t('quantity')}</th>
                <th scope="col">{t('total')}</th>
              </tr>
            </thead>
            <tbody>
              {cart.items.map((line) => (
                <tr data-testid="cart-line" data-sku={line.sku}>
                  <th scope="row">
                    {line.image ? <ProductPicture image={{ ...line.image, alt: '' }} sizes="64px" displayWidth={64} /> : null}
                    <a href={page.href(productPath(line.product.slug))}>{line.product.name}</a>
                    {line.options ? <span class="options"> {line.options}</span> : null}
                    {line.problem ? <span class="error"> {t('item_unavailable')}</span> : null}
                  </th>
                  <td>
                    <span data-currency={cart.currency}>{money(line.unit_price)}</span>
                    {line.tier_min_quantity ? <span class="tier-note"> {t('tier_applied', { n: line.tier_min_quantity })}</span> : null}
                  </td>
                  <td>
                    <form method="post" action={page.href(`/cart/items/${line.id}`)} class="qty">
                      <CsrfField page={page} />
                      <label class="sr-only" for={`qty-${line.id}`}>{t('quantity')}: {line.product.name}</label>
                      <input id={`qty-${line.id}`} type="number" name="quantity" min={1} max={9999} value={line.quantity} inputMode="numeric" required />
                      <button type="submit">{t('update')}</button>
                    </form>
                    <form method="post" action={page.href(`/cart/items/${line.id}/remove`)}>
                      <CsrfField page={page} />
                      <button type="submit" class="link">{t('remove')}<span class="sr-only">: {line.product.name}</span></button>
                    </form>
                  </td>
                  <td data-testid="line-total">{money(line.line_total)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <dl class="totals" data-testid="cart-totals">
            <dt>{t('subtotal')}</dt>
            <dd>{money(cart.totals.subtotal)}</dd>
            {cart.adjustments.filter((a) => !a.included).map((a) => (
              <>
                <dt>{a.label}</dt>
                <dd>{money(a.amount)}</dd>
              </>
            ))}
            <dt>{t('total')}</dt>
            <dd data-testid="cart-total">{money(cart.totals.total)}</dd>
          </dl>
          {includedTax > 0 ? <p class="small">{t('tax_included_note', { amount: money(includedTax) })}</p> : null}
          <p class="small">{t('shipping_at_checkout')}</p>
          <p class="actions">
            <a href={page.href('/')}>{t('continue_shopping')}</a>
            <a class="button" href={page.href('/checkout')}>{t('checkout')}</a>
          </p>
        </>
      )}
    </Layout>
  );
}
