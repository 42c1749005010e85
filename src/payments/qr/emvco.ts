// EMVCo merchant-presented QR payloads (the standard behind PromptPay, QRIS and QR Ph): a string of
// tag–length–value fields ending with a CRC-16/CCITT-FALSE over everything before it, "6304" included.
// Spec: EMV QR Code Specification for Payment Systems, Merchant-Presented Mode.

export interface TlvField { tag: string; value: string }

/** CRC-16/CCITT-FALSE (polynomial 0x1021, initial 0xFFFF), as four upper-case hex digits. */
export function crc16(data: string): string {
  let crc = 0xffff;
  for (const byte of Buffer.from(data, 'utf8')) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc.toString(16).toUpperCase().padStart(4, '0');
}

export function field(tag: string, value: string): string {
  if (!/^\d{2}$/.test(tag)) throw new Error(`EMVCo tag must be two digits: ${tag}`);
  const length = Buffer.byteLength(value, 'utf8');
  if (length === 0 || length > 99) throw new Error(`EMVCo field ${tag} must hold 1 to 99 bytes`);
  return `${tag}${String(length).padStart(2, '0')}${value}`;
}

export function parseFields(payload: string): TlvField[] {
  const fields: TlvField[] = [];
  let at = 0;
  while (at < payload.length) {
    const tag = payload.slice(at, at + 2);
    const length = Number(payload.slice(at + 2, at + 4));
    if (!/^\d{2}$/.test(tag) || !/^\d{2}$/.test(payload.slice(at + 2, at + 4)) || at + 4 + length > payload.length) {
      throw new Error(`Malformed EMVCo field at position ${at}`);
    }
    fields.push({ tag, value: payload.slice(at + 4, at + 4 + length) });
    at += 4 + length;
  }
  return fields;
}

/** Serialises the fields in tag order (as the spec asks) and appends the CRC. */
export function withCrc(fields: TlvField[]): string {
  const body = fields
    .filter((f) => f.tag !== '63')
    .sort((a, b) => Number(a.tag) - Number(b.tag))
    .map((f) => field(f.tag, f.value))
    .join('');
  return `${body}6304${crc16(`${body}6304`)}`;
}

export function hasValidCrc(payload: string): boolean {
  if (!/6304[0-9A-Fa-f]{4}$/.test(payload)) return false;
  return crc16(payload.slice(0, -4)) === payload.slice(-4).toUpperCase();
}

/** Amount field text: minor units with the currency's decimals ("150.75" for THB, "150000" for IDR). */
export function formatAmount(minor: number, decimals: number): string {
  if (!Number.isSafeInteger(minor) || minor <= 0) throw new Error('A QR amount must be a positive whole number of minor units');
  if (decimals === 0) return String(minor);
  const text = String(minor).padStart(decimals + 1, '0');
  return `${text.slice(0, -decimals)}.${text.slice(-decimals)}`;
}
