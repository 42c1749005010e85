// The audit log as CSV, streamed row by row. Every cell goes through the orders export's csvCell, so text a
// spreadsheet would run as a formula (=, +, -, @ …) is quoted — staff names, user agents and bodies are typed by
// anyone who can reach an admin URL.
import { Readable } from 'node:stream';
import { csvCell } from '../orders/index.ts';
import type { AppContext } from '../platform/context.ts';
import { exportAudit, type AuditFilters, type AuditRecord } from './audit.service.ts';

const COLUMNS = ['id', 'at', 'actor_kind', 'actor_id', 'actor_name', 'actor_role', 'action', 'target_type', 'target_id', 'ip', 'user_agent', 'status', 'before', 'after', 'details'] as const;

const cell = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  return csvCell(typeof value === 'string' || typeof value === 'number' ? value : JSON.stringify(value));
};

export function auditCsvLine(record: AuditRecord): string {
  return COLUMNS.map((c) => cell(record[c])).join(',') + '\r\n';
}

/** A stream of CSV text: the header, then the matching entries newest first (at most EXPORT_LIMIT). */
export function auditCsvStream(ctx: AppContext, filters: Omit<AuditFilters, 'page' | 'per_page'>): Readable {
  async function* lines(): AsyncGenerator<string> {
    yield COLUMNS.join(',') + '\r\n';
    for await (const batch of exportAudit(ctx, filters)) yield batch.map(auditCsvLine).join('');
  }
  return Readable.from(lines());
}
