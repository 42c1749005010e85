// Staff sign-in for browser tests, the way a new shop does it: `pasar staff:create` prints a set-up link, the member
// opens it, chooses a password, adds the key shown on the page to an "authenticator" (otplib here) and confirms a code.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { totpCode } from '../../../src/staff/totp.ts';
import type { DemoServer } from './demo-server.ts';

const root = path.resolve(import.meta.dirname, '../../..');
const STEP_MS = 30_000;

export interface StaffLogin {
  email: string;
  password: string;
  secret: string;
  recoveryCodes: string[];
  /** The next code the server accepts (each time step is accepted once; waits when needed). */
  nextCode(): Promise<string>;
}

/** Runs `pasar staff:create` against the server's database and returns the set-up link's path. */
export function createStaffLink(server: DemoServer, options: { email: string; role: string; name?: string }): string {
  const args = ['staff:create', '--email', options.email, '--role', options.role, ...(options.name ? ['--name', options.name] : [])];
  const out = execFileSync(process.execPath, [path.join(root, 'bin/pasar.mjs'), ...args], {
    cwd: root, env: { ...process.env, LOG_LEVEL: 'silent', DATA_DIR: server.dataDir, DATABASE_URL: path.join(server.dataDir, 'pasar.sqlite'), BASE_URL: server.url },
  }).toString().trim().split('\n');
  return new URL(out[out.length - 1]!).pathname;
}

/** A code generator that remembers which time step it last gave out. */
export function codes(secret: string, lastStep = -1): () => Promise<string> {
  let last = lastStep;
  return async () => {
    for (;;) {
      const now = Date.now();
      const step = Math.floor(now / STEP_MS);
      if (last < step) {
        last = step;
        return totpCode(secret, now);
      }
      if (last < step + 1) {
        last = step + 1;
        return totpCode(secret, now + STEP_MS);
      }
      await new Promise((r) => setTimeout(r, (step + 1) * STEP_MS - now + 100));
    }
  };
}

/**
 * On `page`: opens the set-up link, chooses `password`, enrols the key shown on the page, confirms a code, reads the
 * recovery codes and continues to the dashboard.
 */
export async function acceptInvitation(page: Page, server: DemoServer, link: string, email: string, password: string): Promise<StaffLogin> {
  await page.goto(server.url + link);
  await page.getByLabel(/^New password( \*)?$/).fill(password);
  await page.getByLabel('New password again').fill(password);
  await page.getByRole('button', { name: 'Continue' }).click();
  const secret = (await page.getByTestId('totp-secret').innerText()).replace(/\s+/g, '');
  const next = codes(secret);
  await page.getByLabel('Code from the app').fill(await next());
  await page.getByRole('button', { name: 'Confirm' }).click();
  const recoveryCodes = (await page.getByTestId('recovery-codes').innerText()).split(/\s+/).filter((c) => /^[a-z2-9]{5}-[a-z2-9]{5}$/.test(c));
  await page.getByRole('link', { name: 'Continue to the back office' }).click();
  await page.waitForURL(/\/admin$/);
  return { email, password, secret, recoveryCodes, nextCode: next };
}

/** Signs in on the sign-in page with email, password and the next code. */
export async function signInStaff(page: Page, server: DemoServer, login: StaffLogin): Promise<void> {
  await page.goto(`${server.url}/admin/login`);
  await page.getByLabel('Email address').fill(login.email);
  await page.getByLabel('Password').fill(login.password);
  await page.getByLabel('Authentication code').fill(await login.nextCode());
  await page.getByRole('button', { name: 'Sign in' }).click();
}

let counter = 0;

/** A new staff member of `role`, set up through the link and signed in on `page` (at the dashboard). */
export async function signInAsNewStaff(page: Page, server: DemoServer, role = 'owner'): Promise<StaffLogin> {
  counter += 1;
  const email = `${role}.${counter}.${process.pid}@staff.example`;
  const link = createStaffLink(server, { email, role, name: `Browser ${role} ${counter}` });
  return acceptInvitation(page, server, link, email, 'mangga harum jatuh di kali');
}
