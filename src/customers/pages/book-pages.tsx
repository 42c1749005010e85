// The address book and the wishlist pages.
import type { ProductCard as Card } from '../../catalog/index.ts';
import { ProductGrid, type PageContext } from '../../storefront/index.ts';
import type { Address } from '../customers.schemas.ts';
import { AccountPage, Checkbox, ErrorSummary, Input, PostForm, Select, type FieldErrors } from './components.tsx';

export type AddressValues = Record<'name' | 'phone' | 'line1' | 'line2' | 'city' | 'region' | 'postal_code' | 'country', string> & { is_default: boolean };

export function addressesPage(page: PageContext, addresses: Address[], notice: string | null) {
  const { t } = page;
  const country = new Intl.DisplayNames([page.locale], { type: 'region' });
  return (
    <AccountPage page={page} current="addresses" title={t('addresses')} notice={notice}>
      {addresses.length === 0 ? <p>{t('no_addresses')}</p> : (
        <ul class="address-list" data-testid="addresses">
          {addresses.map((a) => (
            <li data-testid="address" data-default={a.is_default ? 'true' : 'false'}>
              <address>
                {a.name}<br />{a.line1}{a.line2 ? <><br />{a.line2}</> : null}<br />{a.city}, {a.region} {a.postal_code}<br />{country.of(a.country) ?? a.country}<br />{a.phone}
              </address>
              {a.is_default ? <p class="badge">{t('default_address')}</p> : null}
              <p class="address-actions">
                <a href={page.href(`/account/addresses/${a.id}`)}>{t('edit')}<span class="sr-only">: {a.line1}</span></a>
                {!a.is_default ? (
                  <PostForm page={page} action={`/account/addresses/${a.id}/default`} class="inline">
                    <button type="submit" class="link">{t('make_default')}<span class="sr-only">: {a.line1}</span></button>
                  </PostForm>
                ) : null}
                <PostForm page={page} action={`/account/addresses/${a.id}/delete`} class="inline">
                  <button type="submit" class="link">{t('delete')}<span class="sr-only">: {a.line1}</span></button>
                </PostForm>
              </p>
            </li>
          ))}
        </ul>
      )}
      <p><a class="button" href={page.href('/account/addresses/new')}>{t('add_address')}</a></p>
    </AccountPage>
  );
}

export function addressFormPage(page: PageContext, id: number | null, values: AddressValues, errors: FieldErrors, countries: string[]) {
  const { t } = page;
  const names = new Intl.DisplayNames([page.locale], { type: 'region' });
  const labels: Record<string, string> = {
    name: t('full_name'), phone: t('phone'), line1: t('address_line1'), line2: t('address_line2'), city: t('city'),
    region: t('region_region'), postal_code: t('postal_code'), country: t('country'),
  };
  const title = id === null ? t('add_address') : t('edit_address');
  const field = (name: keyof typeof labels, autocomplete: string, extra: { required?: boolean; type?: 'tel'; maxLength?: number } = {}) =>
    <Input name={name} label={labels[name]!} value={values[name as keyof AddressValues] as string} errors={errors} autocomplete={autocomplete} required={extra.required ?? true} type={extra.type} maxLength={extra.maxLength} />;
  const options = [...new Set([...countries, ...(values.country ? [values.country] : [])])].map((c) => ({ value: c, label: names.of(c) ?? c }));
  return (
    <AccountPage page={page} current="addresses" title={title}>
      <ErrorSummary page={page} errors={errors} labels={labels} />
      <PostForm page={page} action={id === null ? '/account/addresses' : `/account/addresses/${id}`} testid="address-form">
        {field('name', 'name', { maxLength: 120 })}
        {field('phone', 'tel', { type: 'tel', maxLength: 32 })}
        <Select name="country" label={labels.country!} value={values.country} options={options} errors={errors} autocomplete="country" />
        {field('line1', 'address-line1')}
        {field('line2', 'address-line2', { required: false })}
        {field('city', 'address-level2', { maxLength: 100 })}
        {field('region', 'address-level1', { maxLength: 100 })}
        {field('postal_code', 'postal-code', { maxLength: 12 })}
        <Checkbox name="is_default" label={t('use_as_default')} checked={values.is_default} />
        <p><button type="submit">{t('save')}</button></p>
      </PostForm>
      <p><a href={page.href('/account/addresses')}>{t('back')}</a></p>
    </AccountPage>
  );
}

export function wishlistPage(page: PageContext, cards: Card[], notice: string | null, error: string | null) {
  const { t } = page;
  return (
    <AccountPage page={page} current="wishlist" title={t('wishlist')} notice={notice}>
      {error ? <p class="error" role="alert">{error}</p> : null}
      {cards.length === 0 ? <p>{t('wishlist_empty')}</p> : (
        <>
          <ProductGrid cards={cards} page={page} headingLevel={2} />
          <ul class="wishlist-remove" data-testid="wishlist">
            {cards.map((c) => (
              <li data-testid="wishlist-item" data-slug={c.slug}>
                <PostForm page={page} action={`/account/wishlist/${c.id}/remove`} class="inline">
                  <button type="submit" class="link">{t('remove')}<span class="sr-only">: {c.name}</span></button>
                  <span aria-hidden="true"> {c.name}</span>
                </PostForm>
              </li>
            ))}
          </ul>
        </>
      )}
    </AccountPage>
  );
}
