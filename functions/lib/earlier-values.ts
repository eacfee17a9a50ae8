import type { TableClient } from "@azure/data-tables";
import { earlierPeriods } from "../../shared/contract/index.ts";
import { readDistrict } from "../store/districts.ts";

/** How many earlier periods the unusual-change check looks at, and how long a history is reused. */
const PERIODS = 4;
const TTL_MS = 5 * 60_000;
const cache = new Map<string, { at: number; history: Map<string, Record<string, number>[]> }>();

/**
 * The district's values in the earlier periods of the same kind, per unit, oldest first, for the
 * validator's unusual-change warning. Point reads in parallel, reused for a few minutes: a
 * submission to an earlier period shows up in this check after at most that long, and only
 * warnings depend on it. A failed read leaves that period out rather than failing the submission.
 */
export async function earlierValues(t: TableClient, province: string, district: string, period: string): Promise<Map<string, Record<string, number>[]>> {
  const key = `${province}|${district}|${period}`;
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.history;
  const periods = earlierPeriods(period, PERIODS).reverse();
  const stored = await Promise.all(periods.map((p) => readDistrict(t, province, p, district).catch(() => null)));
  const history = new Map<string, Record<string, number>[]>();
  for (const s of stored) {
    if (!s) continue;
    for (const [unit, values] of Object.entries(s.values)) {
      const numbers: Record<string, number> = {};
      for (const [code, v] of Object.entries(values)) if (typeof v === "number" && Number.isFinite(v)) numbers[code] = v;
      history.set(unit, [...(history.get(unit) ?? []), numbers]);
    }
  }
  if (cache.size > 5000) cache.clear();
  cache.set(key, { at: Date.now(), history });
  return history;
}

/** For tests that write earlier periods and check at once. */
export function clearEarlierValues(): void {
  cache.clear();
}
