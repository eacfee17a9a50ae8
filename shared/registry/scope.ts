import { createUnitMatcher, type OrgUnit } from "./orgunits.ts";

/**
 * Which part of the registry a sheet's rows belong to: the parent whose children the names match
 * best (a district for commune rows, a province for district rows). Names repeat across districts
 * (many provinces have a "Tân Thành"), so matching against one parent's children is what makes
 * a name unambiguous.
 */
export function inferScope(names: readonly string[], registry: readonly OrgUnit[]): { parent: OrgUnit | null; candidates: OrgUnit[] } {
  const byParent = new Map<string, OrgUnit[]>();
  for (const u of registry) if (u.parent) byParent.set(u.parent, [...(byParent.get(u.parent) ?? []), u]);
  let best: string | null = null;
  let bestScore = 0;
  for (const [parent, kids] of byParent) {
    const m = createUnitMatcher(kids);
    let score = 0;
    for (const n of names) {
      const r = m.match(n);
      if (r.status === "exact") score += 2;
      else if (r.status === "fuzzy") score += 1;
    }
    if (score > bestScore) { bestScore = score; best = parent; }
  }
  if (!best) return { parent: null, candidates: [] };
  return { parent: registry.find((u) => u.code === best) ?? null, candidates: byParent.get(best)! };
}

/** Whether `unitId` is `scope` or lies below it. */
export function isWithin(registry: readonly OrgUnit[], unitId: string, scope: string): boolean {
  const byCode = new Map(registry.map((u) => [u.code, u]));
  let cur: string | null | undefined = unitId;
  for (let guard = 0; cur && guard < 10; guard++) {
    if (cur === scope) return true;
    cur = byCode.get(cur)?.parent;
  }
  return false;
}
