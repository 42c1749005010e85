import { parseArgs } from 'node:util';
import { loadConfig, ConfigError } from '../platform/config.ts';
import { migrateToLatest } from '../platform/db/migrations.ts';
import { createApiKey } from '../platform/auth/api-keys.ts';
import { isRole, ROLES } from '../platform/auth/roles.ts';
import { createContext, createServer } from '../server.ts';

const USAGE = `Usage: pasar <command> [options]

Commands:
  start [--seed-if-empty]         migrate, then serve the shop (seeds the demo shop first on an empty database)
  migrate                         bring the database schema up to date
  seed --demo                     load the demo shop (products, categories, news, pages)
  seed --products N [--seed S]    generate N products deterministically (for benchmarks)
  apikey:create --role R [--name NAME] [--expires-days D]
                                  create an admin API key and print it as the last line
  staff:create --email E --role R [--name N]
                                  create a staff member and print their one-time set-up link as the last line
  backup [--dir DIR] [--prune]    back up the database while the shop runs; prints the file as the last line
  restore FILE [--force]          replace the database with a backup (stop the shop first), then migrate

Configuration comes from the environment: PORT, HOST, DATABASE_URL, DATA_DIR, BASE_URL, DEFAULT_LOCALE,
DEFAULT_CURRENCY, SHOP_NAME, LOG_LEVEL, SMTP_URL, MAIL_FROM, JOB_WORKER, JOB_CONCURRENCY, JOB_POLL_MS,
BACKUP_DIR, BACKUP_SCHEDULE, BACKUP_RETENTION_DAYS, BACKUP_KEEP.`;

export async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'start':
        return await start(rest);
      case 'migrate':
        return await migrate();
      case 'seed':
        return await seed(rest);
      case 'apikey:create':
        return await apikeyCreate(rest);
      case 'staff:create':
        return await (await import('../staff/cli.ts')).staffCreateCommand(rest);
      case 'backup':
        return await (await import('../platform/backup/cli.ts')).backupCommand(rest);
      case 'restore':
        return await (await import('../platform/backup/cli.ts')).restoreCommand(rest);
      case undefined:
      case 'help':
      case '--help':
        console.log(USAGE);
        return;
      default:
        console.error(`Unknown command "${command}".\n\n${USAGE}`);
        process.exitCode = 2;
    }
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exitCode = 2;
      return;
    }
    throw err;
  }
}

async function start(args: string[]) {
  const { values } = parseArgs({ args, options: { 'seed-if-empty': { type: 'boolean' } } });
  const config = loadConfig();
  const ctx = await createContext(config);
  await migrateToLatest(ctx.db);
  if (values['seed-if-empty']) {
    const { countProducts } = await import('../catalog/index.ts');
    if ((await countProducts(ctx.db.kysely)) === 0) {
      ctx.log.info('empty database: loading the demo shop');
      const { seedDemo } = await import('../seed/demo/seed-demo.ts');
      await seedDemo(ctx, { progress: true });
    }
  }
  const app = await createServer(ctx);
  // Emails, webhook deliveries and scheduled work run in the server process unless JOB_WORKER=off.
  const { startJobWorker } = await import('../platform/jobs/index.ts');
  const { jobHandlers, jobSchedules } = await import('../job-handlers.ts');
  const worker = config.jobs.worker
    ? startJobWorker(ctx, jobHandlers(ctx), { pollMs: config.jobs.pollMs, concurrency: config.jobs.concurrency, schedules: jobSchedules })
    : null;
  const shutdown = async (signal: string) => {
    ctx.log.info({ signal }, 'shutting down');
    await app.close();
    await worker?.stop();
    await ctx.db.destroy();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
  console.log(`Pasar is serving ${config.shopName} at ${config.baseUrl}`);
}

async function migrate() {
  const ctx = await createContext();
  const applied = await migrateToLatest(ctx.db);
  console.log(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : 'Database is up to date');
  await ctx.db.destroy();
}

async function seed(args: string[]) {
  const { values } = parseArgs({
    args,
    options: { demo: { type: 'boolean' }, products: { type: 'string' }, seed: { type: 'string', default: '1' } },
  });
  const ctx = await createContext();
  await migrateToLatest(ctx.db);
  try {
    if (values.demo) {
      const { seedDemo } = await import('../seed/demo/seed-demo.ts');
      await seedDemo(ctx, { progress: true });
    } else if (values.products !== undefined) {
      const count = Number(values.products);
      const seedValue = Number(values.seed);
      if (!Number.isInteger(count) || count < 1 || count > 10_000_000) throw new ConfigError('--products takes a whole number from 1 to 10000000');
      if (!Number.isInteger(seedValue)) throw new ConfigError('--seed takes a whole number');
      const { seedGeneratedProducts } = await import('../seed/generator/seed-generated.ts');
      await seedGeneratedProducts(ctx, { count, seed: seedValue, progress: true });
    } else {
      throw new ConfigError('seed needs --demo or --products N');
    }
  } finally {
    await ctx.db.destroy();
  }
}

async function apikeyCreate(args: string[]) {
  const { values } = parseArgs({
    args,
    options: { role: { type: 'string' }, name: { type: 'string' }, 'expires-days': { type: 'string' } },
  });
  const role = values.role ?? '';
  if (!isRole(role)) throw new ConfigError(`--role must be one of ${ROLES.join(', ')}`);
  let expiresAt: string | null = null;
  if (values['expires-days'] !== undefined) {
    const days = Number(values['expires-days']);
    if (!Number.isInteger(days) || days < 1) throw new ConfigError('--expires-days takes a whole number of days');
    expiresAt = new Date(Date.now() + days * 86_400_000).toISOString();
  }
  const ctx = await createContext();
  await migrateToLatest(ctx.db);
  const { key } = await createApiKey(ctx.db.kysely, { name: values.name ?? `${role} key`, role, expiresAt });
  await ctx.db.destroy();
  console.log(`Created a ${role} API key${expiresAt ? ` expiring ${expiresAt}` : ''}. It is shown only once:`);
  console.log(key);
}
