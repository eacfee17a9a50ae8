import { createUnitMatcher, unitKey, type OrgUnit } from "./orgunits.ts";

/**
 * Which part of the registry a sheet's rows belong to: the parent whose children the names match
 * best (a district for commune rows, a province for district rows). Names repeat across districts
 * (many provinces have a "Tân Thành"), so matching against one parent's children is what makes
 * a name unambiguous.
 */
export function inferScope(names: readonly string[], registry: readonly OrgUnit[]): { parent: OrgUnit | null; candidates: OrgUnit[] } {
  const { byParent, parentsByKey, byCode } = indexOf(registry);
  const score = new Map<string, number>();
  for (const n of names) for (const p of parentsByKey.get(unitKey(n)) ?? []) score.set(p, (score.get(p) ?? 0) + 2);
  // Misspelt names only decide when no name matched exactly; a sample of them is enough.
  if (score.size === 0) {
    for (const [parent, kids] of byParent) {
      const m = matcherOf(kids);
      let s = 0;
      for (const n of names.slice(0, 50)) if (m.knows(n) && m.match(n).status === "fuzzy") s += 1;
      if (s > 0) score.set(parent, s);
    }
  }
  let best: string | null = null;
  let bestScore = 0;
  for (const [parent, s] of score) if (s > bestScore) { bestScore = s; best = parent; }
  if (!best) return { parent: null, candidates: [] };
  return { parent: byCode.get(best) ?? null, candidates: byParent.get(best)! };
}

interface ScopeIndex { length: number; byParent: Map<string, OrgUnit[]>; parentsByKey: Map<string, Set<string>>; byCode: Map<string, OrgUnit>; byId: Map<string, OrgUnit> }
/**
 * A registry's children by parent and parents by name, made once per registry array (every
 * sheet of a workbook, every form of a province asks the same registry); a registry that grew
 * or shrank is indexed again.
 */
const indexes = new WeakMap<readonly OrgUnit[], ScopeIndex>();
const matchers = new WeakMap<readonly OrgUnit[], ReturnType<typeof createUnitMatcher>>();
function indexOf(registry: readonly OrgUnit[]): ScopeIndex {
  const known = indexes.get(registry);
  if (known && known.length === registry.length) return known;
  const byParent = new Map<string, OrgUnit[]>();
  for (const u of registry) {
    if (!u.parent) continue;
    const kids = byParent.get(u.parent);
    if (kids) kids.push(u); else byParent.set(u.parent, [u]);
  }
  // Exact names first, through one index: a sheet of thousands of rows costs one lookup a row.
  const parentsByKey = new Map<string, Set<string>>();
  for (const u of registry) {
    if (!u.parent) continue;
    for (const n of [u.name, ...u.aliases]) {
      const k = unitKey(n);
      if (!parentsByKey.has(k)) parentsByKey.set(k, new Set());
      parentsByKey.get(k)!.add(u.parent);
    }
  }
  // The first unit of a code, as a search from the start finds it.
  const byCode = new Map<string, OrgUnit>();
  for (const u of registry) if (!byCode.has(u.code)) byCode.set(u.code, u);
  const byId = new Map(registry.map((u) => [u.code, u]));
  const index = { length: registry.length, byParent, parentsByKey, byCode, byId };
  indexes.set(registry, index);
  return index;
}
function matcherOf(kids: OrgUnit[]): ReturnType<typeof createUnitMatcher> {
  let m = matchers.get(kids);
  if (!m) { m = createUnitMatcher(kids); matchers.set(kids, m); }
  return m;
}

/** Whether `unitId` is `scope` or lies below it. */
export function isWithin(registry: readonly OrgUnit[], unitId: string, scope: string): boolean {
  // Indexed once per registry: a national workbook asks this for every row.
  const byCode = indexOf(registry).byId;
  let cur: string | null | undefined = unitId;
  for (let guard = 0; cur && guard < 10; guard++) {
    if (cur === scope) return true;
    cur = byCode.get(cur)?.parent;
  }
  return false;
}
