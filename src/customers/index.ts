// The customers module's public surface: accounts, sessions, address book, wishlist, data export and erasure.
import type { HttpModule } from '../platform/http/app.ts';
import { registerCustomerAdminRoutes } from './http/admin.routes.ts';
import { registerCustomerStoreRoutes } from './http/store.routes.ts';

export { SESSION_COOKIE, currentCustomer, type SignedIn } from './session.ts';
export { getProfile, registerCustomer, verifyEmail, checkCredentials, updateProfile, attachOrders, normaliseEmail } from './accounts.service.ts';
export { requestPasswordReset, resetPassword } from './password-reset.service.ts';
export { listAddresses, addAddress, updateAddress, deleteAddress, setDefaultAddress, defaultAddress, MAX_ADDRESSES } from './addresses.service.ts';
export { listWishlist, addToWishlist, removeFromWishlist, MAX_WISHLIST } from './wishlist.service.ts';
export { exportCustomerData, type CustomerExport } from './export.service.ts';
export { eraseCustomer, requestErasure, listErasureRequests, carryOutErasureRequest, erasedEmail, type ErasureActor } from './erasure.service.ts';
export { listCustomers, getCustomerForAdmin } from './admin.service.ts';
export { checkoutPrefill } from './checkout-prefill.ts';
export { ACCOUNT_MAIL_JOB, accountMailJobHandler, renderAccountMail } from './account-mail.tsx';
export type { Profile, Address, AddressInput, ProfilePatch } from './customers.schemas.ts';

export const customersModule: HttpModule = {
  name: 'customers',
  async register(app, ctx) {
    registerCustomerStoreRoutes(app, ctx);
    registerCustomerAdminRoutes(app, ctx);
    // Loaded here, not at the top: the pages depend on the storefront and the admin shell, the services do not.
    const { registerAccountPages } = await import('./pages/account-routes.tsx');
    const { registerCustomerAdminPages } = await import('./admin-pages/customer-pages.tsx');
    registerAccountPages(app, ctx);
    registerCustomerAdminPages(app, ctx);
  },
};
