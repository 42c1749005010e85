// Two `pasar start` processes serving one shop on PostgreSQL and Redis, as behind a load balancer: carts and
// checkouts go through both without overselling, a session made on one is valid on the other, and a catalogue change
// made through one is seen by the other within a second (its cache is invalidated through Redis).
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { TEST_DB, TEST_POSTGRES_URL } from '../helpers/test-context.ts';

const root = path.resolve(import.meta.dirname, '../..');
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const ADDRESS = { name: 'Siti Rahma', line1: 'Jl. Sudirman 45', city: 'Jakarta Selatan', region: 'DKI Jakarta', postal_code: '12190', country: 'ID', phone: '+62 812 3456 7890' };

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

function pasar(args: string[], env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, 'bin/pasar.mjs'), ...args], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`pasar ${args.join(' ')} exited with ${code}`))));
  });
}

async function waitFor(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

describe('two processes, one shop (PostgreSQL and Redis)', { skip: TEST_DB !== 'postgres' && 'needs PostgreSQL: runs in the PostgreSQL pass of the suite' }, () => {
  const servers: ChildProcess[] = [];
  let one = '';
  let two = '';
  let admin: Record<string, string> = {};
  let dbName = '';
  let dataDir = '';

  before(async () => {
    dbName = `pasar_multi_${crypto.randomBytes(4).toString('hex')}`;
    const c = new pg.Client({ connectionString: TEST_POSTGRES_URL });
    await c.connect();
    await c.query(`create database ${dbName}`);
    await c.end();
    const url = new URL(TEST_POSTGRES_URL);
    url.pathname = `/${dbName}`;
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pasar-multi-'));
    const env = {
      DATABASE_URL: url.toString(), REDIS_URL, REDIS_PREFIX: `pasar-test-${dbName}:`, DATA_DIR: dataDir,
      SECRET_KEY: crypto.randomBytes(32).toString('base64url'), LOG_LEVEL: 'warn', BACKUP_SCHEDULE: 'off',
    };
    await pasar(['migrate'], env);
    await pasar(['seed', '--products', '60', '--seed', '7'], env);
    const key = (await pasar(['apikey:create', '--role', 'owner', '--name', 'multi'], env)).trim().split('\n').pop()!;
    admin = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
    for (const name of ['one', 'two']) {
      const port = await freePort();
      const child = spawn(process.execPath, [path.join(root, 'bin/pasar.mjs'), 'start'], {
        cwd: dataDir, env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', BASE_URL: `http://127.0.0.1:${port}` }, stdio: ['ignore', 'ignore', 'inherit'],
      });
      servers.push(child);
      if (name === 'one') one = `http://127.0.0.1:${port}`;
      else two = `http://127.0.0.1:${port}`;
    }
    await Promise.all([waitFor(`${one}/healthz`), waitFor(`${two}/healthz`)]);
  });

  after(async () => {
    await Promise.all(servers.map((s) => new Promise<void>((resolve) => {
      if (s.exitCode !== null) return resolve();
      s.once('exit', () => resolve());
      s.kill('SIGTERM');
    })));
    const c = new pg.Client({ connectionString: TEST_POSTGRES_URL });
    await c.connect();
    await c.query(`drop database if exists ${dbName} with (force)`);
    await c.end();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const json = async (base: string, method: string, p: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(base + p, { method, headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
  };

  async function aProduct() {
    const list = await json(one, 'GET', '/api/store/products?per_page=10&in_stock=true');
    const slug = list.body.items[0].slug as string;
    const detail = await json(one, 'GET', `/api/store/products/${slug}`);
    const variant = detail.body.variants.find((v: { price: unknown }) => v.price);
    return { id: detail.body.id as number, slug, sku: variant.sku as string };
  }

  it('sells exactly the stock to checkouts spread over both processes', async () => {
    const { sku } = await aProduct();
    const put = await json(one, 'PUT', `/api/admin/inventory/${encodeURIComponent(sku)}`, { on_hand: 10 }, admin);
    assert.equal(put.status, 200, JSON.stringify(put.body));
    const bases = Array.from({ length: 30 }, (_, i) => (i % 2 === 0 ? one : two));
    // Each cart is made on one process and completed on the other, as a load balancer might send them.
    const carts = await Promise.all(bases.map(async (base) => {
      const cart = await json(base, 'POST', '/api/store/carts', { currency: 'IDR' });
      const add = await json(base === one ? two : one, 'POST', `/api/store/carts/${cart.body.id}/items`, { sku, quantity: 1 });
      assert.equal(add.status, 201, JSON.stringify(add.body));
      return { id: cart.body.id as string, base };
    }));
    const options = await json(one, 'GET', `/api/store/carts/${carts[0]!.id}/shipping-options?country=ID&region=DKI%20Jakarta&postal_code=12190`);
    const order = { email: 'multi@example.com', shipping_address: ADDRESS, shipping_option_id: options.body[0].id, payment_method: 'cod' };
    const answers = await Promise.all(carts.map((c) => json(c.base, 'POST', `/api/store/carts/${c.id}/complete`, order, { 'idempotency-key': `multi-${c.id}` })));
    const statuses = answers.map((a) => a.status).sort();
    assert.equal(statuses.filter((s) => s === 201).length, 10, JSON.stringify(statuses));
    assert.equal(statuses.filter((s) => s === 409).length, 20);
    const level = await json(two, 'GET', `/api/admin/inventory/${encodeURIComponent(sku)}`, undefined, admin);
    const [row] = level.body.levels;
    assert.deepEqual([row.on_hand, row.reserved, row.available], [10, 10, 0]);
  });

  it('accepts on one process a customer session made on the other', async () => {
    const email = `multi-${crypto.randomBytes(3).toString('hex')}@example.com`;
    const password = 'tamarind-kettle-Orbit-42';
    const reg = await json(one, 'POST', '/api/store/customers', { email, password, name: 'Multi Tester' });
    assert.equal(reg.status, 201, JSON.stringify(reg.body));
    const login = await json(one, 'POST', '/api/store/auth/login', { email, password });
    assert.equal(login.status, 200, JSON.stringify(login.body));
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    assert.match(cookie, /=/);
    const me = await json(two, 'GET', '/api/store/me', undefined, { cookie });
    assert.equal(me.status, 200, JSON.stringify(me.body));
    assert.equal(me.body.email, email);
    const logout = await fetch(`${two}/api/store/auth/logout`, { method: 'POST', headers: { cookie } });
    assert.ok(logout.status < 300);
    assert.equal((await json(one, 'GET', '/api/store/me', undefined, { cookie })).status, 401);
  });

  it('shows a catalogue change made through one process on the other within a second', async () => {
    const { id, slug } = await aProduct();
    // Both processes have the product page data cached.
    for (const base of [one, two]) assert.equal((await json(base, 'GET', `/api/store/products/${slug}`)).status, 200);
    const patch = await json(one, 'PATCH', `/api/admin/products/${id}`, { status: 'draft' }, admin);
    assert.equal(patch.status, 200, JSON.stringify(patch.body));
    const changedAt = Date.now();
    let status = 200;
    while (status === 200 && Date.now() - changedAt < 1000) {
      status = (await json(two, 'GET', `/api/store/products/${slug}`)).status;
      if (status === 200) await new Promise((r) => setTimeout(r, 20));
    }
    assert.equal(status, 404, 'the other process still served the product a second after it was withdrawn');
  });
});
