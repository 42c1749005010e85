// Pages before signing in: create an account, sign in, confirm the email address, forgotten password, new password.
import type { PageContext } from '../../storefront/index.ts';
import { ErrorSummary, Input, PlainPage, PostForm, type FieldErrors } from './components.tsx';

export function registerPage(page: PageContext, values: { email: string; name: string }, errors: FieldErrors) {
  const { t } = page;
  const labels = { email: t('email'), name: t('full_name'), password: t('password') };
  return (
    <PlainPage page={page} title={t('register')} path="/account/register">
      <h1>{t('register')}</h1>
      <p class="lead">{t('register_intro')}</p>
      <ErrorSummary page={page} errors={errors} labels={labels} />
      <PostForm page={page} action="/account/register" testid="register-form">
        <Input name="name" label={labels.name} value={values.name} errors={errors} autocomplete="name" required maxLength={120} />
        <Input name="email" label={labels.email} value={values.email} errors={errors} type="email" autocomplete="email" required maxLength={254} />
        <Input name="password" label={labels.password} errors={errors} type="password" autocomplete="new-password" required maxLength={256} hint={t('password_hint')} />
        <p><button type="submit">{t('register')}</button></p>
      </PostForm>
      <p>{t('have_account')} <a href={page.href('/account/login')}>{t('sign_in')}</a></p>
    </PlainPage>
  );
}

export function registeredPage(page: PageContext, email: string) {
  const { t } = page;
  return (
    <PlainPage page={page} title={t('register')} path="/account/register">
      <h1>{t('verify_title')}</h1>
      <p class="notice" role="status" data-testid="notice">{t('registered_check_email', { email })}</p>
      <p><a class="button" href={page.href('/account/login')}>{t('sign_in')}</a></p>
    </PlainPage>
  );
}

export function signInPage(page: PageContext, values: { email: string; return_to: string }, errors: FieldErrors, notice: string | null) {
  const { t } = page;
  const labels = { email: t('email'), password: t('password') };
  return (
    <PlainPage page={page} title={t('sign_in')} path="/account/login">
      <h1>{t('sign_in')}</h1>
      {notice ? <p class="notice" role="status" data-testid="notice">{notice}</p> : null}
      <ErrorSummary page={page} errors={errors} labels={labels} />
      <PostForm page={page} action="/account/login" testid="sign-in-form">
        <Input name="email" label={labels.email} value={values.email} errors={errors} type="email" autocomplete="username" required maxLength={254} />
        <Input name="password" label={labels.password} errors={errors} type="password" autocomplete="current-password" required maxLength={256} />
        {values.return_to ? <input type="hidden" name="return_to" value={values.return_to} /> : null}
        <p><button type="submit">{t('sign_in')}</button></p>
      </PostForm>
      <p><a href={page.href('/account/forgot')}>{t('forgot_link')}</a></p>
      <p>{t('no_account')} <a href={page.href('/account/register')}>{t('register')}</a></p>
    </PlainPage>
  );
}

export function verifyPage(page: PageContext, ok: boolean, signedIn: boolean) {
  const { t } = page;
  return (
    <PlainPage page={page} title={t('verify_title')} path="/account/verify">
      <h1>{t('verify_title')}</h1>
      {ok
        ? <p class="notice" role="status" data-testid="verify-result" data-ok="true">{t('email_verified_notice')}</p>
        : <p class="error" role="alert" data-testid="verify-result" data-ok="false">{t('link_invalid')}</p>}
      <p>
        {signedIn
          ? <a class="button" href={page.href('/account/orders')}>{t('order_history')}</a>
          : <a class="button" href={page.href('/account/login')}>{t('sign_in')}</a>}
      </p>
    </PlainPage>
  );
}

export function forgotPage(page: PageContext, value: string, errors: FieldErrors, sent: boolean) {
  const { t } = page;
  return (
    <PlainPage page={page} title={t('forgot_title')} path="/account/forgot">
      <h1>{t('forgot_title')}</h1>
      {sent ? <p class="notice" role="status" data-testid="notice">{t('forgot_sent')}</p> : <p class="lead">{t('forgot_intro')}</p>}
      <ErrorSummary page={page} errors={errors} labels={{ email: t('email') }} />
      <PostForm page={page} action="/account/forgot" testid="forgot-form">
        <Input name="email" label={t('email')} value={value} errors={errors} type="email" autocomplete="email" required maxLength={254} />
        <p><button type="submit">{t('send_link')}</button></p>
      </PostForm>
    </PlainPage>
  );
}

export function resetPage(page: PageContext, token: string | null, errors: FieldErrors) {
  const { t } = page;
  return (
    <PlainPage page={page} title={t('reset_title')} path="/account/reset">
      <h1>{t('reset_title')}</h1>
      {token === null ? (
        <>
          <p class="error" role="alert">{t('link_invalid')}</p>
          <p><a class="button" href={page.href('/account/forgot')}>{t('send_link')}</a></p>
        </>
      ) : (
        <>
          <ErrorSummary page={page} errors={errors} labels={{ password: t('new_password') }} />
          <PostForm page={page} action="/account/reset" testid="reset-form">
            <input type="hidden" name="token" value={token} />
            <Input name="password" label={t('new_password')} errors={errors} type="password" autocomplete="new-password" required maxLength={256} hint={t('password_hint')} />
            <p><button type="submit">{t('save_password')}</button></p>
          </PostForm>
        </>
      )}
    </PlainPage>
  );
}
