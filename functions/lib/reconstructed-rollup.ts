import type { TableClient } from "@azure/data-tables";
import {
  getCatalog, lifespan, provinceOfUnit, reconstruct, reportingUnitsOf, rollupTree, sourcesIn, unitsValidIn,
  type OrgUnit, type Values,
} from "../../shared/index.ts";
import type { ReconstructedRollup, ReconstructedUnit } from "../../shared/contract/index.ts";
import { listDistricts } from "../store/districts.ts";
import { fail } from "./errors.ts";

/**
 * `period`'s figures in the units of period `inUnitsOf`: the province's reporting units of that
 * period (communes, say) and the province itself, each as reconstruct makes it from the earlier
 * period's figures. Those figures are the earlier period's rollups of every province the sources
 * lay in (one listing of each such province's partition), so a new province's communes formed
 * from two old provinces' communes read both.
 */
export async function rollupInUnitsOf(t: TableClient, all: readonly OrgUnit[], province: string, period: string, inUnitsOf: string, now = new Date()): Promise<ReconstructedRollup> {
  const catalog = getCatalog();
  const later = unitsValidIn(all, inUnitsOf);
  const self = later.find((u) => u.code === province);
  if (!self) {
    const p = all.find((u) => u.code === province);
    throw fail.notFound(`Province ${province} did not exist in period ${inUnitsOf}${p ? ` (it existed ${lifespan(p, "en")})` : ""}.`, `Tỉnh ${province} không tồn tại trong kỳ ${inUnitsOf}${p ? ` (chỉ tồn tại ${lifespan(p, "vi")})` : ""}.`);
  }
  const targets = [self, ...reportingUnitsOf(later, province)];
  const earlier = unitsValidIn(all, period);
  const provinces = new Set<string>();
  for (const u of targets) for (const s of sourcesIn(all, u.code, period)) { const p = provinceOfUnit(all, s); if (p) provinces.add(p.code); }
  const figures = new Map<string, Values>();
  await Promise.all([...provinces].map(async (p) => {
    const stored = await listDistricts(t, p, period);
    const values = new Map<string, Record<string, number | string | null>>();
    for (const d of stored) for (const [code, v] of Object.entries(d.values)) values.set(code, v);
    const root = earlier.find((u) => u.code === p);
    if (!root || !values.size) return;
    const sub = earlier.filter((u) => provinceOfUnit(earlier, u.code)?.code === p);
    for (const [code, node] of rollupTree(catalog, sub, p, values)) if (node.reported) figures.set(code, node.values);
  }));
  const one = (u: OrgUnit): ReconstructedUnit => {
    const r = reconstruct(catalog, all, u.code, period, figures);
    return { unit: u.code, name: u.name, level: u.level, values: r.values, reconstructed: r.reconstructed, from: r.from, missing: r.missing, split: r.split, approximate: r.approximate };
  };
  const [totals, ...units] = targets.map(one);
  return { province, name: self.name, period, inUnitsOf, computedAt: now.toISOString(), totals: totals!, units };
}
