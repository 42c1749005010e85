// The filter sidebar: one GET form with facet counts (works without JavaScript). On a phone it is collapsed behind
// a checkbox toggle styled as a button (CSS only); on wider screens it is always open.
import type { Facets, FacetValue } from '../../search/index.ts';
import { formatPrice } from '../format.ts';
import type { ListingQuery } from '../listing-query.ts';
import type { PageContext } from '../page-context.ts';

interface FiltersProps {
  page: PageContext;
  facets: Facets;
  query: ListingQuery;
  action: string;
  /** Search pages filter by category in the form; category pages link to subcategories instead. */
  showCategories: boolean;
}

function Choice({ type, name, value, label, count, checked, id }: { type: 'radio' | 'checkbox'; name: string; value: string; label: string; count?: number; checked: boolean; id: string }) {
  return (
    <li>
      <input type={type} id={id} name={name} value={value} checked={checked} />
      <label for={id}>{label}{count !== undefined ? ` (${count})` : ''}</label>
    </li>
  );
}

const visible = (values: FacetValue[]) => values.filter((v) => v.count > 0 || v.selected);
const idFor = (...parts: Array<string | number>) => 'f-' + parts.join('-').replace(/[^A-Za-z0-9_-]/g, '_');

export function Filters({ page, facets, query, action, showCategories }: FiltersProps) {
  const { t, locale } = page;
  const brands = visible(facets.brands);
  const categories = visible(facets.categories);
  return (
    <section class="filters-panel" aria-labelledby="filters-title">
      <input type="checkbox" id="filters-open" class="filters-toggle-input" />
      <label for="filters-open" class="filters-toggle" data-testid="filters-toggle">{t('show_filters')}</label>
      <form method="get" action={action} data-testid="filters" class="filters">
        <h2 id="filters-title">{t('filters')}</h2>
        {query.q ? <input type="hidden" name="q" value={query.q} /> : null}
        {query.sort ? <input type="hidden" name="sort" value={query.sort} /> : null}
        {query.featured ? <input type="hidden" name="featured" value="true" /> : null}
        {showCategories && categories.length > 0 ? (
          <fieldset>
            <legend>{t('category')}</legend>
            <ul>
              <Choice type="radio" name="category" value="" label={t('all_categories')} checked={!query.category} id="f-category-all" />
              {categories.map((c) => <Choice type="radio" name="category" value={c.value} label={c.label} count={c.count} checked={c.selected} id={idFor('category', c.value)} />)}
            </ul>
          </fieldset>
        ) : null}
        {brands.length > 0 ? (
          <fieldset>
            <legend>{t('brand')}</legend>
            <ul>
              <Choice type="radio" name="brand" value="" label={t('all_brands')} checked={!query.brand} id="f-brand-all" />
              {brands.map((b) => <Choice type="radio" name="brand" value={b.value} label={b.label} count={b.count} checked={b.selected} id={idFor('brand', b.value)} />)}
            </ul>
          </fieldset>
        ) : null}
        {facets.attributes.map((a) => {
          const values = visible(a.values);
          if (values.length === 0) return null;
          return (
            <fieldset>
              <legend>{a.name}{a.unit ? ` (${a.unit})` : ''}</legend>
              <ul>
                {values.map((v) => <Choice type="checkbox" name={`attr.${a.code}`} value={v.value} label={v.label} count={v.count} checked={v.selected} id={idFor('attr', a.code, v.value)} />)}
              </ul>
            </fieldset>
          );
        })}
        {facets.price.ranges.length > 0 ? (
          <fieldset>
            <legend>{t('price')}</legend>
            <ul>
              <Choice type="radio" name="price" value="" label={t('any_price')} checked={query.min_price === undefined && query.max_price === undefined} id="f-price-any" />
              {facets.price.ranges.filter((r) => r.count > 0).map((r) => {
                const label = r.max === null
                  ? `≥ ${formatPrice(r.min, facets.price.currency, locale)}`
                  : `${formatPrice(r.min, facets.price.currency, locale)} – ${formatPrice(r.max, facets.price.currency, locale)}`;
                const checked = query.min_price === r.min && (query.max_price ?? null) === r.max;
                return <Choice type="radio" name="price" value={`${r.min}..${r.max ?? ''}`} label={label} count={r.count} checked={checked} id={idFor('price', r.min)} />;
              })}
            </ul>
          </fieldset>
        ) : null}
        {facets.rating.some((r) => r.count > 0) ? (
          <fieldset>
            <legend>{t('rating')}</legend>
            <ul>
              <Choice type="radio" name="min_rating" value="" label={t('any_rating')} checked={query.min_rating === undefined} id="f-rating-any" />
              {facets.rating.filter((r) => r.count > 0).map((r) => (
                <Choice type="radio" name="min_rating" value={String(r.min)} label={t('and_up', { n: r.min })} count={r.count} checked={query.min_rating === r.min} id={idFor('rating', r.min)} />
              ))}
            </ul>
          </fieldset>
        ) : null}
        <fieldset>
          <legend>{t('availability')}</legend>
          <ul>
            <Choice type="checkbox" name="in_stock" value="true" label={t('in_stock_only')} count={facets.in_stock.count} checked={query.in_stock === true} id="f-in-stock" />
          </ul>
        </fieldset>
        <div class="actions">
          <button type="submit">{t('apply_filters')}</button>
          <a href={action + (query.q ? `?q=${encodeURIComponent(query.q)}` : '')}>{t('clear_filters')}</a>
        </div>
      </form>
    </section>
  );
}
