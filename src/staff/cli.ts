// `pasar staff:create --email E --role R [--name N]`: creates a staff member with a set-up link and prints the link
// as the last line (for the first owner, before anyone can invite by email).
import { parseArgs } from 'node:util';
import { ConfigError } from '../platform/config.ts';
import { migrateToLatest } from '../platform/db/migrations.ts';
import { ROLES } from '../platform/auth/roles.ts';
import { AppError } from '../platform/http/errors.ts';
import { createContext } from '../server.ts';
import { inviteStaff } from './staff.service.ts';

export async function staffCreateCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { email: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' } } });
  if (!values.email) throw new ConfigError('staff:create needs --email');
  if (!values.role || !(ROLES as readonly string[]).includes(values.role)) throw new ConfigError(`--role must be one of ${ROLES.join(', ')}`);
  const ctx = await createContext();
  try {
    await migrateToLatest(ctx.db);
    const name = values.name ?? values.email.split('@')[0]!;
    const { staff, url } = await inviteStaff(ctx, { email: values.email, name, role: values.role }, { mail: false });
    console.log(`Created ${staff.role} ${staff.name} <${staff.email}>. Open this link within 72 hours to choose a password and set up two-factor sign-in (it works once):`);
    console.log(url);
  } catch (err) {
    if (err instanceof AppError) throw new ConfigError(err.message);
    throw err;
  } finally {
    await ctx.db.destroy();
  }
}
