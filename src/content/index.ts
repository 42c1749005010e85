// The content domain's public surface: news articles and content pages.
import type { HttpModule } from '../platform/http/app.ts';
import { registerContentRoutes } from './http/content.routes.ts';

export {
  listPublishedArticles,
  getPublishedArticleBySlug,
  getPageBySlug,
  getPageByCode,
  listPages,
  type Article,
  type ArticleSummary,
  type ContentPage,
  type PageLink,
} from './content.read.ts';
export {
  createArticle,
  updateArticle,
  deleteArticle,
  getArticleForAdmin,
  listArticlesForAdmin,
  type ArticleListItem,
  type ArticleListQuery,
} from './articles.service.ts';
export { createPage, updatePage, deletePage, getPageForAdmin, listPagesForAdmin, type PageListItem } from './pages.service.ts';
export {
  ArticleInput,
  ArticlePatch,
  PageInput,
  PagePatch,
  WELL_KNOWN_PAGES,
  ARTICLE_STATUSES,
  type AdminArticle,
  type AdminPage,
  type ArticleStatus,
} from './content.schemas.ts';
export { sanitizeBody, bodyToText } from './html-subset.ts';

export const contentModule: HttpModule = {
  name: 'content',
  register(app, ctx) {
    registerContentRoutes(app, ctx);
  },
};
