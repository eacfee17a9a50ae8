// A sheet of units grouped under their parents' rows (before 2025, "I. Huyện mẫu 01" with its
// subtotal, its communes below): the parents' rows are subtotals of the units they hold by the
// registry, never units beside them, and the rows are matched against every named parent's units.
import type { OrgUnit } from "../registry/orgunits.ts";
import type { ReaderMemo } from "./reader-memo.ts";
import { fold } from "../parse/text.ts";
import { prefixedName } from "../registry/levels.ts";

export interface ParentRows {
  /** Name index → the registry unit (one level above the rows' units) it names. */
  parents: Map<number, OrgUnit>;
  /** The units the rows may name: the children of every named parent. */
  candidates: OrgUnit[];
  /** The unit the sheet stands for: the parents' own parent. */
  scope: OrgUnit;
}

/**
 * When the rows' inferred scope (`scope`, a unit one tier up) has siblings named on the sheet, the sheet
 * covers their parent: the rows naming them are its groups. Whole names only: a group's row is
 * the parent's name as the registry writes it, with or without its type word.
 */
export function parentRows(names: readonly string[], registry: readonly OrgUnit[], scope: OrgUnit, memo: ReaderMemo): ParentRows | null {
  if (!scope.parent) return null;
  const top = registry.find((u) => u.code === scope.parent);
  if (!top) return null;
  const siblings = memo.units(registry, `kids\u0001${top.code}`, () => registry.filter((u) => u.parent === top.code));
  const matcher = memo.matcher(siblings);
  const parents = new Map<number, OrgUnit>();
  names.forEach((n, i) => {
    if (!n || !matcher.near(n)) return;
    const m = matcher.match(n);
    // The whole name, its type word too: "Xã Tân Phú" is not "Huyện Tân Phú".
    const f = fold(n);
    if (m.status === "exact" && (f === fold(m.unit.name) || f === fold(prefixedName(m.unit)))) parents.set(i, m.unit);
  });
  if (!parents.size) return null;
  const named = new Set([...parents.values()].map((u) => u.code));
  named.add(scope.code);
  const candidates = memo.units(registry, `kids-of\u0001${[...named].sort().join(",")}`, () => registry.filter((u) => u.parent !== null && named.has(u.parent)));
  return { parents, candidates, scope: top };
}
