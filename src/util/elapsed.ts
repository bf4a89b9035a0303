/**
 * Milliseconds from `then` to `now`. A clock set back (an NTP correction on the print PC) counts
 * as "long ago", so throttles and caches refresh at once instead of freezing until the clock has
 * caught up with the time it was set back from.
 */
export function elapsedMs(now: number, then: number): number {
  return now >= then ? now - then : Number.POSITIVE_INFINITY;
}
