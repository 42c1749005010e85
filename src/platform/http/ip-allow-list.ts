// The back office's network allow-list: with ADMIN_ALLOWED_IPS set, requests for /admin… and /api/admin/… from any
// other address are refused before routing work, body parsing or the session lookup run. The client address is the
// socket's, or with TRUST_PROXY the one the trusted proxy reports; trusting every proxy would let anyone claim an
// allowed address in X-Forwarded-For, hence TRUST_PROXY defaults to off.
import net from 'node:net';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorBody } from './errors.ts';

/** Fastify's `trustProxy`: off, every proxy (true), or the proxies' addresses, subnets and named ranges. */
export type TrustProxy = boolean | string[];

interface Rule {
  address: string;
  family: 'ipv4' | 'ipv6';
  prefix: number | null;
}

/** `10.0.0.7`, `10.0.0.0/8`, `2001:db8::1` or `2001:db8::/32`; null when the text is none of these. */
function parseRule(text: string): Rule | null {
  const [address = '', prefixText, ...rest] = text.split('/');
  const version = net.isIP(address);
  if (version === 0 || rest.length > 0) return null;
  const family = version === 4 ? 'ipv4' : 'ipv6';
  if (prefixText === undefined) return { address, family, prefix: null };
  const max = version === 4 ? 32 : 128;
  if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > max) return null;
  return { address, family, prefix: Number(prefixText) };
}

/** A comma-separated list of addresses and CIDR subnets; each entry that is neither is reported in `problems`. */
export function parseAddressList(name: string, value: string | undefined, problems: string[]): string[] {
  const entries = (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const bad = entries.filter((e) => parseRule(e) === null);
  if (bad.length > 0) {
    // Only the offending entries, cut short: the value may be long, and it is echoed into logs.
    problems.push(`${name} must list IPv4/IPv6 addresses or CIDR subnets separated by commas; not valid: ${bad.slice(0, 5).map((b) => `"${b.slice(0, 60)}"`).join(', ')}`);
  }
  return entries.filter((e) => parseRule(e) !== null);
}

/** Names proxy-addr (Fastify's X-Forwarded-For parser) understands for common private ranges. */
const NAMED_RANGES = ['loopback', 'linklocal', 'uniquelocal'];

/**
 * TRUST_PROXY: unset, `false` or `off` trusts no proxy (the default); `true` trusts any (only when nothing can reach
 * the app except through the proxy); otherwise the proxies' addresses or subnets, or loopback / linklocal /
 * uniquelocal. Not a hop count: Fastify cannot check the nearest peer with one, so it ignores the header then.
 */
export function parseTrustProxy(value: string | undefined, problems: string[]): TrustProxy {
  const v = (value ?? '').trim().toLowerCase();
  if (v === '' || v === 'false' || v === 'off' || v === '0') return false;
  if (v === 'true' || v === 'on') return true;
  const entries = (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const named = entries.filter((e) => NAMED_RANGES.includes(e.toLowerCase())).map((e) => e.toLowerCase());
  const addresses = parseAddressList('TRUST_PROXY', entries.filter((e) => !NAMED_RANGES.includes(e.toLowerCase())).join(','), problems);
  return [...named, ...addresses];
}

/** Addresses a list allows. An IPv4 client seen through an IPv6 socket (`::ffff:10.0.0.7`) matches IPv4 entries. */
export class IpAllowList {
  private readonly list = new net.BlockList();

  constructor(readonly entries: readonly string[]) {
    for (const entry of entries) {
      const rule = parseRule(entry);
      if (!rule) throw new Error(`not an address or subnet: ${entry}`);
      if (rule.prefix === null) this.list.addAddress(rule.address, rule.family);
      else this.list.addSubnet(rule.address, rule.prefix, rule.family);
    }
  }

  allows(ip: string | undefined): boolean {
    if (!ip) return false;
    const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip)?.[1];
    const address = mapped ?? ip;
    const version = net.isIP(address);
    if (version === 0) return false;
    return this.list.check(address, version === 4 ? 'ipv4' : 'ipv6');
  }
}

/** True for the back office's pages and API, however the path is spelt (percent-encoding, case, doubled slashes). */
export function isAdminPath(url: string): boolean {
  let path = url.split('?')[0] ?? '';
  try {
    path = decodeURIComponent(path);
  } catch {
    // a malformed escape: judge the raw text
  }
  path = path.toLowerCase().replace(/[/\\]+/g, '/');
  return path.startsWith('/admin') || path.startsWith('/api/admin');
}

const REFUSED_PAGE =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Not allowed</title></head>' +
  '<body><h1>Not allowed</h1><p>The back office of this shop cannot be opened from your network.</p></body></html>';

/**
 * Registers the allow-list as the app's first onRequest hook; does nothing when `entries` is empty (everyone may
 * reach the sign-in page, which has its own protections).
 */
export function registerAdminIpAllowList(app: FastifyInstance, entries: readonly string[]): void {
  if (entries.length === 0) return;
  const allowList = new IpAllowList(entries);
  app.addHook('onRequest', async function adminIpAllowList(request: FastifyRequest, reply: FastifyReply) {
    const route = request.routeOptions.url;
    if (!isAdminPath(request.url) && !(route && isAdminPath(route))) return;
    if (allowList.allows(request.ip)) return;
    request.log.warn({ ip: request.ip, url: request.url.split('?')[0] }, 'back-office request refused: address not on ADMIN_ALLOWED_IPS');
    reply.header('cache-control', 'no-store');
    if (request.url.startsWith('/api/')) {
      return reply.status(403).send(errorBody('ip_not_allowed', 'The back-office API cannot be used from this network address'));
    }
    return reply.status(403).type('text/html; charset=utf-8').send(REFUSED_PAGE);
  });
}
