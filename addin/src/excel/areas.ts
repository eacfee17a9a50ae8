/**
 * Cells written alike (one fill colour, one restored fill) go out as RangeAreas (ExcelApi 1.9):
 * one `getRanges("B3, B7, D9:D12")` per group instead of one object path per cell. Excel takes
 * address strings of at most 8,192 characters; we stop well before.
 */
export const MAX_AREAS_CHARS = 7000;

/** Splits addresses into comma-joined lists of at most `max` characters each. */
export function areaLists(addresses: readonly string[], max = MAX_AREAS_CHARS): string[] {
  const out: string[] = [];
  let cur = "";
  for (const a of addresses) {
    if (cur && cur.length + 2 + a.length > max) { out.push(cur); cur = ""; }
    cur = cur ? `${cur}, ${a}` : a;
  }
  if (cur) out.push(cur);
  return out;
}

/** Groups items by a key, keeping first-seen order. */
export function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const t of items) { const k = key(t); const g = out.get(k); if (g) g.push(t); else out.set(k, [t]); }
  return out;
}
