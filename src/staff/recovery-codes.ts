// Recovery codes: ten single-use codes shown once, for when the authenticator is lost. Each is 10 characters of a
// 31-character alphabet without look-alikes (about 50 bits), shown as `xxxxx-xxxxx`. Only a keyed hash (HMAC under a key
// derived from the server secret) is stored, so a copy of the table cannot be searched offline for the codes.
import crypto from 'node:crypto';

export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789'; // no i, l, o, 0, 1
const LENGTH = 10;

export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  const codes = new Set<string>();
  while (codes.size < count) {
    let code = '';
    for (let i = 0; i < LENGTH; i++) code += ALPHABET[crypto.randomInt(ALPHABET.length)];
    codes.add(`${code.slice(0, 5)}-${code.slice(5)}`);
  }
  return [...codes];
}

/** What a person may type: any case, with or without the dash or spaces. Null when it cannot be a recovery code. */
export function normaliseRecoveryCode(input: string): string | null {
  const code = input.toLowerCase().replace(/[\s-]+/g, '');
  if (code.length !== LENGTH) return null;
  for (const ch of code) if (!ALPHABET.includes(ch)) return null;
  return code;
}

export function hashRecoveryCode(serverSecret: Buffer, normalised: string): string {
  const key = Buffer.from(crypto.hkdfSync('sha256', serverSecret, Buffer.alloc(0), 'pasar staff recovery codes v1', 32));
  return crypto.createHmac('sha256', key).update(normalised).digest('hex');
}
