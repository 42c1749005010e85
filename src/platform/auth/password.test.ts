import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hashPassword, needsRehash, passwordProblems, verifyPassword } from './password.ts';

describe('password policy', () => {
  it('hashes with argon2id and verifies only the right password', async () => {
    const hash = await hashPassword('tamarind-kettle-Orbit-42');
    assert.match(hash, /^\$argon2id\$/);
    assert.equal(await verifyPassword(hash, 'tamarind-kettle-Orbit-42'), true);
    assert.equal(await verifyPassword(hash, 'tamarind-kettle-Orbit-43'), false);
    assert.equal(await verifyPassword('not a hash', 'x'), false);
    assert.equal(needsRehash(hash), false);
  });

  it('refuses short, leaked, common and personal passwords, accepts a long unusual one', () => {
    assert.match(passwordProblems('Ab1!')[0]!, /at least 10/);
    assert.match(passwordProblems('password123')[0]!, /leaked/);
    assert.match(passwordProblems('1q2w3e4r5t')[0]!, /leaked|too easy/);
    assert.match(passwordProblems('qwertyuiopasdf')[0]!, /too easy/);
    assert.ok(passwordProblems('siti.rahma1990', ['siti.rahma@example.id', 'Siti Rahma']).length > 0);
    assert.deepEqual(passwordProblems('tamarind-kettle-Orbit-42'), []);
    assert.deepEqual(passwordProblems('mangga harum jatuh di kali'), []);
    assert.match(passwordProblems('x'.repeat(300))[0]!, /at most/);
  });
});
