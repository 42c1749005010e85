import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../../..');
// The template is named by a hash of the code that shapes it (seeds and migrations), so a change there seeds anew
// instead of reusing a stale shop.
function templateKey(): string {
  const hash = crypto.createHash('sha256');
  const files = fs.readdirSync(path.join(root, 'src'), { recursive: true }).map(String)
    .filter((f) => /\.tsx?$/.test(f) && (f.startsWith(`seed${path.sep}`) || f.includes(`${path.sep}migrations${path.sep}`)))
    .sort();
  for (const f of files) hash.update(f).update(fs.readFileSync(path.join(root, 'src', f)));
  return hash.digest('hex').slice(0, 12);
}
const templateDir = path.join(root, '.tmp', `demo-template-${templateKey()}`);

export interface DemoServer {
  url: string;
  dataDir: string;
  /** Stops the server and removes its data. */
  stop(): Promise<void>;
  /** Kills the server at once (SIGKILL), as a crash would; the data stays for a restart. */
  kill(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

function run(args: string[], env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, 'bin/pasar.mjs'), ...args], {
      cwd: root, env: { ...process.env, LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'ignore', 'inherit'],
    });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`pasar ${args.join(' ')} exited ${code}`))));
  });
}

/**
 * The demo shop is seeded once per checkout into .tmp/demo-template (a directory lock keeps parallel test files from
 * seeding twice); every server gets its own copy, so tests never see each other's writes.
 */
async function demoTemplate(): Promise<string> {
  const done = path.join(templateDir, '.complete');
  const lock = `${templateDir}.lock`;
  for (;;) {
    if (fs.existsSync(done)) return templateDir;
    try {
      fs.mkdirSync(path.dirname(lock), { recursive: true });
      fs.mkdirSync(lock);
    } catch {
      await new Promise((r) => setTimeout(r, 500));
      continue;
    }
    try {
      fs.rmSync(templateDir, { recursive: true, force: true });
      fs.mkdirSync(templateDir, { recursive: true });
      await run(['seed', '--demo'], { DATA_DIR: templateDir, DATABASE_URL: path.join(templateDir, 'pasar.sqlite') });
      fs.writeFileSync(done, new Date().toISOString());
      return templateDir;
    } finally {
      fs.rmSync(lock, { recursive: true, force: true });
    }
  }
}

/** Starts `pasar start` on a free loopback port over a private copy of the demo shop and waits until it is healthy. */
export async function startDemoServer(env: Record<string, string> = {}, options: { dataDir?: string } = {}): Promise<DemoServer> {
  let dataDir = options.dataDir;
  if (!dataDir) {
    const template = await demoTemplate();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pasar-demo-'));
    fs.cpSync(template, dataDir, { recursive: true });
  }
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, [path.join(root, 'bin/pasar.mjs'), 'start'], {
    // Started from its data folder, not the project's: `pasar start` must work from wherever it is run.
    cwd: dataDir,
    env: {
      ...process.env, LOG_LEVEL: 'warn', PORT: String(port), HOST: '127.0.0.1', BASE_URL: url,
      DATA_DIR: dataDir, DATABASE_URL: path.join(dataDir, 'pasar.sqlite'), ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`pasar start exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error('pasar start did not become healthy within 60 s');
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    dataDir,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
}
