import type { ReconstructedRollup, RollupResponse } from "../../../shared/contract/index.ts";
import { fetchComparisons, hasFigures, type Comparable } from "../../../shared/report/rollup-comparison.ts";

/**
 * The previous period of the same kind (or, without figures, the one before: fetchComparisons) and the same period a year earlier, in the units of this one (GET rollups/{p}/{earlier}/in/{period}),
 * so a reorganised unit compares with its predecessors' figures; the plain earlier rollup where
 * the server has no such route. Nothing to compare with is null.
 */
export async function comparisonsInUnits(
  api: { rollup(p: string, q: string): Promise<RollupResponse>; rollupInUnits(p: string, q: string, inUnits: string): Promise<ReconstructedRollup> },
  province: string, period: string,
): Promise<{ previous: Comparable | null; yearEarlier: Comparable | null }> {
  const one = async (p: string): Promise<Comparable | null> => {
    try {
      const r = await api.rollupInUnits(province, p, period);
      return hasFigures(r) ? r : null;
    } catch (e) {
      if (!(e instanceof Error && "status" in e && (e.status === 404 || e.status === 405))) return null;
      try { const r = await api.rollup(province, p); return hasFigures(r) ? r : null; } catch { return null; }
    }
  };
  return fetchComparisons(period, one);
}
