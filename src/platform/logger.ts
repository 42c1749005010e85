import pino, { type Logger } from 'pino';

/** The process logger. Authorization headers and cookies are redacted so secrets never reach the logs. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]', '*.password', '*.key'],
  });
}
