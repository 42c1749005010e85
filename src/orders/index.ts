// The orders module's public surface.
import type { HttpModule } from '../platform/http/app.ts';
import { registerOrderRoutes } from './http/orders.routes.ts';

export {
  insertOrder, announceOrderCreated, getOrder, getOrderByNumber, initialStatus,
  type NewOrder, type NewOrderLine, type OrderAddress, type OrderView, type OrderShipping, type OrderTotals, type OrderAdjustment,
} from './orders.service.ts';
export type { OrderStatus } from './orders.table.ts';

export const ordersModule: HttpModule = {
  name: 'orders',
  register(app, ctx) {
    registerOrderRoutes(app, ctx);
  },
};
