/**
 * Delay before the next delivery attempt of an event that has failed `attempts` times:
 * exponential from `baseMs`, capped at `maxMs`, with "equal jitter" (half fixed, half random)
 * so that instances retrying after a hub outage do not all come back at the same instant.
 */
export function backoffMs(attempts: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const exponent = Math.min(Math.max(attempts - 1, 0), 30);
  const ceiling = Math.min(maxMs, baseMs * 2 ** exponent);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
