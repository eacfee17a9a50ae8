import { LEVELS } from "./levels.ts";
import type { OrgUnit } from "./orgunits.ts";
import { indexOf, unitsValidIn } from "./dated.ts";

/**
 * Stored values are keyed by the registry of the day they were sent: a reporting unit's row of a
 * period holds its own values and those of the units under it. A later registry edit (a unit
 * ended, removed, moved to another parent, split) can leave some of those keys with no place in
 * the period's tree. This module finds them, so that an import can refuse to strand data and a
 * rollup can still count (and flag) what it cannot place instead of failing.
 */

/** One stored row: the reporting unit whose row it is, in a period, and the unit codes its values name. */
export interface StoredRow {
  period: string;
  unit: string;
  codes: readonly string[];
}

/** A unit with stored values that the registry no longer places where they were stored. */
export interface UnplacedValues {
  period: string;
  /** The unit whose values have no place. */
  unit: string;
  /** The reporting unit whose stored row holds them. */
  reportingUnit: string;
  /** gone: not a unit of the period any more; moved: a unit of the period, but elsewhere. */
  reason: "gone" | "moved";
}

/** Where a reporting unit's stored keys fit in one period's units, and what does not fit. */
export function unplacedIn(units: readonly OrgUnit[], province: string, row: StoredRow): UnplacedValues[] {
  const byCode = indexOf(units);
  const self = byCode.get(row.unit);
  if (!self || self.parent !== province) {
    return [{ period: row.period, unit: row.unit, reportingUnit: row.unit, reason: self ? "moved" : "gone" }];
  }
  const inside = new Set([row.unit, ...under(units, row.unit).map((u) => u.code)]);
  const out: UnplacedValues[] = [];
  for (const c of row.codes) {
    if (!inside.has(c)) out.push({ period: row.period, unit: c, reportingUnit: row.unit, reason: byCode.has(c) ? "moved" : "gone" });
  }
  return out;
}

const childIndexes = new WeakMap<readonly OrgUnit[], Map<string, OrgUnit[]>>();
/** A unit's subtree below it through a child index built once per units array (registries reach 20,000 units). */
function under(units: readonly OrgUnit[], code: string): OrgUnit[] {
  let kids = childIndexes.get(units);
  if (!kids) {
    kids = new Map();
    for (const u of units) if (u.parent) { const l = kids.get(u.parent); if (l) l.push(u); else kids.set(u.parent, [u]); }
    childIndexes.set(units, kids);
  }
  const out: OrgUnit[] = [];
  for (let q = [code]; q.length;) {
    const next: string[] = [];
    for (const c of q) for (const u of kids.get(c) ?? []) { out.push(u); next.push(u.code); }
    q = next;
  }
  return out;
}

const key = (u: UnplacedValues) => `${u.period}\u0000${u.reportingUnit}\u0000${u.unit}`;

/**
 * What a registry change would strand: stored values placed under `before` (or stored with no
 * registry at all) that `after` no longer places. Values already without a place stay as they
 * were and are not blamed on this change.
 */
export function strandedBy(before: readonly OrgUnit[] | null, after: readonly OrgUnit[], province: string, rows: readonly StoredRow[]): UnplacedValues[] {
  const out: UnplacedValues[] = [];
  for (const row of rows) {
    const now = unplacedIn(unitsValidIn(after, row.period), province, row);
    if (!now.length) continue;
    const earlier = before ? new Set(unplacedIn(unitsValidIn(before, row.period), province, row).map(key)) : new Set<string>();
    for (const u of now) if (!earlier.has(key(u))) out.push(u);
  }
  return out.sort((a, b) => a.period.localeCompare(b.period) || a.reportingUnit.localeCompare(b.reportingUnit) || a.unit.localeCompare(b.unit));
}

const DEFAULT_TYPE: Readonly<Record<string, OrgUnit["type"]>> = { province: "tinh", district: "huyen", commune: "xa", village: "thon", cell: "chi_bo" };

/** The level one step below `level` (the deepest level stays itself). */
function below(level: string): string {
  const d = LEVELS.find((l) => l.code === level)?.depth ?? 0;
  return LEVELS.find((l) => l.depth === d + 1)?.code ?? level;
}

function stand(code: string, level: string, parent: string | null): OrgUnit {
  return { code, name: code, level, type: DEFAULT_TYPE[level] ?? "xa", parent, sample: true, aliases: [] };
}

/**
 * The units a rollup of one stored row runs over: the reporting unit and its subtree in the
 * period, plus a stand-in (named by its code) under the reporting unit for every stored key the
 * registry no longer places there, and a stand-in for the reporting unit itself when the period
 * has no such unit. So the values stay counted; `unplaced` says which were stood in for.
 */
export function placedSubtree(units: readonly OrgUnit[], rootLevel: string, unit: string, codes: readonly string[]): { units: OrgUnit[]; unplaced: string[] } {
  const self = indexOf(units).get(unit);
  const tree: OrgUnit[] = self ? [self, ...under(units, unit)] : [stand(unit, rootLevel, null)];
  const inside = new Set(tree.map((u) => u.code));
  const unplaced = self ? [] : [unit];
  const level = below(tree[0]!.level);
  for (const c of codes) {
    if (inside.has(c)) continue;
    inside.add(c);
    unplaced.push(c);
    tree.push(stand(c, level, unit));
  }
  return { units: tree, unplaced };
}
