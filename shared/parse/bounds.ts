/**
 * No value of any indicator is larger than this, however it was written (a JSON number, "1.716"
 * text, a cell). It keeps every stored value, and every province sum of a few thousand of them,
 * exactly representable (far below 2^53).
 */
export const MAX_ABS_VALUE = 1e12;

/** What the bounds depend on; structural, so parse/ needs nothing from the catalog above it. */
export interface Bounded { type: string; bounds?: { min?: number | undefined; max?: number | undefined } | undefined }

/** The range a value of the indicator may take: the catalog's bounds within ±MAX_ABS_VALUE. */
export function valueBounds(ind: Bounded): { min: number; max: number } {
  const min = ind.bounds?.min ?? (ind.type === "number" ? -MAX_ABS_VALUE : 0);
  const max = ind.bounds?.max ?? (ind.type === "percent" ? 100 : MAX_ABS_VALUE);
  return { min: Math.max(min, -MAX_ABS_VALUE), max: Math.min(max, MAX_ABS_VALUE) };
}
