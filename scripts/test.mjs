#!/usr/bin/env node
// The whole suite: every test on SQLite, the same tests again on PostgreSQL (when one is reachable, and always
// in CI), then the browser tests. Prints a closing "N passed, N failed" line over all runs.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';

const root = path.resolve(import.meta.dirname, '..');
const only = process.argv.slice(2);

function findTests(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true })
    .filter((f) => /\.test\.tsx?$/.test(f))
    .map((f) => path.join(dir, f))
    .sort();
}

const all = [...findTests(path.join(root, 'src')), ...findTests(path.join(root, 'test'))]
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)));
const browser = all.filter((f) => f.includes(`${path.sep}browser${path.sep}`));
const server = all.filter((f) => !browser.includes(f));

const totals = { passed: 0, failed: 0, skipped: 0 };

function run(label, files, env) {
  if (files.length === 0) return Promise.resolve(0);
  console.log(`\n=== ${label}: ${files.length} file(s) ===`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...files], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let tail = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      tail = (tail + chunk.toString()).slice(-4000);
    });
    child.on('close', (code) => {
      const count = (name) => Number(new RegExp(`ℹ ${name} (\\d+)`).exec(tail)?.[1] ?? 0);
      totals.passed += count('pass');
      totals.failed += count('fail') + (code !== 0 && count('fail') === 0 ? 1 : 0);
      totals.skipped += count('skipped');
      resolve(code ?? 1);
    });
  });
}

async function postgresReachable(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

const pgUrl = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
let exit = 0;
exit |= await run('SQLite', server, { TEST_DB: 'sqlite' });
if (await postgresReachable(pgUrl)) {
  exit |= await run('PostgreSQL', server, { TEST_DB: 'postgres', TEST_POSTGRES_URL: pgUrl });
} else if (process.env.CI) {
  console.error(`PostgreSQL is not reachable at ${pgUrl}, and CI requires the PostgreSQL run.`);
  exit = 1;
  totals.failed += 1;
} else {
  console.log(`\n(PostgreSQL not reachable at ${pgUrl}: the PostgreSQL run is skipped. Set TEST_POSTGRES_URL to run it.)`);
}
if (browser.length > 0) {
  if (fs.existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium')) {
    exit |= await run('Browser (Chromium)', browser, { TEST_DB: 'sqlite' });
  } else if (process.env.CI) {
    console.error('Chromium is missing at /usr/bin/chromium, and CI requires the browser tests.');
    exit = 1;
    totals.failed += 1;
  } else {
    console.log('\n(Chromium not found at /usr/bin/chromium: browser tests skipped. apt-get install -y chromium)');
  }
}
console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(exit ? 1 : 0);
