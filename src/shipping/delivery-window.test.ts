import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deliveryWindow, formatDeliveryWindow as format, localDateTime, type ShopCalendar } from './delivery-window.ts';

// Jakarta is UTC+7 all year. 2026-12-03 is a Thursday.
const jakarta: ShopCalendar = { timeZone: 'Asia/Jakarta', cutoff: '14:00', processingDays: 1, workingDays: [1, 2, 3, 4, 5], holidays: ['2026-12-25'] };
const at = (localIso: string) => new Date(new Date(`${localIso}Z`).getTime() - 7 * 3_600_000);

describe('delivery window', () => {
  it('reads the local date and time in the shop time zone', () => {
    const { date, minutes } = localDateTime(new Date('2026-12-02T20:30:00Z'), 'Asia/Jakarta');
    assert.equal(date.toISOString().slice(0, 10), '2026-12-03');
    assert.equal(minutes, 3 * 60 + 30);
  });

  it('starts processing today before the cut-off and tomorrow after it', () => {
    const before = deliveryWindow(at('2026-12-01T13:59'), jakarta, { minDays: 1, maxDays: 2 });
    assert.deepEqual(before, { shipsOn: '2026-12-02', earliest: '2026-12-03', latest: '2026-12-04' });
    const after = deliveryWindow(at('2026-12-01T14:00'), jakarta, { minDays: 1, maxDays: 2 });
    assert.deepEqual(after, { shipsOn: '2026-12-03', earliest: '2026-12-04', latest: '2026-12-05' });
  });

  it('skips weekends for processing, Sundays for delivery, and holidays for both', () => {
    // Friday after the cut-off: processing starts Monday 7th, ships Tuesday 8th.
    const friday = deliveryWindow(at('2026-12-04T16:00'), jakarta, { minDays: 2, maxDays: 4 });
    assert.deepEqual(friday, { shipsOn: '2026-12-08', earliest: '2026-12-10', latest: '2026-12-12' });
    // Ships Thursday 24th; Friday 25th is a holiday, Sunday 27th no delivery.
    const christmas = deliveryWindow(at('2026-12-23T09:00'), jakarta, { minDays: 1, maxDays: 3 });
    assert.deepEqual(christmas, { shipsOn: '2026-12-24', earliest: '2026-12-26', latest: '2026-12-29' });
  });

  it('ships the same day with no processing days', () => {
    const same = deliveryWindow(at('2026-12-03T08:00'), { ...jakarta, processingDays: 0 }, { minDays: 0, maxDays: 1 });
    assert.deepEqual(same, { shipsOn: '2026-12-03', earliest: '2026-12-03', latest: '2026-12-04' });
  });

  it('refuses an impossible transit and a malformed cut-off', () => {
    assert.throws(() => deliveryWindow(new Date(), jakarta, { minDays: 3, maxDays: 1 }));
    assert.throws(() => deliveryWindow(new Date(), { ...jakarta, cutoff: '25:00' }, { minDays: 1, maxDays: 1 }));
  });

  it('formats the window in the shopper language', () => {
    // ICU puts thin spaces around the dash; compare words, not space characters.
    const formatDeliveryWindow = (w: { earliest: string; latest: string }, locale: string) => format(w, locale).replace(/\s/g, ' ');
    assert.equal(formatDeliveryWindow({ earliest: '2026-12-03', latest: '2026-12-05' }, 'en'), 'Thu, Dec 3 – Sat, Dec 5');
    assert.equal(formatDeliveryWindow({ earliest: '2026-12-03', latest: '2026-12-05' }, 'id'), 'Kam, 3 Des – Sab, 5 Des');
    assert.equal(formatDeliveryWindow({ earliest: '2026-12-03', latest: '2026-12-03' }, 'en'), 'Thu, Dec 3');
  });
});
