import type { Generated } from 'kysely';

export interface StockLocationsTable { id: Generated<number>; code: string; name: string; is_default: Generated<number> }
export interface StockLevelsTable {
  variant_id: number; location_id: number; on_hand: Generated<number>; reserved: Generated<number>;
  low_stock_threshold: Generated<number>;
}

export type MovementReason = 'count' | 'received' | 'damaged' | 'lost' | 'correction' | 'sale' | 'return';
export interface StockMovementsTable {
  id: Generated<number>; variant_id: number; location_id: number; delta: number; on_hand_after: number;
  reason: MovementReason; note: string | null; actor: string | null; created_at: Generated<string>;
}

export type ReservationStatus = 'active' | 'released' | 'committed' | 'expired';
/** A hold on stock for a checkout. location_id is null for an untracked variant or a back-order (nothing held). */
export interface StockReservationsTable {
  id: Generated<number>; variant_id: number; location_id: number | null; quantity: number; reference: string;
  status: Generated<ReservationStatus>; expires_at: string | null; created_at: Generated<string>;
}

export interface InventoryTables {
  stock_locations: StockLocationsTable;
  stock_levels: StockLevelsTable;
  stock_movements: StockMovementsTable;
  stock_reservations: StockReservationsTable;
}
