// Checks on shipping set-up that a JSON schema cannot express: band order, a flat rate's single band, transit
// min ≤ max, a real time zone, real holiday dates. Pure functions: they list problems, the service throws them.
import { AppError } from '../platform/http/errors.ts';
import type { ShopCalendar } from './delivery-window.ts';
import type { MethodInput } from './setup.service.ts';

export interface FieldProblem { path: string; message: string }

/** One 400 carrying every problem, in the same shape as schema validation failures. */
export function invalid(problems: FieldProblem[]): AppError {
  return new AppError(400, 'validation_failed', problems.map((p) => `${p.path}: ${p.message}`).join('; '), problems);
}

const duplicates = <T>(values: T[]) => values.filter((v, i) => values.indexOf(v) !== i);

export function methodProblems(m: Pick<MethodInput, 'rate_type' | 'rates' | 'free_above' | 'transit' | 'delivery_days'>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const currencies = Object.keys(m.rates);
  if (currencies.length === 0) problems.push({ path: '/rates', message: 'needs a price in at least one currency' });
  for (const [currency, bands] of Object.entries(m.rates)) {
    const path = `/rates/${currency}`;
    if (m.rate_type === 'flat') {
      if (bands.length !== 1 || bands[0]!.up_to !== null) problems.push({ path, message: 'a flat rate is one band with up_to null' });
      continue;
    }
    const limits = bands.map((b) => b.up_to);
    if (limits.filter((l) => l === null).length > 1) problems.push({ path, message: 'only one band may have no upper limit' });
    if (duplicates(limits.filter((l) => l !== null)).length > 0) problems.push({ path, message: 'two bands share an upper limit' });
  }
  for (const currency of Object.keys(m.free_above ?? {})) {
    if (!currencies.includes(currency)) problems.push({ path: `/free_above/${currency}`, message: 'the method has no price in this currency' });
  }
  if (m.transit.min > m.transit.max) problems.push({ path: '/transit', message: 'min must not exceed max' });
  if (m.delivery_days && duplicates(m.delivery_days).length > 0) problems.push({ path: '/delivery_days', message: 'a weekday is listed twice' });
  return problems;
}

export function zoneProblems(z: { countries: string[]; regions?: string[]; postal_prefixes?: string[] }): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (duplicates(z.countries).length > 0) problems.push({ path: '/countries', message: 'a country is listed twice' });
  // Regions and prefixes narrow a zone inside one country; across several countries they would be ambiguous.
  if ((z.regions?.length || z.postal_prefixes?.length) && z.countries.length !== 1) {
    problems.push({ path: '/countries', message: 'a zone with regions or postal prefixes covers exactly one country' });
  }
  return problems;
}

/** A tracking link template: an http(s) URL with a {tracking} placeholder. */
export function trackingTemplateProblems(template: string | null | undefined): FieldProblem[] {
  if (template === null || template === undefined) return [];
  const path = '/tracking_url_template';
  if (!template.includes('{tracking}')) return [{ path, message: 'must contain {tracking}' }];
  try {
    const url = new URL(template.replaceAll('{tracking}', 'X'));
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return [{ path, message: 'must be an http or https URL' }];
  } catch {
    return [{ path, message: 'must be a URL' }];
  }
  return [];
}

export function calendarProblems(c: ShopCalendar): FieldProblem[] {
  const problems: FieldProblem[] = [];
  try {
    new Intl.DateTimeFormat('en', { timeZone: c.timeZone });
  } catch {
    problems.push({ path: '/time_zone', message: 'unknown IANA time zone' });
  }
  if (duplicates(c.workingDays).length > 0) problems.push({ path: '/working_days', message: 'a weekday is listed twice' });
  c.holidays.forEach((day, i) => {
    const date = new Date(`${day}T00:00:00Z`);
    if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== day) problems.push({ path: `/holidays/${i}`, message: 'not a calendar date' });
  });
  return problems;
}
