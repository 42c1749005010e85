// The 403 a storefront form post gets without a valid CSRF token: most often a page left open in a tab for long
// (a new browser session has a new token) or cookies switched off. It says so and links back to the form.
import { Layout } from '../components/layout.tsx';
import type { PageContext } from '../page-context.ts';

export function formExpiredPage(page: PageContext, back: string) {
  const { t } = page;
  return (
    <Layout page={page} seo={{ title: t('form_expired_title'), description: t('form_expired_title'), alternates: {}, canonicalPath: page.href('/'), noindex: true }}>
      <h1>{t('form_expired_title')}</h1>
      <p class="lead" data-testid="form-expired">{t('form_expired_text')}</p>
      <p><a class="button" href={back}>{t('form_expired_back')}</a></p>
    </Layout>
  );
}
