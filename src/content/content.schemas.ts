import { Type, type Static } from 'typebox';
import { SUPPORTED_LOCALES } from '../platform/config.ts';

// Shapes in which news articles and content pages enter and leave the content domain. The admin API uses them as
// route schemas; the services check them again so the back-office forms get the same validation.

const LOCALE_PATTERN = `^(${SUPPORTED_LOCALES.join('|')})$`;
export const Slug = Type.String({ minLength: 1, maxLength: 200, pattern: '^[\\p{Ll}\\p{Lo}\\p{M}\\p{N}]+(?:-[\\p{Ll}\\p{Lo}\\p{M}\\p{N}]+)*$' });
export const PageCode = Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z0-9][a-z0-9_-]*$' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Localized = <T extends Parameters<typeof Type.Record>[1]>(value: T) =>
  Type.Record(Type.String({ pattern: LOCALE_PATTERN }), value, { description: `Keyed by locale: ${SUPPORTED_LOCALES.join(', ')}` });

/** The well-known pages the storefront links to; any other code is allowed too. */
export const WELL_KNOWN_PAGES = ['about', 'privacy-policy', 'terms', 'shipping-returns'] as const;
export const ARTICLE_STATUSES = ['draft', 'published'] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

const BODY_MAX = 100_000;

export const ArticleTranslationInput = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 200 }),
    slug: Type.Optional(Slug),
    excerpt: Type.Optional(Type.String({ maxLength: 1000 })),
    body: Type.String({ maxLength: BODY_MAX, description: 'HTML subset: p, h2–h4, ul/ol/li, strong, em, a, br, blockquote' }),
    seo_title: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    seo_description: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  },
  { additionalProperties: false },
);
export type ArticleTranslationInput = Static<typeof ArticleTranslationInput>;

const ArticleStatusSchema = Type.Union([Type.Literal('draft'), Type.Literal('published')]);
const ImageKey = Type.String({ minLength: 1, maxLength: 300, pattern: '^[A-Za-z0-9][A-Za-z0-9._/-]*$' });

export const ArticleInput = Type.Object(
  {
    status: Type.Optional(ArticleStatusSchema),
    author: Type.String({ minLength: 1, maxLength: 100 }),
    image_key: Type.Optional(Nullable(ImageKey)),
    published_at: Type.Optional(Nullable(Type.String({ format: 'date-time' }))),
    /** Must contain the shop's default locale; other locales fall back to it. */
    translations: Localized(ArticleTranslationInput),
  },
  { additionalProperties: false },
);
export type ArticleInput = Static<typeof ArticleInput>;

export const ArticlePatch = Type.Object(
  {
    status: Type.Optional(ArticleStatusSchema),
    author: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    image_key: Type.Optional(Nullable(ImageKey)),
    published_at: Type.Optional(Nullable(Type.String({ format: 'date-time' }))),
    /** Replaces the named locales' translations; null removes one (never the default locale's). */
    translations: Type.Optional(Localized(Nullable(ArticleTranslationInput))),
  },
  { additionalProperties: false },
);
export type ArticlePatch = Static<typeof ArticlePatch>;

export const PageTranslationInput = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 200 }),
    slug: Type.Optional(Slug),
    body: Type.String({ maxLength: BODY_MAX }),
    seo_title: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    seo_description: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  },
  { additionalProperties: false },
);
export type PageTranslationInput = Static<typeof PageTranslationInput>;

export const PageInput = Type.Object(
  {
    code: PageCode,
    translations: Localized(PageTranslationInput),
  },
  { additionalProperties: false },
);
export type PageInput = Static<typeof PageInput>;

export const PagePatch = Type.Object(
  {
    code: Type.Optional(PageCode),
    translations: Type.Optional(Localized(Nullable(PageTranslationInput))),
  },
  { additionalProperties: false },
);
export type PagePatch = Static<typeof PagePatch>;

// Outputs of the admin API.
const ArticleTranslation = Type.Object({
  title: Type.String(), slug: Type.String(), excerpt: Type.String(), body: Type.String(),
  seo_title: Nullable(Type.String()), seo_description: Nullable(Type.String()),
});
export const AdminArticle = Type.Object({
  id: Type.Integer(),
  status: ArticleStatusSchema,
  author: Type.String(),
  image_key: Nullable(Type.String()),
  published_at: Nullable(Type.String()),
  created_at: Type.String(),
  updated_at: Type.String(),
  translations: Type.Record(Type.String(), ArticleTranslation),
});
export type AdminArticle = Static<typeof AdminArticle>;

const PageTranslation = Type.Object({
  title: Type.String(), slug: Type.String(), body: Type.String(),
  seo_title: Nullable(Type.String()), seo_description: Nullable(Type.String()),
});
export const AdminPage = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  updated_at: Type.String(),
  translations: Type.Record(Type.String(), PageTranslation),
});
export type AdminPage = Static<typeof AdminPage>;
