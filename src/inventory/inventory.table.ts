import type { Generated } from 'kysely';

export interface StockLocationsTable { id: Generated<number>; code: string; name: string; is_default: Generated<number> }
export interface StockLevelsTable {
  variant_id: number; location_id: number; on_hand: Generated<number>; reserved: Generated<number>;
  low_stock_threshold: Generated<number>;
}

export interface InventoryTables {
  stock_locations: StockLocationsTable;
  stock_levels: StockLevelsTable;
}
