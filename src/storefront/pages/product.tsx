// The product page: gallery, name, price with compare-at and tier prices, stock, buyer rating and expert ratings
// (apart), description, specifications, reviews, and similar / complementary / pairing rails. JSON-LD Product.
import { SUPPORTED_LOCALES, type Locale } from '../../platform/config.ts';
import type { ProductDetail } from '../../catalog/index.ts';
import { ProductPicture } from '../../catalog/images/picture.tsx';
import { imageUrl, widthsFor } from '../../catalog/images/urls.ts';
import { Breadcrumbs, breadcrumbJsonLd, type Crumb } from '../components/breadcrumbs.tsx';
import { CsrfField } from '../components/csrf-field.tsx';
import { Layout } from '../components/layout.tsx';
import { pageCount, Pagination } from '../components/pagination.tsx';
import { Price } from '../components/price.tsx';
import { ProductGrid } from '../components/product-card.tsx';
import { Stars } from '../components/rating.tsx';
import { decimalPrice, formatDate, formatPrice } from '../format.ts';
import type { PageContext } from '../page-context.ts';
import type { DeliveryEstimate } from '../delivery-estimate.ts';
import { formatDeliveryWindow } from '../../shipping/index.ts';
import { categoryPath, localePath, productPath, queryString } from '../paths.ts';

const AVAILABILITY = {
  in_stock: 'https://schema.org/InStock',
  low_stock: 'https://schema.org/LimitedAvailability',
  out_of_stock: 'https://schema.org/OutOfStock',
} as const;

/** The largest rendition of an image, as an absolute URL (JSON-LD and Open Graph want one). */
function absoluteImage(baseUrl: string, image: { storage_key: string; width: number }): string {
  const widths = widthsFor(image.width);
  return baseUrl + imageUrl(image.storage_key, widths[widths.length - 1]!, 'jpeg');
}

/** Text with blank-line paragraphs → <p> elements (Preact escapes the text). */
function Paragraphs({ text }: { text: string }) {
  return <>{text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean).map((p) => <p>{p}</p>)}</>;
}

function describe(detail: ProductDetail): string {
  const text = detail.seo_description ?? detail.short_description ?? detail.description ?? detail.name;
  return text.length > 160 ? text.slice(0, 157).replace(/\s+\S*$/, '') + '…' : text;
}

export function productJsonLd(detail: ProductDetail, page: PageContext, url: string) {
  const base = page.app.config.baseUrl;
  const images = detail.images.map((i) => absoluteImage(base, i));
  const data: Record<string, unknown> = {
    '@context': 'https://schema.org',
    '@type': 'Product',
    name: detail.name,
    description: detail.short_description ?? detail.description ?? detail.name,
    url,
    // Google requires an image: without photos, the shop's placeholder stands in.
    image: images.length > 0 ? images : [base + '/assets/placeholder.svg'],
  };
  if (detail.variants[0]) data.sku = detail.variants[0].sku;
  if (detail.variants[0]?.barcode) data.gtin13 = detail.variants[0].barcode;
  if (detail.brand) data.brand = { '@type': 'Brand', name: detail.brand.name };
  if (detail.breadcrumb.length > 0) data.category = detail.breadcrumb.map((c) => c.name).join(' > ');
  if (detail.price) {
    data.offers = {
      '@type': 'Offer',
      url,
      price: decimalPrice(detail.price.amount, detail.currency),
      priceCurrency: detail.currency,
      availability: AVAILABILITY[detail.stock],
      itemCondition: 'https://schema.org/NewCondition',
    };
  }
  if (detail.rating.count > 0 && detail.rating.average !== null) {
    data.aggregateRating = { '@type': 'AggregateRating', ratingValue: detail.rating.average, reviewCount: detail.rating.count, bestRating: 5, worstRating: 1 };
    data.review = detail.reviews.items.slice(0, 5).map((r) => ({
      '@type': 'Review',
      author: { '@type': 'Person', name: r.author_name },
      datePublished: r.created_at.slice(0, 10),
      name: r.title,
      reviewBody: r.body,
      reviewRating: { '@type': 'Rating', ratingValue: r.rating, bestRating: 5, worstRating: 1 },
    }));
  }
  return data;
}

export function productPage(page: PageContext, detail: ProductDetail, delivery: DeliveryEstimate | null = null) {
  const { app, locale, t } = page;
  const base = app.config.baseUrl;
  const defaultLocale = app.config.defaultLocale;
  const path = page.href(productPath(detail.slug));
  const alternates = Object.fromEntries(
    SUPPORTED_LOCALES.map((l) => [l, localePath(l, defaultLocale, productPath(detail.slugs[l] ?? detail.slugs[defaultLocale] ?? detail.slug))]),
  ) as Record<Locale, string>;
  const crumbs: Crumb[] = [
    { name: t('home'), path: page.href('/') },
    ...detail.breadcrumb.map((c) => ({ name: c.name, path: page.href(categoryPath(c.slug)) })),
    { name: detail.name, path },
  ];
  const cheapest = detail.variants.filter((v) => v.price).sort((a, b) => a.price!.amount - b.price!.amount)[0];
  const multi = detail.variants.length > 1;
  const reviewPages = pageCount(detail.reviews.total, detail.reviews.per_page);
  const reviewsUrl = (n: number) => path + queryString([['reviews_sort', detail.reviews.sort === 'newest' ? undefined : detail.reviews.sort], ['reviews_page', n > 1 ? n : undefined]]) + '#reviews';
  const [mainImage, ...moreImages] = detail.images;
  const rails = [
    { id: 'similar', title: t('similar'), cards: detail.related.similar },
    { id: 'complementary', title: t('complementary'), cards: detail.related.complementary },
    { id: 'pairing', title: t('pairing'), cards: detail.related.pairing },
  ].filter((r) => r.cards.length > 0);

  return (
    <Layout
      page={page}
      seo={{
        title: detail.seo_title ?? (detail.brand && !detail.name.includes(detail.brand.name) ? `${detail.name} – ${detail.brand.name}` : detail.name),
        description: describe(detail),
        alternates,
        ogType: 'product',
        image: mainImage ? absoluteImage(base, mainImage) : undefined,
        jsonLd: [productJsonLd(detail, page, base + path), breadcrumbJsonLd(crumbs, base)],
      }}
    >
      <Breadcrumbs crumbs={crumbs} page={page} />
      <div class="product" lang={detail.text_locale !== locale ? detail.text_locale : undefined}>
        <section class="gallery" aria-label={t('gallery')}>
          {mainImage ? (
            <ProductPicture image={mainImage} sizes="(min-width: 900px) 480px, 100vw" displayWidth={480} eager class="main-image" />
          ) : (
            <span class="main-image placeholder" aria-hidden="true">{detail.name.slice(0, 1)}</span>
          )}
          {moreImages.length > 0 ? (
            <ul class="thumbs">
              {moreImages.map((i) => <li><ProductPicture image={i} sizes="120px" displayWidth={160} /></li>)}
            </ul>
          ) : null}
        </section>
        <div class="summary">
          <h1>{detail.name}</h1>
          {detail.brand ? <p class="brand">{detail.brand.name}</p> : null}
          {detail.short_description ? <p class="lead">{detail.short_description}</p> : null}
          {detail.price ? <Price amount={detail.price.amount} currency={detail.currency} compareAt={detail.price.compare_at_amount} from={detail.price.from} locale={locale} t={t} large /> : null}
          {cheapest && cheapest.tier_prices.length > 0 && !multi ? (
            <div class="tiers">
              <h2 class="small">{t('tier_prices')}</h2>
              <ul>{cheapest.tier_prices.map((tp) => <li>{t('tier', { n: tp.min_quantity, price: formatPrice(tp.amount, detail.currency, locale) })}</li>)}</ul>
            </div>
          ) : null}
          <p class={`stock stock-${detail.stock}`}>
            {!multi && detail.variants[0]?.stock.available != null && detail.stock !== 'out_of_stock'
              ? t('n_left', { n: detail.variants[0].stock.available })
              : t(detail.stock)}
          </p>
          {multi ? (
            <table class="variants">
              <caption>{t('options')}</caption>
              <thead>
                <tr>
                  {detail.options.map((o) => <th scope="col">{o.name}</th>)}
                  <th scope="col">{t('price')}</th>
                  <th scope="col">{t('availability')}</th>
                </tr>
              </thead>
              <tbody>
                {detail.variants.map((v) => (
                  <tr>
                    {detail.options.map((o, i) => (i === 0
                      ? <th scope="row">{v.options.find((x) => x.option === o.code)?.label ?? v.sku}</th>
                      : <td>{v.options.find((x) => x.option === o.code)?.label ?? ''}</td>))}
                    <td>
                      {v.price ? <span data-currency={detail.currency}>{formatPrice(v.price.amount, detail.currency, locale)}</span> : '–'}
                      {v.tier_prices.length > 0 ? <ul class="tiers-inline">{v.tier_prices.map((tp) => <li>{t('tier', { n: tp.min_quantity, price: formatPrice(tp.amount, detail.currency, locale) })}</li>)}</ul> : null}
                    </td>
                    <td class={`stock-${v.stock.status}`}>{v.stock.available !== null && v.stock.status !== 'out_of_stock' ? t('n_left', { n: v.stock.available }) : t(v.stock.status)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {delivery ? (
            <p class="delivery" data-testid="delivery-estimate">
              {t('delivery_estimate', {
                country: new Intl.DisplayNames([locale], { type: 'region' }).of(delivery.country) ?? delivery.country,
                price: delivery.quote.price === 0 ? t('free') : formatPrice(delivery.quote.price, delivery.quote.currency, locale),
                dates: formatDeliveryWindow(delivery.quote.delivery, locale),
              })}
            </p>
          ) : null}
          <AddToCart page={page} detail={detail} />
          <form class="wishlist-form" method="post" action={page.href('/account/wishlist')} data-testid="add-to-wishlist">
            <CsrfField page={page} />
            <input type="hidden" name="slug" value={detail.slug} />
            <button type="submit" class="link">{t('add_to_wishlist')}</button>
          </form>
          <p class="sku">{t('sku')}: {detail.variants.map((v) => v.sku).join(', ')}</p>
          <section class="rating-block" aria-labelledby="buyer-rating">
            <h2 id="buyer-rating">{t('buyer_rating')}</h2>
            {detail.rating.count > 0 && detail.rating.average !== null ? (
              <>
                <p><Stars average={detail.rating.average} count={detail.rating.count} t={t} /></p>
                <ul class="distribution">
                  {(['5', '4', '3', '2', '1'] as const).map((s) => (
                    <li>
                      <span>{t('stars_n', { n: s })}</span>
                      {/* A progress element, not a width in a style attribute: the CSP allows no inline styles. */}
                      <progress class="rating-bar" aria-hidden="true" max={detail.rating.count} value={detail.rating.distribution[s]} />
                      <span>{detail.rating.distribution[s]}</span>
                    </li>
                  ))}
                </ul>
              </>
            ) : <p>{t('no_reviews')}</p>}
          </section>
          {detail.expert_ratings.length > 0 ? (
            <section class="rating-block" aria-labelledby="expert-ratings">
              <h2 id="expert-ratings">{t('expert_ratings')}</h2>
              <ul class="experts">
                {detail.expert_ratings.map((e) => (
                  <li>
                    <strong>{e.source}</strong>: <span class="score">{Number(e.score.toFixed(1))}/{Number(e.scale_max.toFixed(1))}</span>
                    {e.note ? <> — <q>{e.note}</q></> : null}
                    {e.reviewed_on ? <> <time datetime={e.reviewed_on}>({formatDate(e.reviewed_on, locale)})</time></> : null}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </div>
      </div>
      {detail.description ? (
        <section aria-labelledby="description" class="prose">
          <h2 id="description">{t('description')}</h2>
          <Paragraphs text={detail.description} />
        </section>
      ) : null}
      {detail.specifications.length > 0 ? (
        <section aria-labelledby="specifications">
          <h2 id="specifications">{t('specifications')}</h2>
          <table class="specs">
            <tbody>
              {detail.specifications.map((s) => {
                const variant = s.variant_id === null ? undefined : detail.variants.find((v) => v.id === s.variant_id);
                const suffix = variant ? ` (${variant.options.map((o) => o.label).join(', ') || variant.sku})` : '';
                return <tr><th scope="row">{s.name}{suffix}</th><td>{s.value}</td></tr>;
              })}
            </tbody>
          </table>
        </section>
      ) : null}
      <section aria-labelledby="reviews-title" id="reviews">
        <h2 id="reviews-title">{t('customer_reviews')} ({detail.reviews.total})</h2>
        {detail.reviews.total > 1 ? (
          <p class="review-sort">
            {(['newest', 'helpful'] as const).map((s) => (s === detail.reviews.sort
              ? <span aria-current="true">{t(s === 'newest' ? 'reviews_newest' : 'reviews_helpful')}</span>
              : <a href={path + (s === 'newest' ? '' : '?reviews_sort=helpful') + '#reviews'}>{t(s === 'newest' ? 'reviews_newest' : 'reviews_helpful')}</a>))}
          </p>
        ) : null}
        {detail.reviews.items.length > 0 ? (
          <ul class="reviews">
            {detail.reviews.items.map((r) => (
              <li lang={r.locale}>
                <h3>{r.title}</h3>
                <p><Stars average={r.rating} t={t} /> · {r.author_name} · <time datetime={r.created_at}>{formatDate(r.created_at, locale)}</time>{r.verified_purchase ? <> · <span class="verified">{t('verified')}</span></> : null}</p>
                <Paragraphs text={r.body} />
                {r.helpful_votes > 0 ? <p class="meta">{t('helpful', { n: r.helpful_votes })}</p> : null}
              </li>
            ))}
          </ul>
        ) : <p>{t('no_reviews')}</p>}
        <Pagination current={detail.reviews.page} pages={reviewPages} url={reviewsUrl} page={page} />
      </section>
      {rails.map((r) => (
        <section aria-labelledby={`rail-${r.id}`}>
          <h2 id={`rail-${r.id}`}>{r.title}</h2>
          <ProductGrid cards={r.cards} page={page} />
        </section>
      ))}
    </Layout>
  );
}

/** The buy box: a variant choice (when there are several), a quantity and the add button; a plain form post. */
function AddToCart({ page, detail }: { page: PageContext; detail: ProductDetail }) {
  const { t, locale } = page;
  const buyable = detail.variants.filter((v) => v.price && v.stock.status !== 'out_of_stock');
  if (buyable.length === 0) return null;
  const label = (v: (typeof buyable)[number]) =>
    `${v.options.map((o) => o.label).join(' · ') || v.sku} — ${formatPrice(v.price!.amount, detail.currency, locale)}`;
  return (
    <form class="add-to-cart" method="post" action={page.href('/cart/add')} data-testid="add-to-cart">
      <CsrfField page={page} />
      {buyable.length > 1 ? (
        <p>
          <label for="sku">{t('choose_variant')}</label>
          <select id="sku" name="sku">{buyable.map((v) => <option value={v.sku}>{label(v)}</option>)}</select>
        </p>
      ) : (
        <input type="hidden" name="sku" value={buyable[0]!.sku} />
      )}
      <p>
        <label for="quantity">{t('quantity')}</label>
        <input id="quantity" type="number" name="quantity" min={1} max={9999} value={1} inputMode="numeric" required />
      </p>
      <button type="submit">{t('add_to_cart')}</button>
    </form>
  );
}
