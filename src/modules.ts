// The modules that make up a Pasar shop, in the order their routes are registered.
import type { HttpModule } from './platform/http/app.ts';
import { searchModule } from './search/index.ts';
// Registered first: its hook records every admin write, whichever module's route it is.
import { auditModule } from './audit/index.ts';
import { contentModule } from './content/index.ts';
import { adminModule } from './admin/index.ts';
import { staffModule } from './staff/index.ts';
import { contentAdminPagesModule } from './content/admin-pages/index.ts';
import { inventoryModule } from './inventory/index.ts';
import { webhooksModule } from './webhooks/index.ts';
import { ordersAdminPagesModule, ordersModule } from './orders/index.ts';
import { checkoutModule } from './checkout/index.ts';
import { cartModule } from './cart/index.ts';
import { imagesModule } from './catalog/images/index.ts';
import { reviewsModule } from './catalog/reviews/index.ts';
import { catalogStoreModule } from './catalog/index.ts';
import { catalogAdminModule } from './catalog/http/admin.module.ts';
import { catalogAdminPagesModule } from './catalog/admin-pages/index.ts';
import { shippingModule } from './shipping/index.ts';
import { taxModule } from './tax/index.ts';
import { customersModule } from './customers/index.ts';
// Registered last: it owns '/' and the locale-prefixed pages.
import { storefrontModule } from './storefront/index.ts';

export const modules: HttpModule[] = [auditModule, searchModule, contentModule, adminModule, staffModule, contentAdminPagesModule, inventoryModule, cartModule, imagesModule, reviewsModule, catalogStoreModule, catalogAdminModule, catalogAdminPagesModule, webhooksModule, ordersModule, ordersAdminPagesModule, checkoutModule, shippingModule, taxModule, customersModule, storefrontModule];
