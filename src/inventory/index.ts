// The inventory module's public surface: stock levels, availability, reservations and their history.
// A variant without any stock row is untracked: getAvailability leaves it out of its map (absent = in stock).
import type { HttpModule } from '../platform/http/app.ts';
import { registerInventoryRoutes } from './http/inventory.routes.ts';

export {
  getAvailability,
  ensureDefaultLocation,
  setOnHand,
  adjustStock,
  setStockLevelsBulk,
  stockStatus,
  DEFAULT_LOCATION_CODE,
  type Availability,
  type StockStatus,
  type StockLevelInput,
  type StockLevelView,
} from './stock.service.ts';
export { reserveStock, reserveStockInTransaction, releaseReservations, commitReservations, expireReservations, type Reservation, type ReserveLine, type Shortage } from './reservations.service.ts';
export { stockLevelsOf, listLowStock } from './stock.read.ts';

export const inventoryModule: HttpModule = {
  name: 'inventory',
  register(app, ctx) {
    registerInventoryRoutes(app, ctx);
  },
};
