// Orders as CSV for accounting. Cells a spreadsheet would run as a formula (=, +, -, @, tab, CR) get a leading quote.
import type { AppContext } from '../platform/context.ts';
import type { OrderStatus } from './orders.table.ts';

const COLUMNS = ['number', 'created_at', 'status', 'payment_method', 'email', 'name', 'country', 'currency', 'subtotal', 'discount', 'shipping', 'tax', 'tax_included', 'total'] as const;

export function csvCell(value: string | number): string {
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r']/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export async function ordersCsv(ctx: AppContext, filter: { status?: OrderStatus; from?: string; to?: string }): Promise<string> {
  let query = ctx.db.kysely.selectFrom('orders').selectAll().orderBy('id');
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.from) query = query.where('created_at', '>=', filter.from);
  if (filter.to) query = query.where('created_at', '<', filter.to);
  const rows = await query.execute();
  const lines = [COLUMNS.join(',')];
  for (const r of rows) {
    const address = JSON.parse(r.shipping_address) as { name: string; country: string };
    const values: Record<(typeof COLUMNS)[number], string | number> = {
      number: r.number, created_at: r.created_at, status: r.status, payment_method: r.payment_method, email: r.email,
      name: address.name, country: address.country, currency: r.currency, subtotal: Number(r.subtotal), discount: Number(r.discount_total),
      shipping: Number(r.shipping_total), tax: Number(r.tax_total), tax_included: r.tax_included ? 'yes' : 'no', total: Number(r.total),
    };
    lines.push(COLUMNS.map((c) => csvCell(values[c])).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}
