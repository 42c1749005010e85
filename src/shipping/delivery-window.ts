// When a parcel arrives: the shop's calendar (working days, holidays, a daily cut-off in its own time zone,
// processing days) gives the day it ships; the method's transit days, counted on the carrier's delivery days,
// give the earliest and latest arrival. Dates are calendar dates (YYYY-MM-DD) in the shop's time zone.

export interface ShopCalendar {
  /** IANA time zone of the warehouse, e.g. Asia/Jakarta. */
  timeZone: string;
  /** Orders placed before this local time on a working day start processing that day ("14:00"). */
  cutoff: string;
  /** Working days needed to pack an order; 0 = ships the day it starts processing. */
  processingDays: number;
  /** ISO weekdays the warehouse works (1 = Monday … 7 = Sunday). */
  workingDays: number[];
  /** Dates the warehouse and carriers do not work (public holidays), YYYY-MM-DD. */
  holidays: string[];
}

export interface Transit {
  minDays: number;
  maxDays: number;
  /** ISO weekdays the carrier delivers; default Monday to Saturday. */
  deliveryDays?: number[];
}

export interface DeliveryWindow {
  /** The day the parcel is handed to the carrier. */
  shipsOn: string;
  earliest: string;
  latest: string;
}

const DAY_MS = 86_400_000;
const toIso = (d: Date) => d.toISOString().slice(0, 10);
const isoWeekday = (d: Date) => ((d.getUTCDay() + 6) % 7) + 1;

// Building an Intl.DateTimeFormat costs far more than using one, and every delivery estimate needs one per zone.
const formats = new Map<string, Intl.DateTimeFormat>();
function formatIn(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formats.set(timeZone, format);
  }
  return format;
}

/** The local calendar date and minutes past midnight of `now` in `timeZone`. */
export function localDateTime(now: Date, timeZone: string): { date: Date; minutes: number } {
  const parts = Object.fromEntries(formatIn(timeZone).formatToParts(now).map((p) => [p.type, p.value]));
  return { date: new Date(`${parts.year}-${parts.month}-${parts.day}T00:00:00Z`), minutes: Number(parts.hour) * 60 + Number(parts.minute) };
}

function parseCutoff(cutoff: string): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(cutoff);
  if (!match) throw new Error(`Invalid cut-off time "${cutoff}" (expected HH:MM)`);
  return Number(match[1]) * 60 + Number(match[2]);
}

function nextDay(date: Date, open: (d: Date) => boolean): Date {
  let d = new Date(date.getTime() + DAY_MS);
  for (let guard = 0; !open(d); guard++) {
    if (guard > 400) throw new Error('The calendar has no open day within a year');
    d = new Date(d.getTime() + DAY_MS);
  }
  return d;
}

function addDays(date: Date, count: number, open: (d: Date) => boolean): Date {
  let d = date;
  for (let i = 0; i < count; i++) d = nextDay(d, open);
  return d;
}

export function deliveryWindow(now: Date, calendar: ShopCalendar, transit: Transit): DeliveryWindow {
  if (transit.minDays < 0 || transit.maxDays < transit.minDays) throw new Error('Transit days must satisfy 0 <= min <= max');
  const holidays = new Set(calendar.holidays);
  const working = (d: Date) => calendar.workingDays.includes(isoWeekday(d)) && !holidays.has(toIso(d));
  const deliveryDays = transit.deliveryDays ?? [1, 2, 3, 4, 5, 6];
  const delivering = (d: Date) => deliveryDays.includes(isoWeekday(d)) && !holidays.has(toIso(d));

  const local = localDateTime(now, calendar.timeZone);
  const startsToday = working(local.date) && local.minutes < parseCutoff(calendar.cutoff);
  const start = startsToday ? local.date : nextDay(local.date, working);
  const shipsOn = addDays(start, calendar.processingDays, working);
  return {
    shipsOn: toIso(shipsOn),
    earliest: toIso(addDays(shipsOn, transit.minDays, delivering)),
    latest: toIso(addDays(shipsOn, transit.maxDays, delivering)),
  };
}

/** "Thu, Dec 3 – Sat, Dec 5" in the shopper's language (or one date when both ends agree). */
export function formatDeliveryWindow(window: Pick<DeliveryWindow, 'earliest' | 'latest'>, locale: string): string {
  const format = new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });
  const earliest = new Date(`${window.earliest}T00:00:00Z`);
  if (window.earliest === window.latest) return format.format(earliest);
  return format.formatRange(earliest, new Date(`${window.latest}T00:00:00Z`));
}
