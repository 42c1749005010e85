// Where mail goes: the SMTP server of SMTP_URL, or, without one, .eml files under DATA_DIR/outbox that a developer
// can open in any mail client (nodemailer's stream transport builds the same message it would send).
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { Config } from '../config.ts';

export interface MailAddress {
  name: string;
  address: string;
}

export interface MailMessage {
  to: MailAddress | string;
  subject: string;
  text: string;
  html: string;
  /** Content-Language, so clients know which language the customer reads. */
  language?: string;
  headers?: Record<string, string>;
}

export interface SentMail {
  messageId: string;
  /** The .eml file written when no SMTP server is configured. */
  file?: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<SentMail>;
  close(): void;
}

export function createMailer(config: Config): Mailer {
  const base = (m: MailMessage) => ({
    from: config.mail.from,
    to: m.to,
    subject: m.subject,
    text: m.text,
    html: m.html,
    headers: { ...(m.language ? { 'Content-Language': m.language } : {}), ...m.headers },
  });

  if (config.mail.smtpUrl) {
    const transport = nodemailer.createTransport(config.mail.smtpUrl);
    return {
      async send(message) {
        const info = await transport.sendMail(base(message));
        return { messageId: info.messageId };
      },
      close: () => transport.close(),
    };
  }

  const outbox = path.join(config.dataDir, 'outbox');
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send(message) {
      const info = await transport.sendMail(base(message));
      await fs.mkdir(outbox, { recursive: true });
      // Timestamp first so the files sort by time; a random suffix instead of the Message-ID keeps names safe.
      const file = path.join(outbox, `${new Date().toISOString().replace(/[:.]/g, '-')}-${crypto.randomBytes(4).toString('hex')}.eml`);
      await fs.writeFile(file, info.message as Buffer);
      return { messageId: info.messageId, file };
    },
    close: () => transport.close(),
  };
}
