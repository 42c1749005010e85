import type { Kysely } from 'kysely';
import { nowDefault, oneOf, timestampType, withId } from '../../platform/db/migration-helpers.ts';

// News articles and editable content pages (about, privacy policy, terms, shipping and returns).
export async function up(db: Kysely<any>): Promise<void> {
  const ts = timestampType(db);
  const now = nowDefault(db);

  await withId(db, db.schema.createTable('news_articles'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft').check(oneOf('status', ['draft', 'published'])))
    .addColumn('author', 'text', (c) => c.notNull())
    .addColumn('image_key', 'text')
    .addColumn('published_at', ts)
    .addColumn('created_at', ts, (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', ts, (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex('news_articles_published').on('news_articles').columns(['status', 'published_at']).execute();
  await db.schema.createTable('news_article_translations')
    .addColumn('article_id', 'integer', (c) => c.notNull().references('news_articles.id').onDelete('cascade'))
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('excerpt', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('seo_title', 'text')
    .addColumn('seo_description', 'text')
    .addPrimaryKeyConstraint('news_article_translations_pk', ['article_id', 'locale'])
    .addUniqueConstraint('news_article_translations_slug', ['locale', 'slug'])
    .execute();

  await withId(db, db.schema.createTable('content_pages'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('updated_at', ts, (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createTable('content_page_translations')
    .addColumn('page_id', 'integer', (c) => c.notNull().references('content_pages.id').onDelete('cascade'))
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('seo_title', 'text')
    .addColumn('seo_description', 'text')
    .addPrimaryKeyConstraint('content_page_translations_pk', ['page_id', 'locale'])
    .addUniqueConstraint('content_page_translations_slug', ['locale', 'slug'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['content_page_translations', 'content_pages', 'news_article_translations', 'news_articles']) {
    await db.schema.dropTable(t).execute();
  }
}
