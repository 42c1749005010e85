// Cleaning of free text typed by shoppers and staff. Text is stored as text: HTML in it stays literal characters
// and is escaped wherever it is shown (Preact escapes every string), so nothing here tries to "sanitize" markup.
import { AppError } from '../../platform/http/errors.ts';

/** Control characters (NUL breaks PostgreSQL text) except tab and newline; CRLF becomes LF. */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

export function cleanText(value: string, opts: { multiline: boolean }): string {
  let text = value.replace(/\r\n?/g, '\n').replace(CONTROL, '');
  text = opts.multiline ? text.replace(/\n{3,}/g, '\n\n') : text.replace(/\s+/g, ' ');
  return text.trim();
}

export function fieldError(field: string, message: string): AppError {
  return new AppError(400, 'validation_failed', `${field} ${message}`, [{ path: `/${field}`, message }]);
}

/** A required text field, cleaned, 1..max characters. */
export function requiredText(field: string, value: unknown, max: number, multiline = false): string {
  if (typeof value !== 'string') throw fieldError(field, 'must be a string');
  const text = cleanText(value, { multiline });
  if (text.length === 0) throw fieldError(field, 'must not be empty');
  if (text.length > max) throw fieldError(field, `must be at most ${max} characters`);
  return text;
}

/** An optional text field: null when absent or blank. */
export function optionalText(field: string, value: unknown, max: number, multiline = false): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw fieldError(field, 'must be a string');
  const text = cleanText(value, { multiline });
  if (text.length > max) throw fieldError(field, `must be at most ${max} characters`);
  return text || null;
}
