/**
 * Daily upload quota of a credential: small on its first day, doubling with each day of age up to a ceiling, so a
 * freshly minted army of credentials can only whisper at first.
 */
export function dailyQuota(createdAtMs: number, nowMs: number, firstDay: number, max: number): number {
  const ageDays = Math.max(0, Math.floor((nowMs - createdAtMs) / 86_400_000));
  return Math.min(max, firstDay * 2 ** Math.min(ageDays, 30));
}
