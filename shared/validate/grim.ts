/**
 * Whether a reported rate can come from whole numbers, at the precision it was reported with.
 * A rate reported to d decimals is accepted when the exact value rounds to it or is truncated to
 * it: the exact value lies in [r − ½·10^-d, r + 10^-d).
 */
const EPS = 1e-9;

export function acceptedWindow(reported: number, decimals: number): [number, number] {
  const step = 10 ** -Math.max(0, decimals);
  return [reported - step / 2 - EPS, reported + step - EPS];
}

export function rateConsistent(num: number, den: number, reported: number, decimals: number, scale = 100): boolean {
  if (den === 0) return false;
  const exact = (num / den) * scale;
  const [lo, hi] = acceptedWindow(reported, decimals);
  return exact >= lo && exact < hi + 2 * EPS;
}

/** Whole numerators k (0 ≤ k) with k/den giving the reported rate; the nearest one either way when none. */
export function grimNumerator(den: number, reported: number, decimals: number, scale = 100): { ok: boolean; near: number[] } {
  const [lo, hi] = acceptedWindow(reported, decimals);
  const kLo = Math.ceil((lo * den) / scale - EPS);
  const kHi = Math.floor((hi * den) / scale + EPS);
  const kStart = Math.max(0, kLo);
  for (let k = kStart; k <= kHi && k <= kStart + 2; k++) if (rateConsistent(k, den, reported, decimals, scale)) return { ok: true, near: [k] };
  const guess = Math.floor((reported * den) / scale);
  return { ok: false, near: [guess, guess + 1].filter((k) => k >= 0) };
}

/** Whole denominators d (> 0) with num/d giving the reported rate; the nearest ones when none. */
export function grimDenominator(num: number, reported: number, decimals: number, scale = 100): { ok: boolean; near: number[] } {
  if (reported < 0) return { ok: true, near: [] }; // negative rates are a bounds error, reported elsewhere
  const [lo, hi] = acceptedWindow(reported, decimals);
  const dLo = Math.ceil((num * scale) / hi - EPS);
  const dHi = lo > 0 ? Math.floor((num * scale) / lo + EPS) : Number.MAX_SAFE_INTEGER;
  const dStart = Math.max(1, dLo);
  for (let d = dStart; d <= dHi && d <= dStart + 2; d++) if (rateConsistent(num, d, reported, decimals, scale)) return { ok: true, near: [d] };
  const guess = Math.floor((num * scale) / reported);
  return { ok: false, near: [guess, guess + 1].filter((d) => d > 0) };
}
