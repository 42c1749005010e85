// The header's parts that belong to the visitor: the mini-cart's count and the account (or sign-in) link. Rendered
// on every request, also into pages served from the page cache.
import type { Locale } from '../../platform/config.ts';
import { translator } from '../i18n/index.ts';
import { localePath } from '../paths.ts';

export interface PersonalParts {
  /** Items in the visitor's open cart (0 without one). */
  cartCount: number;
  /** The visitor holds a customer session cookie. */
  signedIn: boolean;
}

export function HeaderPersonal({ locale, defaultLocale, cartCount, signedIn }: PersonalParts & { locale: Locale; defaultLocale: Locale }) {
  const t = translator(locale);
  const href = (path: string) => localePath(locale, defaultLocale, path);
  return (
    <>
      <a class="mini-cart" data-testid="mini-cart" href={href('/cart')}>{t('cart_link', { n: cartCount })}</a>
      <a class="header-account" data-testid="account-link" href={href(signedIn ? '/account' : '/account/login')}>{t(signedIn ? 'account' : 'sign_in')}</a>
    </>
  );
}
