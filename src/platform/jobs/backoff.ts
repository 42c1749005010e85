/**
 * Delay before retry number `attempt` (1 = after the first failure): exponential, capped, with "equal jitter" —
 * half the delay is fixed and half random, so failed jobs do not all come back in the same instant.
 */
export function retryDelayMs(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const exponential = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exponential / 2 + random() * (exponential / 2));
}
