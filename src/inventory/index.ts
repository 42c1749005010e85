// The inventory module's public surface: stock levels and availability per variant.
// A variant without any stock row is untracked: getAvailability leaves it out of its map (absent = in stock).
export {
  getAvailability,
  ensureDefaultLocation,
  setOnHand,
  setStockLevelsBulk,
  stockStatus,
  DEFAULT_LOCATION_CODE,
  type Availability,
  type StockStatus,
  type StockLevelInput,
} from './stock.service.ts';
