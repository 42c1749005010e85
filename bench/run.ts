/**
 * `npm run bench`: load-tests a real `pasar start` on loopback with autocannon and writes docs/benchmarks.md.
 *
 *   npm run bench -- [--sizes 10000,100000] [--db sqlite,postgres] [--duration 10] [--connections 20] [--no-write]
 *                    [--only checkout,product] [--cpu-prof DIR] [--decode-bodies]
 *
 * --only runs the scenarios whose names contain one of the words; --cpu-prof writes the server's V8 CPU profile to DIR
 * (open it in Chrome's DevTools) to see where a scenario's time goes; --decode-bodies runs autocannon as shipped, decoding
 * every response body into a string nobody reads (see skip-body-decoding.ts for why the bench skips that by default).
 *
 * For each database and catalogue size it seeds a shop once (kept under .tmp/bench/ for the next run), starts the
 * server as a child process beside a bare Fastify "hello world" (the ceiling), and then measures each scenario for
 * `duration` seconds, in turns with the ceiling for as long (write scenarios: right after it): requests/s, p50/p99
 * latency, errors and the server's peak memory. Every run stops by itself: each scenario is bounded by its duration, the whole run by a watchdog.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { scenarios, type Scenario, type ShopFacts } from './scenarios.ts';
import { skipBodyDecoding } from './skip-body-decoding.ts';

const root = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,100000' },
    db: { type: 'string', default: 'sqlite,postgres' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '20' },
    'no-write': { type: 'boolean', default: false },
    only: { type: 'string' },
    'cpu-prof': { type: 'string' },
    'decode-bodies': { type: 'boolean', default: false },
  },
});
const sizes = values.sizes!.split(',').map(Number);
const databases = values.db!.split(',') as Array<'sqlite' | 'postgres'>;
const duration = Number(values.duration);
const connections = Number(values.connections);
const only = values.only?.split(',').filter(Boolean) ?? null;
const profileArgs = values['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(values['cpu-prof'])}`] : [];
const decodeBodies = values['decode-bodies']!;
if (!decodeBodies) skipBodyDecoding();
// PostgreSQL on this machine is reached through its Unix socket when it has one, as a one-machine shop would be
// (docs/deployment.md).
const PG_SOCKET_DIR = '/var/run/postgresql';
const PG_BASE = process.env.TEST_POSTGRES_URL
  ?? (fs.existsSync(path.join(PG_SOCKET_DIR, '.s.PGSQL.5432')) ? `postgres://postgres@localhost/test?host=${PG_SOCKET_DIR}` : 'postgres://postgres@127.0.0.1:5432/test');
const pgSocket = new URL(PG_BASE).searchParams.get('host');

// The watchdog: seeding 100k products on both databases plus every scenario stays well under two hours.
const watchdog = setTimeout(() => {
  console.error('bench: watchdog expired, stopping');
  process.exit(2);
}, 2 * 60 * 60 * 1000);
watchdog.unref();

interface Row { db: string; size: number; scenario: string; rps: number; ceiling: number; ratio: number; p50: number; p99: number; errors: number; peakMb: number; firstMs?: number | null; note?: string }

const node = process.execPath;
const pasar = path.join(root, 'bin/pasar.mjs');

function run(cmd: string, args: string[], env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      process.stdout.write(chunk);
    });
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${args.join(' ')} exited with ${code}`))));
  });
}

async function databaseFor(db: 'sqlite' | 'postgres', size: number): Promise<{ env: Record<string, string>; fresh: boolean }> {
  const dataDir = path.join(root, '.tmp', 'bench', `${db}-${size}`);
  fs.mkdirSync(dataDir, { recursive: true });
  const marker = path.join(dataDir, 'seeded');
  let url = path.join(dataDir, 'bench.sqlite');
  if (db === 'postgres') {
    const name = `pasar_bench_${size}`;
    const u = new URL(PG_BASE);
    u.pathname = `/${name}`;
    url = u.toString();
    if (!fs.existsSync(marker)) {
      const admin = new pg.Client({ connectionString: PG_BASE });
      await admin.connect();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.query(`create database ${name}`);
      await admin.end();
    }
  }
  const env = { DATABASE_URL: url, DATA_DIR: dataDir, LOG_LEVEL: 'warn', JOB_WORKER: 'off' };
  const fresh = !fs.existsSync(marker);
  if (fresh) {
    await run(node, [pasar, 'migrate'], env);
    await run(node, [pasar, 'seed', '--products', String(size), '--seed', '1'], env);
    fs.writeFileSync(marker, new Date().toISOString());
  }
  if (db === 'postgres') await vacuum(url);
  return { env, fresh };
}

/**
 * What autovacuum does on a production server, done before measuring: the seed's updates and earlier runs' carts
 * leave dead row versions, and a server with autovacuum off (this workplace's is) would measure their walk instead
 * of the shop. VACUUM also refreshes the planner's statistics (ANALYZE).
 */
async function vacuum(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const started = Date.now();
    await client.query('vacuum analyze');
    console.log(`vacuum analyze: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await client.end();
  }
}

async function waitFor(url: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

/** Peak resident memory of a process so far, from the kernel (VmHWM), in MiB. */
function peakMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/**
 * Read scenarios first ask each URL once (the cold answer: the catalogue cache may be empty, so this is what the first
 * visitor after a change waits), then run WARM_UP_S unmeasured, so the measured run is the steady state and not the
 * cache filling up or the JIT warming. Write scenarios (cart, checkout) change the shop, so they get neither.
 * 5 s because a freshly started server reaches its plateau only after 4–6 s of load on a new scenario (measured in
 * one-second steps on the product page at 100k: 50, 2.3k, 5.9k, 7.8k, then 8–11k req/s); with 2 s, a third of the
 * measured run was still warming up.
 */
const WARM_UP_S = 5;

/** One autocannon run of `requests` against `base` for `seconds`, with the run's connections. */
const cannon = (base: string, requests: Scenario['requests'], seconds: number, amount?: number) =>
  autocannon({ url: base, connections, duration: seconds, timeout: 10, requests: requests as autocannon.Request[], ...(amount ? { amount } : {}) });

async function warmUp(base: string, scenario: Pick<Scenario, 'requests' | 'amount'>): Promise<number | null> {
  if (scenario.amount || scenario.requests.some((r) => r.method !== 'GET' || r.setupRequest)) return null;
  let slowest = 0;
  for (const r of scenario.requests) {
    const started = performance.now();
    const res = await fetch(base + r.path, { headers: r.headers });
    await res.arrayBuffer();
    slowest = Math.max(slowest, performance.now() - started);
  }
  await cannon(base, scenario.requests, WARM_UP_S);
  return Math.round(slowest);
}

async function load(base: string, scenario: Pick<Scenario, 'requests' | 'amount'>) {
  const firstMs = await warmUp(base, scenario);
  const result = await cannon(base, scenario.requests, duration, scenario.amount);
  // With a fixed amount, count only the successes over the time taken (checkouts refused for stock are not orders).
  const rps = scenario.amount ? result['2xx'] / result.duration : result.requests.average;
  return { rps: Math.round(rps), p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.timeouts + result.non2xx, firstMs };
}

/** The bare Fastify "hello world" the scenarios are compared with, started once per database and size. */
async function startCeiling(port: number): Promise<{ base: string; child: ChildProcess }> {
  const child = spawn(node, [path.join(root, 'bench/hello-fastify.mjs')], { cwd: root, env: { ...process.env, PORT: String(port) }, stdio: 'ignore' });
  const base = `http://127.0.0.1:${port}`;
  await waitFor(`${base}/`);
  return { base, child };
}

const CEILING_REQUESTS: Scenario['requests'] = [{ method: 'GET', path: '/' }];

/** The ceiling before a write scenario (those change the shop, so they run once, for their fixed amount). */
const measureCeiling = (base: string) => load(base, { requests: CEILING_REQUESTS }).then((r) => r.rps);

/**
 * Read scenarios and the ceiling are measured in turns, SLICES slices each of duration/SLICES seconds (ceiling,
 * scenario, ceiling, scenario, ...), both warmed up first. On a shared virtual machine the speed of the host drifts
 * within seconds (this workplace's ceiling has read anything from 8.5k to 80k req/s in one run); measured in turns,
 * both see the same host and the ratio measures the shop, not the drift. Requests/s are totals over the measured
 * time; p50 is the median of the slices' p50, p99 the highest of their p99 (so never better than the truth).
 */
const SLICES = 5;

async function loadInTurns(ceilingBase: string, base: string, scenario: Pick<Scenario, 'requests'>) {
  await warmUp(ceilingBase, { requests: CEILING_REQUESTS });
  const firstMs = await warmUp(base, scenario);
  const slice = Math.max(1, duration / SLICES);
  const ceiling = { requests: 0, seconds: 0 };
  const measured = { requests: 0, seconds: 0, errors: 0, p50s: [] as number[], p99: 0 };
  for (let i = 0; i < SLICES; i++) {
    const c = await cannon(ceilingBase, CEILING_REQUESTS, slice);
    ceiling.requests += c.requests.total;
    ceiling.seconds += c.duration;
    const r = await cannon(base, scenario.requests, slice);
    measured.requests += r.requests.total;
    measured.seconds += r.duration;
    measured.errors += r.errors + r.timeouts + r.non2xx;
    measured.p50s.push(r.latency.p50);
    measured.p99 = Math.max(measured.p99, r.latency.p99);
  }
  const p50 = measured.p50s.sort((a, b) => a - b)[Math.floor(SLICES / 2)]!;
  return {
    ceiling: Math.round(ceiling.requests / ceiling.seconds),
    result: { rps: Math.round(measured.requests / measured.seconds), p50, p99: measured.p99, errors: measured.errors, firstMs },
  };
}

const isReadScenario = (scenario: Scenario) => !scenario.amount && !scenario.prepare && scenario.requests.every((r) => r.method === 'GET' && !r.setupRequest);

async function main() {
  const rows: Row[] = [];
  let port = 4100;
  for (const db of databases) {
    for (const size of sizes) {
      console.log(`\n== ${db}, ${size} products ==`);
      const { env } = await databaseFor(db, size);
      const adminKey = (await run(node, [pasar, 'apikey:create', '--role', 'owner', '--name', 'bench', '--expires-days', '1'], env)).trim().split('\n').pop()!;
      const hello = await startCeiling(port++);
      const serverPort = port++;
      const server = spawn(node, [...profileArgs, pasar, 'start'], { cwd: root, env: { ...process.env, ...env, PORT: String(serverPort), HOST: '127.0.0.1' }, stdio: ['ignore', 'ignore', 'inherit'] });
      try {
        const base = `http://127.0.0.1:${serverPort}`;
        await waitFor(`${base}/healthz`);
        const facts: ShopFacts = await (await import('./shop-facts.ts')).readShopFacts(base);
        for (const scenario of scenarios(facts, adminKey).filter((s) => !only || only.some((word) => s.name.includes(word)))) {
          let limit: number;
          let r: Awaited<ReturnType<typeof load>>;
          if (isReadScenario(scenario)) {
            ({ ceiling: limit, result: r } = await loadInTurns(hello.base, base, scenario));
          } else {
            limit = await measureCeiling(hello.base);
            if (scenario.prepare) await scenario.prepare(base);
            r = await load(base, scenario);
          }
          const checked = scenario.verify ? await scenario.verify(base) : null;
          const row: Row = { db, size, scenario: scenario.name, ...r, ceiling: limit, ratio: limit ? r.rps / limit : 0, peakMb: peakMb(server.pid!), ...(checked ? { note: checked.note } : {}) };
          rows.push(row);
          console.log(`${scenario.name.padEnd(28)} ${String(r.rps).padStart(7)} req/s  ${(row.ratio * 100).toFixed(0).padStart(3)}% of ceiling (${limit} req/s)  p50 ${r.p50} ms  p99 ${r.p99} ms  errors ${r.errors}  peak ${row.peakMb} MiB${r.firstMs !== null ? `  cold ${r.firstMs} ms` : ''}${checked ? `  ${checked.note}` : ''}`);
          if (checked && !checked.ok) throw new Error(`${scenario.name}: ${checked.note}`);
        }
      } finally {
        await stop(server);
        await stop(hello.child);
      }
    }
  }
  if (!values['no-write']) writeReport(rows);
}

const NOTES_MARKER = '<!-- Notes below this line are written by hand and kept by `npm run bench`. -->';

function writeReport(rows: Row[]) {
  const commit = (() => {
    try {
      return fs.readFileSync(path.join(root, '.git/HEAD'), 'utf8').startsWith('ref:')
        ? fs.readFileSync(path.join(root, '.git', fs.readFileSync(path.join(root, '.git/HEAD'), 'utf8').slice(5).trim()), 'utf8').trim().slice(0, 12)
        : fs.readFileSync(path.join(root, '.git/HEAD'), 'utf8').trim().slice(0, 12);
    } catch {
      return 'unknown';
    }
  })();
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const lines = [
    '# Benchmarks',
    '',
    'Written by `npm run bench` (bench/run.ts): autocannon on loopback against `pasar start`, load generator and server',
    'on the same machine. Ratio = the scenario\'s requests/s over the ceiling, a bare Fastify "hello world" measured in the',
    `same run: for read scenarios in turns with the scenario (${SLICES} slices each; p99 is the highest slice\'s), for write scenarios right before it`,
    '(the host\'s speed drifts within seconds; measured apart, the ratio would show the drift).',
    '',
    `Date: ${new Date().toISOString().slice(0, 10)}. Commit: ${commit}. Machine: ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}.`,
    `PostgreSQL reached through ${pgSocket ? `its Unix socket (${pgSocket})` : `TCP (${new URL(PG_BASE).host})`}.`,
    `Response bodies: ${decodeBodies ? 'decoded into strings, as autocannon does when shipped (--decode-bodies)' : 'counted, not decoded into strings (bench/skip-body-decoding.ts, decision 0015)'}.`,
    `Each scenario: ${duration} s, ${connections} connections (checkout: a fixed number of carts, req/s = orders placed per second, errors = the expected out_of_stock answers). Catalogue: \`pasar seed --products N --seed 1\`.`,
    `Read scenarios are measured after a ${WARM_UP_S} s unmeasured warm-up; "cold ms" is the slowest of their URLs asked once before it (after the previous scenario, so the catalogue cache may or may not hold it).`,
    '',
    '| database | products | scenario | req/s | ceiling req/s | % of ceiling | p50 ms | p99 ms | errors | server peak MiB | cold ms |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r.db} | ${r.size} | ${r.scenario} | ${r.rps} | ${r.ceiling} | ${(r.ratio * 100).toFixed(0)}% | ${r.p50} | ${r.p99} | ${r.errors} | ${r.peakMb || ''} | ${r.firstMs ?? ''} |`),
    '',
    ...rows.filter((r) => r.note).map((r) => `- ${r.db}, ${r.size} products, ${r.scenario}: ${r.note}.`),
    '',
  ];
  // What people wrote below the marker (analysis, what changed since) survives the next run.
  const file = path.join(root, 'docs/benchmarks.md');
  const previous = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const kept = previous.includes(NOTES_MARKER) ? previous.slice(previous.indexOf(NOTES_MARKER)) : `${NOTES_MARKER}\n`;
  fs.writeFileSync(file, lines.join('\n') + '\n' + kept);
  console.log('\nwrote docs/benchmarks.md');
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
