// `pasar staff:create` as an owner runs it: the set-up link is the last line; mistakes are explained, exit code 2.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';

const root = path.resolve(import.meta.dirname, '../..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pasar-staff-cli-'));
const pasar = (args: string[]) =>
  spawnSync(process.execPath, [path.join(root, 'bin/pasar.mjs'), ...args], {
    cwd: root, encoding: 'utf8',
    env: { ...process.env, LOG_LEVEL: 'silent', DATA_DIR: dataDir, DATABASE_URL: path.join(dataDir, 'pasar.sqlite'), BASE_URL: 'https://shop.example' },
  });

describe('pasar staff:create', () => {
  after(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('creates the member and prints the one-time set-up link last; refuses a duplicate and bad options', () => {
    const ok = pasar(['staff:create', '--email', 'Owner@Shop.example', '--role', 'owner', '--name', 'Sari Owner']);
    assert.equal(ok.status, 0, ok.stderr);
    const lines = ok.stdout.trim().split('\n');
    assert.match(lines[0]!, /Created owner Sari Owner <owner@shop\.example>/);
    assert.match(lines[lines.length - 1]!, /^https:\/\/shop\.example\/admin\/invite\/[A-Za-z0-9_-]{43}$/);

    const dup = pasar(['staff:create', '--email', 'owner@shop.example', '--role', 'owner']);
    assert.equal(dup.status, 2);
    assert.match(dup.stderr, /already exists/);
    const role = pasar(['staff:create', '--email', 'x@shop.example', '--role', 'root']);
    assert.equal(role.status, 2);
    assert.match(role.stderr, /--role must be one of owner, manager/);
    const email = pasar(['staff:create', '--email', 'not an email', '--role', 'support']);
    assert.equal(email.status, 2);
    assert.match(email.stderr, /email address/);
    assert.equal(pasar(['staff:create', '--role', 'support']).status, 2);
  });
});
