// Passwords for staff and customers: argon2id hashes, and a policy that refuses weak, common and breached
// passwords before they are ever stored. One policy for both, so the rules are explained once.
import argon2 from 'argon2';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import * as id from '@zxcvbn-ts/language-id';
import * as es from '@zxcvbn-ts/language-es-es';

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 256;
/** zxcvbn's score 0–4; 3 means "safely unguessable: moderate protection from offline slow-hash attacks". */
const MIN_SCORE = 3;

// OWASP's recommended argon2id cost for interactive logins (19 MiB, 2 passes) is the floor; 64 MiB / 3 passes is the
// library default and still ~50 ms on this class of machine.
const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 65_536, timeCost: 3, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, ARGON2_OPTIONS);
}

/** False for a wrong password or a hash that is not argon2 (never throws on bad input). */
export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** True when a stored hash was made with weaker settings than today's, so it should be re-hashed at login. */
export function needsRehash(hash: string): boolean {
  return argon2.needsRehash(hash, ARGON2_OPTIONS);
}

// The dictionaries: the most common leaked passwords (the "breached" list, shipped with the package so it works
// on a closed network), common words in English, Indonesian and Spanish, and keyboard patterns.
const zxcvbn = new ZxcvbnFactory({
  graphs: common.adjacencyGraphs,
  dictionary: { ...common.dictionary, ...en.dictionary, ...id.dictionary, ...es.dictionary },
  translations: en.translations,
});
const breached = new Set<string>((common.dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));

/**
 * What is wrong with a new password, in words a person can act on; empty when it is acceptable.
 * `personal` holds the account's own data (email, name, shop name): a password built from them is refused.
 */
export function passwordProblems(password: string, personal: string[] = []): string[] {
  if (password.length < MIN_PASSWORD_LENGTH) return [`Use at least ${MIN_PASSWORD_LENGTH} characters.`];
  if (password.length > MAX_PASSWORD_LENGTH) return [`Use at most ${MAX_PASSWORD_LENGTH} characters.`];
  if (breached.has(password.toLowerCase())) {
    return ['This password appears in lists of leaked passwords that attackers try first. Choose another.'];
  }
  // zxcvbn discounts personal words but still passes "siti.rahma1990" for Siti Rahma: refuse any of them outright.
  const lower = password.toLowerCase();
  const words = personal.flatMap((p) => p.toLowerCase().split(/[@.\s_+-]+/)).filter((w) => w.length >= 4);
  if (words.some((w) => lower.includes(w))) return ['Do not build the password from your name or email address.'];
  const result = zxcvbn.check(password, words);
  if (result.score >= MIN_SCORE) return [];
  const hints = [result.feedback.warning, ...result.feedback.suggestions].filter((s): s is string => !!s);
  return ['This password is too easy to guess.', ...hints];
}
