import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { iso } from './job-db.ts';

/**
 * Deletes finished jobs: done ones after `doneDays`, failed ones (kept longer, for investigation) after
 * `failedDays`. Unique keys of old schedule slots go with them, which is safe: only current slots are enqueued.
 */
export async function pruneJobs(db: Kysely<Database>, { doneDays = 7, failedDays = 30, now = Date.now() } = {}): Promise<number> {
  const result = await db
    .deleteFrom('jobs')
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'done'), eb('finished_at', '<', iso(now - doneDays * 86_400_000))]),
        eb.and([eb('status', '=', 'failed'), eb('finished_at', '<', iso(now - failedDays * 86_400_000))]),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
