import type { TableClient } from "@azure/data-tables";
import {
  descendantsOf, getCatalog, periodLastDay, provinceOfUnit, reconstruct, reportingUnitFor, rollupTree, sourcesIn, unitsValidIn, validOn,
  type OrgUnit, type Values,
} from "../../shared/index.ts";
import { earlierPeriods } from "../../shared/contract/index.ts";
import { readUnit } from "../store/units.ts";
import { linkedNationally } from "./cross-province.ts";
import { confined } from "./national-registry.ts";

/** How many earlier periods the unusual-change check looks at, and how long a history is reused. */
const PERIODS = 4;
const TTL_MS = 5 * 60_000;

export interface EarlierValues {
  /** Per unit (the reporting unit and the units under it), oldest first. */
  history: Map<string, Record<string, number>[]>;
  /** Units whose history is reconstructed from predecessors in some periods, and which figures are approximate (splits). */
  reconstructed: Map<string, { periods: number; approximate: string[] }>;
}
const cache = new Map<string, { at: number; value: EarlierValues }>();

const numbers = (values: Record<string, unknown>): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const [code, v] of Object.entries(values)) if (typeof v === "number" && Number.isFinite(v)) out[code] = v;
  return out;
};

/**
 * The reporting unit's values in the earlier periods of the same kind, per unit, oldest first,
 * for the validator's unusual-change warning. In a period when the unit existed, its own stored
 * figures; in one before it was formed, its figures reconstructed in its own units: each unit's
 * predecessors' figures of that period, read from wherever they were stored (another reporting
 * unit, another province's partition) and summed, rates recomputed. So a 2026 commune is
 * compared with what its predecessors reported, not with nothing. Point reads in parallel,
 * reused for a few minutes; a failed read leaves that period out rather than failing the submission.
 */
export async function earlierValues(t: TableClient, province: string, unit: string, period: string, declared?: readonly OrgUnit[]): Promise<EarlierValues> {
  // Another province's figures only along the national registry's links, whatever this province declared.
  const everUnits = declared ? confined(province, declared) : undefined;
  const key = `${province}|${unit}|${period}`;
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.value;
  const periods = earlierPeriods(period, PERIODS).reverse();
  const self = everUnits?.find((u) => u.code === unit);
  const value: EarlierValues = { history: new Map(), reconstructed: new Map() };
  const push = (code: string, v: Record<string, number>) => { if (Object.keys(v).length) value.history.set(code, [...(value.history.get(code) ?? []), v]); };
  const perPeriod = await Promise.all(periods.map(async (p) => {
    if (!everUnits || !self || validOn(self, periodLastDay(p))) {
      const s = await readUnit(t, province, p, unit).catch(() => null);
      return { kind: "own" as const, values: s?.values ?? {} };
    }
    return { kind: "rebuilt" as const, ...(await rebuilt(t, everUnits, province, unit, period, p)) };
  }));
  for (const r of perPeriod) {
    if (r.kind === "own") { for (const [u, v] of Object.entries(r.values)) push(u, numbers(v)); continue; }
    for (const [u, rec] of r.units) {
      push(u, rec.values);
      const note = value.reconstructed.get(u) ?? { periods: 0, approximate: [] };
      value.reconstructed.set(u, { periods: note.periods + 1, approximate: [...new Set([...note.approximate, ...rec.approximate])].sort() });
    }
  }
  if (cache.size > 5000) cache.clear();
  cache.set(key, { at: Date.now(), value });
  return value;
}

/** One earlier period in the units of `period`: the reporting unit and everything under it. */
async function rebuilt(t: TableClient, everUnits: readonly OrgUnit[], readerProvince: string, unit: string, period: string, earlier: string): Promise<{ units: Map<string, { values: Values; approximate: string[] }> }> {
  const catalog = getCatalog();
  const now = unitsValidIn(everUnits, period);
  const then = unitsValidIn(everUnits, earlier);
  const targets = [unit, ...descendantsOf(now, unit).map((u) => u.code)];
  // Which stored rows hold the sources: their reporting unit in the earlier period, in its province.
  const rows = new Map<string, { province: string; unit: string }>();
  for (const code of targets) {
    for (const s of sourcesIn(everUnits, code, earlier)) {
      const ru = reportingUnitFor(then, s);
      const prov = provinceOfUnit(everUnits, s);
      // A clerk holds no other province's rights: across provinces, the national links alone (cross-province.ts).
      if (ru && prov && linkedNationally(readerProvince, prov.code)) rows.set(`${prov.code}|${ru.code}`, { province: prov.code, unit: ru.code });
    }
  }
  const figures = new Map<string, Values>();
  await Promise.all([...rows.values()].map(async ({ province, unit: ru }) => {
    const stored = await readUnit(t, province, earlier, ru).catch(() => null);
    if (!stored) return;
    const sub = [then.find((u) => u.code === ru)!, ...descendantsOf(then, ru)];
    const tree = rollupTree(catalog, sub, ru, new Map(Object.entries(stored.values)));
    for (const [code, node] of tree) if (node.reported) figures.set(code, node.values);
  }));
  const units = new Map<string, { values: Values; approximate: string[] }>();
  for (const code of targets) {
    const r = reconstruct(catalog, everUnits, code, earlier, figures);
    if (Object.keys(r.values).length) units.set(code, { values: r.values, approximate: r.approximate });
  }
  return { units };
}

