import type { RollupResponse } from "../../../shared/contract/index.ts";
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
