// Tax arithmetic in integer minor units. Inclusive prices hold the tax already: tax = gross × r / (1 + r).
// Exclusive prices get it added: tax = net × r. Rates are basis points; each line rounds half up on its own.

/** round(a / b) for non-negative integers, halves rounded up, exact for any safe integers (BigInt). */
function divideRounded(a: bigint, b: bigint): bigint {
  return (a * 2n + b) / (b * 2n);
}

export function taxOf(amount: number, rateBp: number, inclusive: boolean): number {
  if (!Number.isSafeInteger(amount) || amount < 0) throw new Error('amount must be a non-negative integer');
  if (!Number.isInteger(rateBp) || rateBp < 0 || rateBp > 10_000) throw new Error('rate must be 0–10000 basis points');
  const a = BigInt(amount);
  const r = BigInt(rateBp);
  return Number(inclusive ? divideRounded(a * r, 10_000n + r) : divideRounded(a * r, 10_000n));
}
