// The orders module's public surface.
import type { HttpModule } from '../platform/http/app.ts';
import { registerOrderRoutes } from './http/orders.routes.ts';
import { registerAdminOrderRoutes } from './http/admin-orders.routes.ts';

export {
  insertOrder, announceOrderCreated, getOrder, getOrderByNumber, initialStatus, listOrders, type OrderListItem,
  type NewOrder, type NewOrderLine, type OrderAddress, type OrderView, type OrderShipping, type OrderTotals, type OrderAdjustment,
} from './orders.service.ts';
export type { OrderStatus } from './orders.table.ts';
export { expireUnpaidOrders, EXPIRE_UNPAID_JOB } from './expire-unpaid.ts';
export { applyOrderAction, ORDER_ACTIONS, type OrderAction, type ActionInput } from './order-transitions.ts';
/** Formula-injection-safe CSV cell, shared with other exports (the audit log). */
export { csvCell } from './orders-csv.ts';
export {
  attachOrdersToCustomer, listCustomerOrders, getCustomerOrder, exportCustomerOrders, anonymiseCustomerOrders, ERASED_NAME,
  type CustomerOrderSummary, type CustomerOrderView, type OrderTracking, type ExportedOrder,
} from './customer-orders.ts';

export const ordersModule: HttpModule = {
  name: 'orders',
  register(app, ctx) {
    registerOrderRoutes(app, ctx);
    registerAdminOrderRoutes(app, ctx);
  },
};

export const ordersAdminPagesModule: HttpModule = {
  name: 'orders-admin-pages',
  async register(app, ctx) {
    // Loaded here, not at the top: the pages depend on the admin shell, the service does not.
    const { registerOrderPages } = await import('./admin-pages/order-pages.tsx');
    registerOrderPages(app, ctx);
  },
};
