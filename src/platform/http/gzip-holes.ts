// Gzip for cached answers that have per-visitor holes (the storefront's cached pages: a CSRF token, the header's cart
// and account link). Compressing a whole page on every request would cost more than everything else the request
// does, so the page's fixed texts are compressed once, when it is cached, each as a deflate segment of its own, and
// a request only splices its holes in between as stored (uncompressed) deflate blocks and writes the gzip trailer.
//
// Why that is valid deflate (RFC 1951): every segment but the last is flushed with Z_FULL_FLUSH, which ends it on a
// byte boundary and resets the compressor's history, so nothing after it refers back into it; a stored block is a
// 0x00 header byte (not final, type 0) followed by LEN, ~LEN and the bytes; the last segment carries the final block.
// The gzip trailer (RFC 1952) is the CRC-32 and length of the whole uncompressed page.
import zlib from 'node:zlib';

const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xff]);
const MAX_STORED = 0xffff;

/** A template's fixed texts compressed once, with what the trailer needs of each (see crc32Append). */
export interface Segment { deflated: Buffer; crc: number; shift: number; length: number }

/** The fixed texts of a template compressed once: texts[i] comes before hole i; the last one ends the page. */
export function compressSegments(texts: Buffer[]): Segment[] {
  return texts.map((text, i) => ({
    deflated: zlib.deflateRawSync(text, { level: 6, finishFlush: i === texts.length - 1 ? zlib.constants.Z_FINISH : zlib.constants.Z_FULL_FLUSH }),
    crc: zlib.crc32(text),
    shift: x8nModP(text.length),
    length: text.length,
  }));
}

// CRC-32 of a concatenation from the CRCs of its parts, as zlib's crc32_combine does (crc32.c): appending B to A
// multiplies A's CRC by x^(8·len(B)) modulo the CRC polynomial and adds B's CRC. A page's texts never change, so
// their CRC and that multiplier are computed once, and a request runs the CRC over its own few hole bytes only.
const POLY = 0xedb88320;

function multModP(a: number, b: number): number {
  let m = 0x80000000;
  let p = 0;
  for (;;) {
    if (a & m) {
      p ^= b;
      if ((a & (m - 1)) === 0) break;
    }
    m >>>= 1;
    b = b & 1 ? (b >>> 1) ^ POLY : b >>> 1;
  }
  return p >>> 0;
}

/** x^(2^k) mod p(x), for k = 0..31. */
const X2N: number[] = [];
for (let k = 0, p = 0x40000000; k < 32; k++) {
  X2N.push(p);
  p = multModP(p, p);
}

/** x^(8·n) mod p(x): the multiplier that appends n bytes. */
function x8nModP(n: number): number {
  let p = 0x80000000;
  for (let k = 3; n > 0; n = Math.floor(n / 2), k++) if (n % 2 === 1) p = multModP(X2N[k & 31]!, p);
  return p;
}

/** The CRC-32 of A+B from A's CRC and B's (crc32_combine). */
function crc32Append(crcA: number, segment: Segment): number {
  return (multModP(segment.shift, crcA) ^ segment.crc) >>> 0;
}

/** Bytes of `hole` once written as stored blocks: a 5-byte header per block of up to 65535 bytes. */
const storedSize = (hole: Buffer) => hole.length + 5 * Math.ceil(hole.length / MAX_STORED);

function writeStoredBlocks(out: Buffer, at: number, bytes: Buffer): number {
  for (let from = 0; from < bytes.length; from += MAX_STORED) {
    const length = Math.min(MAX_STORED, bytes.length - from);
    out[at] = 0x00;
    out.writeUInt16LE(length, at + 1);
    out.writeUInt16LE(~length & 0xffff, at + 3);
    at += 5 + bytes.copy(out, at + 5, from, from + length);
  }
  return at;
}

/**
 * The gzip file of texts[0] + holes[0] + texts[1] + … + texts[n], from the texts' segments (compressSegments) and
 * this request's holes (one fewer than the texts). Written into one buffer of the exact size: this runs on every
 * cached page view, and a buffer per piece then a copy of them all was a good part of its cost.
 */
export function gzipWithHoles(segments: Segment[], holes: Buffer[]): Buffer {
  let total = GZIP_HEADER.length + 8;
  for (let i = 0; i < segments.length; i++) total += segments[i]!.deflated.length + (holes[i] ? storedSize(holes[i]!) : 0);
  const out = Buffer.allocUnsafe(total);
  let at = GZIP_HEADER.copy(out, 0);
  let crc = 0;
  let size = 0;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    at += segment.deflated.copy(out, at);
    crc = crc32Append(crc, segment);
    size += segment.length;
    const hole = holes[i];
    if (hole && hole.length > 0) {
      at = writeStoredBlocks(out, at, hole);
      crc = zlib.crc32(hole, crc);
      size += hole.length;
    }
  }
  out.writeUInt32LE(crc >>> 0, at);
  out.writeUInt32LE(size % 2 ** 32, at + 4);
  return out;
}

/** True when the request's Accept-Encoding admits gzip: named with a q above 0, or through `*` when not named. */
export function acceptsGzip(acceptEncoding: string | undefined): boolean {
  if (!acceptEncoding) return false;
  let accepts = acceptEncodingSeen.get(acceptEncoding);
  if (accepts === undefined) {
    accepts = parseAcceptsGzip(acceptEncoding);
    // Browsers send a handful of distinct values; a client sending a new one each time only empties the memo.
    if (acceptEncodingSeen.size >= 100) acceptEncodingSeen.clear();
    acceptEncodingSeen.set(acceptEncoding, accepts);
  }
  return accepts;
}

// Parsed once per distinct header value: every cached answer asks, and parsing costs more than the lookup.
const acceptEncodingSeen = new Map<string, boolean>();

function parseAcceptsGzip(acceptEncoding: string): boolean {
  const weights = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    weights.set(coding!.trim(), q ? Number(q.slice(2)) : 1);
  }
  const q = weights.get('gzip') ?? weights.get('*');
  return q !== undefined && q > 0;
}
