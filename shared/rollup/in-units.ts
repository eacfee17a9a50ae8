import type { Catalog } from "../catalog/catalog.ts";
import type { ReconstructedRollup, ReconstructedUnit } from "../contract/rollups.ts";
import { indexOf, provinceOfUnit, reportingUnitsOf, unitsValidIn } from "../registry/dated.ts";
import { formerProvinceName } from "../registry/levels.ts";
import type { OrgUnit } from "../registry/orgunits.ts";
import { reconstruct, sourcesIn } from "./reconstruct.ts";
import { rollupTree, type Values } from "./rollup.ts";

/** Stored values of one province's reporting units for a period: unit code → (reported unit → values). */
export type StoredPartition = ReadonlyMap<string, Record<string, Record<string, number | string | null>>>;

/**
 * The provinces whose earlier figures `province`'s units of `inUnitsOf` stand on (a new province
 * formed from two old ones reads both). Null when the province did not exist in `inUnitsOf`.
 */
export function sourceProvinces(all: readonly OrgUnit[], province: string, period: string, inUnitsOf: string): string[] | null {
  const later = unitsValidIn(all, inUnitsOf);
  if (!later.some((u) => u.code === province)) return null;
  const out = new Set<string>();
  for (const u of [province, ...reportingUnitsOf(later, province).map((x) => x.code)]) for (const s of sourcesIn(all, u, period)) { const p = provinceOfUnit(all, s); if (p) out.add(p.code); }
  return [...out];
}

/**
 * `period`'s figures in the units of period `inUnitsOf`: the province itself and its reporting
 * units of that period, each as reconstruct makes it from the earlier period's rollups of the
 * source provinces (`stored`: province code → its stored partition for `period`). Pure: the
 * functions load the partitions, tests and benchmarks pass them in.
 */
export function reconstructInUnits(
  catalog: Catalog, all: readonly OrgUnit[], province: string, period: string, inUnitsOf: string,
  stored: ReadonlyMap<string, StoredPartition>, now = new Date(),
): ReconstructedRollup | null {
  const later = unitsValidIn(all, inUnitsOf);
  const self = later.find((u) => u.code === province);
  if (!self) return null;
  const targets = [self, ...reportingUnitsOf(later, province)];
  const earlier = unitsValidIn(all, period);
  const figures = new Map<string, Values>();
  for (const [p, partition] of stored) {
    const values = new Map<string, Record<string, number | string | null>>();
    for (const byUnit of partition.values()) for (const [code, v] of Object.entries(byUnit)) values.set(code, v);
    if (!values.size || !earlier.some((u) => u.code === p)) continue;
    const sub = earlier.filter((u) => provinceOfUnit(earlier, u.code)?.code === p);
    for (const [code, node] of rollupTree(catalog, sub, p, values)) if (node.reported) figures.set(code, node.values);
  }
  const byCode = indexOf(all);
  const names: Record<string, string> = {};
  const former: Record<string, { vi: string; en: string }> = {};
  const one = (u: OrgUnit): ReconstructedUnit => {
    const r = reconstruct(catalog, all, u.code, period, figures);
    for (const c of [...r.from, ...r.missing, ...r.split]) {
      const e = byCode.get(c);
      if (!e) continue;
      names[c] = e.name;
      if (e.level === "province" && e.validTo) former[c] = { vi: formerProvinceName(e, "vi"), en: formerProvinceName(e, "en") };
    }
    return { unit: u.code, name: u.name, level: u.level, values: r.values, reconstructed: r.reconstructed, from: r.from, missing: r.missing, split: r.split, approximate: r.approximate };
  };
  const [totals, ...units] = targets.map(one);
  return { province, name: self.name, period, inUnitsOf, computedAt: now.toISOString(), totals: totals!, units, names, former };
}
