// The whole database as Kysely sees it: each domain declares its own tables in <domain>/*.table.ts.
import type { CatalogTables } from '../../catalog/catalog.table.ts';
import type { ContentTables } from '../../content/content.table.ts';
import type { InventoryTables } from '../../inventory/inventory.table.ts';
import type { SearchTables } from '../../search/search.table.ts';
import type { AuthTables } from '../auth/auth.table.ts';
import type { CartTables } from '../../cart/cart.table.ts';
import type { IdempotencyTables } from '../idempotency/idempotency.table.ts';
import type { TaxTables } from '../../tax/tax.table.ts';
import type { ShippingTables } from '../../shipping/shipping.table.ts';
import type { OrderTables } from '../../orders/orders.table.ts';
import type { PaymentTables } from '../../payments/payments.table.ts';
import type { JobTables } from '../jobs/jobs.table.ts';
import type { WebhookTables } from '../../webhooks/webhooks.table.ts';
import type { CustomerTables } from '../../customers/customers.table.ts';
import type { SessionTables } from '../auth/sessions.table.ts';
import type { AuditTables } from '../../audit/audit.table.ts';
import type { StaffTables } from '../../staff/staff.table.ts';

export interface Database extends JobTables, WebhookTables, CatalogTables, ContentTables, InventoryTables, SearchTables, AuthTables, CartTables, IdempotencyTables, TaxTables, ShippingTables, OrderTables, PaymentTables, CustomerTables, SessionTables, StaffTables, AuditTables {}
