import type { Generated } from 'kysely';

export interface NewsArticlesTable {
  id: Generated<number>; status: Generated<'draft' | 'published'>; author: string; image_key: string | null;
  published_at: string | null; created_at: Generated<string>; updated_at: Generated<string>;
}
export interface NewsArticleTranslationsTable {
  article_id: number; locale: string; title: string; slug: string; excerpt: string; body: string;
  seo_title: string | null; seo_description: string | null;
}
export interface ContentPagesTable { id: Generated<number>; code: string; updated_at: Generated<string> }
export interface ContentPageTranslationsTable {
  page_id: number; locale: string; title: string; slug: string; body: string;
  seo_title: string | null; seo_description: string | null;
}

export interface ContentTables {
  news_articles: NewsArticlesTable;
  news_article_translations: NewsArticleTranslationsTable;
  content_pages: ContentPagesTable;
  content_page_translations: ContentPageTranslationsTable;
}
