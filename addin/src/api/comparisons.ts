import type { ReconstructedRollup, RollupResponse } from "../../../shared/contract/index.ts";
import { hasFigures, type Comparable } from "../../../shared/report/rollup-comparison.ts";
import { previousPeriod, yearEarlier } from "../../../shared/report/period-words.ts";

/**
 * The rollup of a period with the two it is compared with (the previous period of the same kind
 * and the same period a year earlier). An earlier period the server cannot give, or that has no
 * data, is simply not compared: the sheet is still written.
 */
export async function rollupWithComparisons(get: (province: string, period: string) => Promise<RollupResponse>, province: string, period: string): Promise<{ rollup: RollupResponse; previous: RollupResponse | null; yearEarlier: RollupResponse | null }> {
  const soft = async (p: string | null) => {
    if (!p) return null;
    try { const r = await get(province, p); return Object.keys(r.totals).length ? r : null; } catch { return null; }
  };
  const prevP = previousPeriod(period);
  const yoyP = yearEarlier(period);
  const [rollup, previous, yoy] = await Promise.all([get(province, period), soft(prevP), yoyP === prevP ? Promise.resolve(null) : soft(yoyP)]);
  return { rollup, previous, yearEarlier: yoyP === prevP ? previous : yoy };
}

/**
 * The same two earlier periods in the units of this one (GET rollups/{p}/{earlier}/in/{period}),
 * so a reorganised unit compares with its predecessors' figures; the plain earlier rollup where
 * the server has no such route. Nothing to compare with is null.
 */
export async function comparisonsInUnits(
  api: { rollup(p: string, q: string): Promise<RollupResponse>; rollupInUnits(p: string, q: string, inUnits: string): Promise<ReconstructedRollup> },
  province: string, period: string,
): Promise<{ previous: Comparable | null; yearEarlier: Comparable | null }> {
  const one = async (p: string | null): Promise<Comparable | null> => {
    if (!p) return null;
    try {
      const r = await api.rollupInUnits(province, p, period);
      return hasFigures(r) ? r : null;
    } catch (e) {
      if (!(e instanceof Error && "status" in e && (e.status === 404 || e.status === 405))) return null;
      try { const r = await api.rollup(province, p); return hasFigures(r) ? r : null; } catch { return null; }
    }
  };
  const prevP = previousPeriod(period);
  const yoyP = yearEarlier(period);
  const [previous, yoy] = await Promise.all([one(prevP), yoyP === prevP ? Promise.resolve(null) : one(yoyP)]);
  return { previous, yearEarlier: yoyP === prevP ? previous : yoy };
}
