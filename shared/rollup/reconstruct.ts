import type { Catalog } from "../catalog/catalog.ts";
import { periodLastDay } from "../calendar/period.ts";
import { indexOf, validOn } from "../registry/dated.ts";
import type { OrgUnit } from "../registry/orgunits.ts";
import { sumValues, type Values } from "./rollup.ts";

/** A unit's figures for an earlier period, in the units of a later one. */
export interface Reconstruction {
  unitId: string;
  /** Counts summed over the earlier units it stands for; rates recomputed from them. Empty when nothing is known. */
  values: Values;
  /** False when the unit itself existed in the earlier period (its own figures). */
  reconstructed: boolean;
  /** The earlier period's units whose figures were used. */
  from: string[];
  /** Earlier units it stands for that have no figures for that period. */
  missing: string[];
  /**
   * Earlier units that were split between several successors, or linked only in part (the
   * registry's `partial`): each successor is given the whole of such a unit's figures (nothing
   * says how to apportion them), so these are approximate.
   */
  split: string[];
  /** Indicators whose reconstructed value includes a split unit's figure. */
  approximate: string[];
}

const successorCounts = new WeakMap<readonly OrgUnit[], Map<string, number>>();
function successorsOf(registry: readonly OrgUnit[]): Map<string, number> {
  let m = successorCounts.get(registry);
  if (!m) {
    m = new Map();
    for (const u of registry) for (const p of new Set(u.predecessors ?? [])) m.set(p, (m.get(p) ?? 0) + 1);
    successorCounts.set(registry, m);
  }
  return m;
}

/**
 * What `unitId` (a unit of the later period) amounts to in `earlier`: the unit's own figures when
 * it existed then, else the sum of its predecessors' (followed back through every
 * reorganisation between the two periods). `figures` holds the earlier period's values of any
 * unit that has them (a rollup of that period, every level up to the provinces). `registry` is
 * the whole dated registry, every period's units.
 */
export function reconstruct(catalog: Catalog, registry: readonly OrgUnit[], unitId: string, earlier: string, figures: ReadonlyMap<string, Values>): Reconstruction {
  const day = periodLastDay(earlier);
  const byCode = indexOf(registry);
  const splits = successorsOf(registry);
  const self = byCode.get(unitId);
  const from: string[] = [];
  const missing: string[] = [];
  const split = new Set<string>();
  const parts: Values[] = [];
  const approximate = new Set<string>();
  const seen = new Set<string>();
  const walk = (code: string, viaSplit: boolean) => {
    if (seen.has(code)) return;
    seen.add(code);
    const u = byCode.get(code);
    const isSplit = viaSplit || (splits.get(code) ?? 0) > 1;
    if (!u || validOn(u, day)) {
      const v = figures.get(code);
      if (!v) { missing.push(code); return; }
      from.push(code);
      parts.push(v);
      if (isSplit) { split.add(code); for (const k of Object.keys(v)) approximate.add(k); }
      return;
    }
    // Formed after the earlier period: stands for its predecessors. A unit that ended before it has nothing.
    if (u.validFrom && u.validFrom > day) {
      if (!u.predecessors?.length) { missing.push(code); return; }
      // A partial link (only part of the predecessor came here) is approximate like a split.
      for (const p of u.predecessors) walk(p, isSplit || (u.partial?.includes(p) ?? false));
      return;
    }
    missing.push(code);
  };
  if (self && validOn(self, day)) walk(unitId, false);
  else if (self?.predecessors?.length) for (const p of self.predecessors) walk(p, self.partial?.includes(p) ?? false);
  else missing.push(unitId);
  const reconstructed = !(self && validOn(self, day));
  const values = parts.length === 0 ? {} : parts.length === 1 && !reconstructed ? parts[0]! : sumValues(parts, catalog);
  // Rates follow their parts: a rate is approximate when any of its parts is.
  if (approximate.size) for (const ind of catalog.indicators) if (ind.kind === "ratio" && [...ind.numerator!, ...ind.denominator!].some((c) => approximate.has(c))) approximate.add(ind.code);
  return { unitId, values, reconstructed, from, missing, split: [...split], approximate: [...approximate].filter((k) => k in values).sort() };
}

/**
 * Which earlier units a later unit's reconstruction reads (for a host to load just those):
 * the same walk as reconstruct, without figures.
 */
export function sourcesIn(registry: readonly OrgUnit[], unitId: string, earlier: string): string[] {
  const day = periodLastDay(earlier);
  const byCode = indexOf(registry);
  const out: string[] = [];
  const seen = new Set<string>();
  const walk = (code: string) => {
    if (seen.has(code)) return;
    seen.add(code);
    const u = byCode.get(code);
    if (!u) return;
    if (validOn(u, day)) { out.push(code); return; }
    if (u.validFrom && u.validFrom > day) for (const p of u.predecessors ?? []) walk(p);
  };
  walk(unitId);
  return out;
}
