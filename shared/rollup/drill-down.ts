import type { Catalog } from "../catalog/catalog.ts";
import type { ApprovalStep } from "../contract/approvals.ts";
import type { DetailRow, DetailVersion } from "../contract/details.ts";
import type { HistoryEntry } from "../contract/submissions.ts";
import { descendantsOf } from "../registry/orgunits.ts";
import type { OrgUnit } from "../registry/orgunits.ts";
import { rollupTree, type Values } from "./rollup.ts";

type Raw = Record<string, number | string | null>;

/**
 * The units below `code` with their values, from the values its reporting unit submitted: each
 * unit's own row, or its units' rows rolled up (rollupTree, so a commune of cells adds up as it
 * does in the province's rollup). The units straight below are all listed, reported or not (the
 * reader sees who is missing); deeper ones only when they have data, so that a district's
 * communes do not bring every party cell of the registry with them. `units` are one period's.
 */
export function drillDown(catalog: Catalog, units: readonly OrgUnit[], code: string, values: Readonly<Record<string, Raw>>): { total: { reported: boolean; values: Values }; rows: DetailRow[] } {
  const self = units.find((u) => u.code === code);
  if (!self) throw new RangeError(`unknown unit ${code}`);
  const below = descendantsOf(units, code);
  const sub = [self, ...below];
  const given = new Map<string, Raw>();
  for (const u of sub) if (Object.prototype.hasOwnProperty.call(values, u.code)) given.set(u.code, values[u.code]!);
  const nodes = rollupTree(catalog, sub, code, given);
  const kids = new Map<string, OrgUnit[]>();
  for (const u of below) { const l = kids.get(u.parent!); if (l) l.push(u); else kids.set(u.parent!, [u]); }
  const rows: DetailRow[] = [];
  const walk = (parent: string, depth: number) => {
    for (const u of kids.get(parent) ?? []) {
      const n = nodes.get(u.code);
      const reported = n?.reported ?? false;
      if (depth > 1 && !reported) continue;
      rows.push({ unit: u.code, name: u.name, level: u.level, parent, depth, reported, values: reported ? n!.values : {} });
      walk(u.code, depth + 1);
    }
  };
  walk(code, 1);
  const root = nodes.get(code);
  return { total: { reported: root?.reported ?? false, values: root?.reported ? root.values : {} }, rows };
}

/**
 * The reporting unit's versions as the unit drilled into sees them: each version's changes to
 * that unit and the units below it (all of them for the reporting unit itself), with the
 * approval steps taken on that version. A version that changed nothing there stays listed: who
 * submitted when is part of the audit.
 */
export function versionsFor(entries: readonly HistoryEntry[], steps: readonly ApprovalStep[], within: ReadonlySet<string> | null): DetailVersion[] {
  return entries.map((e) => ({
    ...e,
    changes: within ? e.changes.filter((c) => within.has(c.unit)) : e.changes,
    steps: steps.filter((s) => s.version === e.version).map(({ step, by, at, comment }) => ({ step, by, at, comment })),
  }));
}

/**
 * At most `maxChanges` changed values in all, newest versions first: a province re-sending 400
 * communes × 600 values many times over would otherwise make an answer (and a sheet) of millions
 * of rows. The version that reaches the cap keeps its first changes; later ones are left out.
 * `cut` says whether anything was.
 */
export function capChanges(versions: readonly DetailVersion[], maxChanges: number): { versions: DetailVersion[]; cut: boolean } {
  const out: DetailVersion[] = [];
  let room = maxChanges;
  for (const v of versions) {
    if (room <= 0 && v.changes.length) return { versions: out, cut: true };
    if (v.changes.length > room) { out.push({ ...v, changes: v.changes.slice(0, room) }); return { versions: out, cut: true }; }
    out.push(v);
    room -= v.changes.length;
  }
  return { versions: out, cut: false };
}
