import { Migrator, type Migration, type MigrationResultSet } from 'kysely';
import type { Db } from './database.ts';
import * as catalog0001 from '../../catalog/migrations/2026_11_25_0001_catalog.ts';
import * as content0002 from '../../content/migrations/2026_11_25_0002_content.ts';
import * as stock0003 from '../../inventory/migrations/2026_11_25_0003_stock_levels.ts';
import * as apiKeys0004 from '../auth/migrations/2026_11_25_0004_api_keys.ts';
import * as search0005 from '../../search/migrations/2026_11_25_0005_search.ts';
import * as catalog0006 from '../../catalog/migrations/2026_11_25_0006_product_slug_lookup.ts';
import * as catalog0007 from '../../catalog/migrations/2026_12_03_0007_read_path_indexes.ts';
import * as stock0010 from '../../inventory/migrations/2026_11_25_0010_stock_movements.ts';
import * as shipping0030 from '../../shipping/migrations/2026_11_25_0030_shipping.ts';
import * as tax0031 from '../../tax/migrations/2026_11_25_0031_tax.ts';
import * as carts0040 from '../../cart/migrations/2026_11_25_0040_carts.ts';
import * as orders0050 from '../../orders/migrations/2026_11_25_0050_orders.ts';
import * as payments0051 from '../../payments/migrations/2026_11_25_0051_payments.ts';
import * as idempotency0060 from '../idempotency/migrations/2026_11_25_0060_idempotency.ts';
import * as audit0070 from '../../audit/migrations/2026_11_25_0070_audit.ts';
import * as jobs0020 from '../jobs/migrations/2026_11_25_0020_jobs.ts';
import * as webhooks0021 from '../../webhooks/migrations/2026_11_25_0021_webhooks.ts';
import * as customers0090 from '../../customers/migrations/2026_11_25_0090_customers.ts';
import * as sessions0080 from '../auth/migrations/2026_11_25_0080_auth_sessions.ts';
import * as staff0081 from '../../staff/migrations/2026_11_25_0081_staff.ts';

// Every domain keeps its migrations beside its code; this list puts them in one order.
// Names are date-prefixed and never change once released.
const migrations: Record<string, Migration> = {
  '2026_11_25_0001_catalog': catalog0001,
  '2026_11_25_0002_content': content0002,
  '2026_11_25_0003_stock_levels': stock0003,
  '2026_11_25_0004_api_keys': apiKeys0004,
  '2026_11_25_0005_search': search0005,
  '2026_11_25_0006_product_slug_lookup': catalog0006,
  '2026_11_25_0010_stock_movements': stock0010,
  '2026_11_25_0030_shipping': shipping0030,
  '2026_11_25_0031_tax': tax0031,
  '2026_11_25_0040_carts': carts0040,
  '2026_11_25_0050_orders': orders0050,
  '2026_11_25_0051_payments': payments0051,
  '2026_11_25_0060_idempotency': idempotency0060,
  '2026_11_25_0070_audit': audit0070,
  '2026_11_25_0020_jobs': jobs0020,
  '2026_11_25_0021_webhooks': webhooks0021,
  '2026_11_25_0090_customers': customers0090,
  '2026_11_25_0080_auth_sessions': sessions0080,
  '2026_11_25_0081_staff': staff0081,
  '2026_12_03_0007_read_path_indexes': catalog0007,
};

export async function migrateToLatest(db: Db): Promise<string[]> {
  // Domains number their migrations in blocks (catalog 0001, jobs 0020, carts 0040…), so a later release can add a
  // migration that sorts before one already applied: apply it anyway, in name order.
  const migrator = new Migrator({ db: db.kysely, provider: { getMigrations: async () => migrations }, allowUnorderedMigrations: true });
  const result: MigrationResultSet = await migrator.migrateToLatest();
  if (result.error) throw result.error;
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
