// What the audit log keeps of a request body: a copy without secrets, small enough to store on every admin write.
// Pure functions; the capture hook and recordAudit use them.

/** Keys whose values never reach the log (passwords, API keys, TOTP and recovery codes, CSRF tokens…). */
export const SECRET_KEY_PATTERN = /password|secret|token|totp|key|_csrf|code/i;

/**
 * Keys left out of before/after snapshots. Narrower than SECRET_KEY_PATTERN: a snapshot is what a service chose to
 * record, and its `code` or `*_key` fields (a brand code, a postal code, a sort key) are the point of the record.
 */
export const SNAPSHOT_SECRET_PATTERN = /password|secret|token|totp|key_hash|api_?key|recovery|_csrf/i;

/** The details column (a redacted request body, route params, the error) stays under this many characters. */
export const MAX_DETAILS_CHARS = 4096;
/** before/after copies stay under this many characters each (a whole product with its variants fits). */
export const MAX_SNAPSHOT_CHARS = 128 * 1024;

const MAX_STRING = 500;
const MAX_ITEMS = 50;
const MAX_DEPTH = 6;

/**
 * A copy of `value` without any key matching SECRET_KEY_PATTERN (at any depth), with long strings, long lists and
 * deep nesting cut short. Never throws, whatever the input (cycles, getters, BigInt).
 */
export function redact(value: unknown, depth = 0, seen: WeakSet<object> = new WeakSet()): unknown {
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'string') return value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}… (${value.length} chars)` : value;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value !== 'object') return undefined; // functions, symbols, undefined
  if (seen.has(value)) return '[cycle]';
  if (depth >= MAX_DEPTH) return '[…]';
  if (Buffer.isBuffer(value)) return `[${value.length} bytes]`;
  seen.add(value);
  try {
    if (Array.isArray(value)) {
      const items = value.slice(0, MAX_ITEMS).map((v) => redact(v, depth + 1, seen) ?? null);
      if (value.length > MAX_ITEMS) items.push(`… ${value.length - MAX_ITEMS} more`);
      return items;
    }
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      if (SECRET_KEY_PATTERN.test(key)) continue;
      const copy = redact(v, depth + 1, seen);
      if (copy !== undefined) out[key] = copy;
    }
    return out;
  } catch {
    return '[unreadable]';
  } finally {
    seen.delete(value);
  }
}

/** The redacted value as a JSON value that serialises within `max` characters: whole, or a marked preview. */
export function redactedBody(body: unknown, max = MAX_DETAILS_CHARS): unknown {
  const copy = redact(body);
  const json = JSON.stringify(copy) ?? 'null';
  if (json.length <= max) return copy ?? null;
  return { truncated: true, chars: json.length, preview: json.slice(0, Math.max(0, max - 100)) };
}

/**
 * JSON text of a before/after snapshot, or null for undefined/null. Snapshots are what a service chose to record, so
 * they are kept whole, except secret keys (SNAPSHOT_SECRET_PATTERN) and anything over MAX_SNAPSHOT_CHARS, which is
 * replaced by a marker.
 */
export function snapshotJson(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  let json: string;
  try {
    json = JSON.stringify(stripSecrets(value)) ?? 'null';
  } catch {
    return JSON.stringify({ unserializable: true });
  }
  return json.length <= MAX_SNAPSHOT_CHARS ? json : JSON.stringify({ truncated: true, chars: json.length });
}

function stripSecrets(value: unknown, seen: WeakSet<object> = new WeakSet()): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[cycle]';
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((v) => stripSecrets(v, seen));
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) if (!SNAPSHOT_SECRET_PATTERN.test(key)) out[key] = stripSecrets(v, seen);
    return out;
  } finally {
    seen.delete(value);
  }
}

/** Cuts free text (a user agent, a name) to `max` characters. */
export const clip = (text: string | null | undefined, max: number): string | null =>
  text === null || text === undefined ? null : text.length > max ? text.slice(0, max) : text;
