import type { TableClient } from "@azure/data-tables";
import { aggregate, getCatalog, unitsValidIn, type Catalog, type OrgUnit, type Values } from "../../shared/index.ts";
import { earlierPeriods, rollupUnits, type RollupResponse } from "../../shared/contract/index.ts";
import { scorecard, type Scorecard } from "../../shared/quality/scorecard.ts";
import { listUnits } from "../store/units.ts";
import { provinceRollup } from "./province-rollup.ts";
import { rollupInUnitsOf } from "./reconstructed-rollup.ts";

const hasData = (v: Record<string, number> | undefined): v is Record<string, number> => !!v && Object.keys(v).length > 0;

/**
 * An earlier period's figures of the province and its units. A province formed after that period
 * (Lâm Đồng of July 2025 in 2024) has no rollup of its own then: its history is the period's
 * figures rebuilt in this period's units, each unit from its predecessors.
 */
async function history(t: TableClient, province: string, earlier: string, period: string, registry: OrgUnit[]): Promise<{ totals: Values; units: Map<string, Values> }> {
  if (unitsValidIn(registry, earlier).some((u) => u.code === province)) {
    const r = await provinceRollup(t, province, earlier, registry);
    return { totals: r.totals, units: new Map(rollupUnits(r).map((d) => [d.unit, d.values])) };
  }
  // Staff and the job hold no other province's rights: across provinces, the national links alone.
  const r = await rollupInUnitsOf(t, registry, province, earlier, period, null);
  return { totals: r.totals.values, units: new Map(r.units.map((u) => [u.unit, u.values])) };
}

/**
 * A province's scorecard for a period: the live rollup, the rows each unit submitted (for the
 * catalog's rules), and the rollups of the three earlier periods of the same kind (the units'
 * history). `current` lets the nightly job pass the rollup it has just consolidated.
 */
export async function provinceScorecard(t: TableClient, province: string, period: string, registry: OrgUnit[], current?: RollupResponse): Promise<Scorecard> {
  const catalog = getCatalog();
  const earlier = earlierPeriods(period, 3).reverse();
  const [rollup, stored, past] = await Promise.all([
    current ? Promise.resolve(current) : provinceRollup(t, province, period, registry),
    listUnits(t, province, period),
    Promise.all(earlier.map((p) => history(t, province, p, period, registry))),
  ]);
  const byCode = new Map(registry.map((u) => [u.code, u]));
  const rows = new Map(stored.map((s) => [s.unit, s.values]));
  return scorecard({
    catalog, province, period,
    units: rollupUnits(rollup).map((d) => ({
      unit: d.unit, name: d.name, status: d.status, submitted: d.submitted,
      communesExpected: d.communesExpected, communesReported: d.communesReported,
      records: Object.entries(rows.get(d.unit) ?? {}).map(([code, values]) => {
        const u = byCode.get(code);
        return { unit: u?.name ?? code, unitId: code, level: (u?.level === "district" ? "district" : "commune") as "district" | "commune", values };
      }),
      values: d.values,
      history: past.map((r) => r.units.get(d.unit)).filter(hasData),
    })),
    ...provinceOverTime(catalog, rollup, past),
  });
}

/**
 * The province's line over time, like with like: when every period covers the same units, its
 * totals; otherwise the units that reported now and in each earlier period, pooled the same way in
 * every period (rates recomputed from the pooled counts), so units that did not report are never
 * a fall or a rise of the province.
 */
function provinceOverTime(catalog: Catalog, rollup: RollupResponse, past: readonly { totals: Values; units: Map<string, Values> }[]): { provinceValues: Values; provinceHistory: Values[] } {
  const now = rollupUnits(rollup).filter((d) => d.submitted && hasData(d.values));
  const withData = past.filter((r) => hasData(r.totals));
  const common = now.filter((d) => withData.every((r) => hasData(r.units.get(d.unit))));
  const same = common.length === now.length && withData.every((r) => [...r.units.values()].filter(hasData).length === now.length);
  if (same) return { provinceValues: rollup.totals, provinceHistory: withData.map((r) => r.totals) };
  const pooled = (of: (unit: string) => Values) => aggregate(common.map((d) => ({ unit: d.name, unitId: d.unit, level: d.level === "district" ? "district" : "commune", values: of(d.unit) })), catalog);
  if (!common.length) return { provinceValues: rollup.totals, provinceHistory: [] };
  return { provinceValues: pooled((u) => now.find((d) => d.unit === u)!.values), provinceHistory: withData.map((r) => pooled((u) => r.units.get(u)!)) };
}
