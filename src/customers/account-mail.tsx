// Account emails (verify the address, reset the password) in the customer's language, sent by the
// `customers.mail` job. The job carries only the token's row id: the link is derived again when sending.
import type { Transaction } from 'kysely';
import { renderToString } from 'preact-render-to-string';
import { SUPPORTED_LOCALES, type Locale } from '../platform/config.ts';
import type { AppContext } from '../platform/context.ts';
import type { Database } from '../platform/db/schema.ts';
import { enqueueJob, PermanentJobError, type JobHandler } from '../platform/jobs/index.ts';
import { sendMail } from '../platform/mail/index.ts';
import type { CustomerTokenKind } from './customers.table.ts';
import { deriveToken, hashToken } from './tokens.ts';

export const ACCOUNT_MAIL_JOB = 'customers.mail';

interface AccountMailStrings { greeting: (name: string) => string; subject: string; intro: string; action: string; expiry: string; ignore: string }

const STRINGS: Record<Locale, Record<CustomerTokenKind, AccountMailStrings>> = {
  en: {
    verify_email: {
      greeting: (n) => `Hi ${n},`, subject: 'Confirm your email address for {shop}',
      intro: 'Thank you for creating an account at {shop}. Please confirm that this is your email address.',
      action: 'Confirm my email address', expiry: 'The link works for 24 hours.', ignore: 'If you did not create an account, you can ignore this email.',
    },
    reset_password: {
      greeting: (n) => `Hi ${n},`, subject: 'Reset your password for {shop}',
      intro: 'Someone (hopefully you) asked to reset the password of your {shop} account.',
      action: 'Choose a new password', expiry: 'The link works for one hour and only once.', ignore: 'If you did not ask for this, ignore this email: your password stays as it is.',
    },
  },
  id: {
    verify_email: {
      greeting: (n) => `Halo ${n},`, subject: 'Konfirmasi alamat email Anda untuk {shop}',
      intro: 'Terima kasih telah membuat akun di {shop}. Mohon konfirmasi bahwa ini alamat email Anda.',
      action: 'Konfirmasi alamat email saya', expiry: 'Tautan berlaku selama 24 jam.', ignore: 'Jika Anda tidak membuat akun, abaikan email ini.',
    },
    reset_password: {
      greeting: (n) => `Halo ${n},`, subject: 'Atur ulang kata sandi Anda untuk {shop}',
      intro: 'Seseorang (semoga Anda) meminta untuk mengatur ulang kata sandi akun {shop} Anda.',
      action: 'Pilih kata sandi baru', expiry: 'Tautan berlaku satu jam dan hanya sekali.', ignore: 'Jika Anda tidak memintanya, abaikan email ini: kata sandi Anda tetap sama.',
    },
  },
  th: {
    verify_email: {
      greeting: (n) => `สวัสดีคุณ${n}`, subject: 'ยืนยันอีเมลของคุณสำหรับ {shop}',
      intro: 'ขอบคุณที่สร้างบัญชีกับ {shop} โปรดยืนยันว่านี่คืออีเมลของคุณ',
      action: 'ยืนยันอีเมลของฉัน', expiry: 'ลิงก์นี้ใช้ได้ 24 ชั่วโมง', ignore: 'หากคุณไม่ได้สร้างบัญชี ไม่ต้องทำอะไรกับอีเมลนี้',
    },
    reset_password: {
      greeting: (n) => `สวัสดีคุณ${n}`, subject: 'ตั้งรหัสผ่านใหม่สำหรับ {shop}',
      intro: 'มีผู้ขอตั้งรหัสผ่านใหม่สำหรับบัญชี {shop} ของคุณ',
      action: 'ตั้งรหัสผ่านใหม่', expiry: 'ลิงก์นี้ใช้ได้หนึ่งชั่วโมงและใช้ได้ครั้งเดียว', ignore: 'หากคุณไม่ได้ขอ ไม่ต้องทำอะไร รหัสผ่านของคุณจะยังคงเดิม',
    },
  },
  fil: {
    verify_email: {
      greeting: (n) => `Kumusta ${n},`, subject: 'Kumpirmahin ang iyong email para sa {shop}',
      intro: 'Salamat sa paggawa ng account sa {shop}. Pakikumpirma na ito ang iyong email address.',
      action: 'Kumpirmahin ang aking email', expiry: 'Gumagana ang link sa loob ng 24 na oras.', ignore: 'Kung hindi ikaw ang gumawa ng account, huwag pansinin ang email na ito.',
    },
    reset_password: {
      greeting: (n) => `Kumusta ${n},`, subject: 'I-reset ang iyong password para sa {shop}',
      intro: 'May humiling (sana ikaw) na i-reset ang password ng iyong {shop} account.',
      action: 'Pumili ng bagong password', expiry: 'Gumagana ang link sa loob ng isang oras at isang beses lang.', ignore: 'Kung hindi ikaw ang humiling, huwag pansinin ito: hindi magbabago ang iyong password.',
    },
  },
  es: {
    verify_email: {
      greeting: (n) => `Hola, ${n}:`, subject: 'Confirma tu correo electrónico en {shop}',
      intro: 'Gracias por crear una cuenta en {shop}. Confirma que esta es tu dirección de correo.',
      action: 'Confirmar mi correo', expiry: 'El enlace funciona durante 24 horas.', ignore: 'Si no creaste una cuenta, ignora este correo.',
    },
    reset_password: {
      greeting: (n) => `Hola, ${n}:`, subject: 'Restablece tu contraseña de {shop}',
      intro: 'Alguien (esperamos que tú) pidió restablecer la contraseña de tu cuenta de {shop}.',
      action: 'Elegir una contraseña nueva', expiry: 'El enlace funciona durante una hora y una sola vez.', ignore: 'Si no lo pediste, ignora este correo: tu contraseña no cambia.',
    },
  },
};

const PATHS: Record<CustomerTokenKind, string> = { verify_email: '/account/verify', reset_password: '/account/reset' };

export interface RenderedAccountMail { subject: string; text: string; html: string }

/** The message for a token: subject, plain text and HTML, in `locale` (English when unknown). */
export function renderAccountMail(kind: CustomerTokenKind, input: { name: string; url: string; locale: string; shopName: string }): RenderedAccountMail {
  const locale = (SUPPORTED_LOCALES as readonly string[]).includes(input.locale) ? (input.locale as Locale) : 'en';
  const s = STRINGS[locale][kind];
  const fill = (text: string) => text.replaceAll('{shop}', input.shopName);
  const subject = fill(s.subject);
  const greeting = s.greeting(input.name);
  const text = [greeting, '', fill(s.intro), '', `${s.action}: ${input.url}`, '', s.expiry, s.ignore, ''].join('\n');
  const html = '<!doctype html>' + renderToString(
    <html lang={locale}>
      <head><meta charset="utf-8" /><title>{subject}</title></head>
      <body style={{ fontFamily: 'Arial, Helvetica, sans-serif', color: '#111827', padding: '24px 12px' }}>
        <p>{greeting}</p>
        <p>{fill(s.intro)}</p>
        <p style={{ margin: '20px 0' }}>
          <a href={input.url} style={{ background: '#0f766e', color: '#ffffff', padding: '10px 18px', borderRadius: '6px', textDecoration: 'none', display: 'inline-block' }}>{s.action}</a>
        </p>
        <p style={{ color: '#6b7280', fontSize: '14px' }}>{s.expiry} {s.ignore}</p>
        <p style={{ color: '#6b7280', fontSize: '12px', wordBreak: 'break-all' }}>{input.url}</p>
      </body>
    </html>,
  );
  return { subject, text, html };
}

/** Queues the email for a token just issued, in the transaction that issued it. */
export async function queueAccountMail(trx: Transaction<Database>, tokenId: number): Promise<void> {
  await enqueueJob(trx, ACCOUNT_MAIL_JOB, { tokenId }, { maxAttempts: 8, uniqueKey: `${ACCOUNT_MAIL_JOB}:${tokenId}` });
}

/**
 * The job: loads the token and its customer, derives the link again and sends it. A token used, replaced or
 * expired in the meantime (or an erased account) sends nothing.
 */
export function accountMailJobHandler(ctx: AppContext): JobHandler {
  return async (payload: { tokenId?: unknown }) => {
    if (!payload || !Number.isSafeInteger(payload.tokenId)) throw new PermanentJobError('customers.mail payload has no token id');
    const row = await ctx.db.kysely.selectFrom('customer_tokens as t').innerJoin('customers as c', 'c.id', 't.customer_id')
      .select(['t.kind', 't.nonce', 't.token_hash', 't.expires_at', 't.used_at', 'c.email', 'c.name', 'c.preferred_locale', 'c.erased_at'])
      .where('t.id', '=', payload.tokenId as number).executeTakeFirst();
    if (!row || row.used_at || row.erased_at || new Date(row.expires_at) <= new Date()) return;
    const token = deriveToken(ctx, row.nonce);
    // A changed SECRET_KEY would derive another token: sending it would only mail a dead link.
    if (hashToken(token) !== row.token_hash) throw new PermanentJobError('the token no longer matches the server secret');
    const locale = (SUPPORTED_LOCALES as readonly string[]).includes(row.preferred_locale ?? '') ? (row.preferred_locale as Locale) : ctx.config.defaultLocale;
    const prefix = locale === ctx.config.defaultLocale ? '' : `/${locale}`;
    const url = `${ctx.config.baseUrl}${prefix}${PATHS[row.kind]}?token=${token}`;
    const mail = renderAccountMail(row.kind, { name: row.name, url, locale, shopName: ctx.config.shopName });
    try {
      await sendMail(ctx, { to: { name: row.name, address: row.email }, ...mail, language: locale });
    } catch (err) {
      const code = (err as { responseCode?: number }).responseCode;
      if (code !== undefined && code >= 500 && code < 600) throw new PermanentJobError(`SMTP ${code}: ${(err as Error).message}`);
      throw err;
    }
  };
}
