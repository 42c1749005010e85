// One product in a grid: photo (or a lettered placeholder), name, brand, price, rating, stock.
import type { ProductCard as Card } from '../../catalog/index.ts';
import { ProductPicture } from '../../catalog/images/picture.tsx';
import type { PageContext } from '../page-context.ts';
import { productPath } from '../paths.ts';
import { Price } from './price.tsx';
import { Stars } from './rating.tsx';

export function ProductCard({ card, page, headingLevel = 3 }: { card: Card; page: PageContext; headingLevel?: 2 | 3 }) {
  const { t, locale } = page;
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <li class="card" data-testid="product-card">
      <a href={page.href(productPath(card.slug))}>
        {card.image ? (
          <ProductPicture image={{ ...card.image, alt: '' }} sizes="(min-width: 1000px) 240px, (min-width: 600px) 30vw, 45vw" displayWidth={320} class="card-image" />
        ) : (
          <span class="card-image placeholder" aria-hidden="true">{card.name.slice(0, 1)}</span>
        )}
        <Heading class="card-name" data-testid="product-name">{card.name}</Heading>
      </a>
      {card.brand ? <p class="brand">{card.brand.name}</p> : null}
      {card.price ? <Price amount={card.price.amount} currency={card.price.currency} compareAt={card.price.compare_at_amount} from={card.price.from} locale={locale} t={t} /> : null}
      {card.rating ? <Stars average={card.rating.average} count={card.rating.count} t={t} /> : null}
      <p class={`stock stock-${card.stock}`}>{t(card.stock)}</p>
    </li>
  );
}

export function ProductGrid({ cards, page, headingLevel = 3 }: { cards: Card[]; page: PageContext; headingLevel?: 2 | 3 }) {
  return <ul class="grid">{cards.map((card) => <ProductCard card={card} page={page} headingLevel={headingLevel} />)}</ul>;
}
