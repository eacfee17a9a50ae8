import type { OrgUnit } from "./orgunits.ts";

/**
 * The one rule by which a reader of a province reads figures another province stored without
 * holding that province's own rights: the national registry (the shipped data, changed only by
 * the operator) links them. Starting from the province's own units in the national registry,
 * following predecessors backwards (an earlier period in today's units: Lâm Đồng of 2026 reads
 * Bình Thuận's 2024) and successors forwards (a later period in the old units), every province a
 * reached unit lies in is linked. A province's own registry import never adds a link, and a link
 * grants only what the reconstruction reads: the source units' figures, rebuilt in this
 * province's units (functions/lib/cross-province.ts applies it).
 */
interface Links { back: ReadonlySet<string>; both: ReadonlySet<string> }
interface Index { byCode: Map<string, OrgUnit[]>; successors: Map<string, string[]>; provincesOf: (code: string) => ReadonlySet<string>; linked: Map<string, Links> }
const indexes = new WeakMap<readonly OrgUnit[], Index>();

/** Built once per registry: units by code, successors by predecessor, provinces by unit. */
function indexOf(national: readonly OrgUnit[]): Index {
  const hit = indexes.get(national);
  if (hit) return hit;
  const byCode = new Map<string, OrgUnit[]>();
  const successors = new Map<string, string[]>();
  for (const u of national) {
    byCode.set(u.code, [...(byCode.get(u.code) ?? []), u]);
    for (const p of u.predecessors ?? []) successors.set(p, [...(successors.get(p) ?? []), u.code]);
  }
  const memo = new Map<string, Set<string>>();
  // A code may name units in different intervals (issue 21), possibly under different parents.
  const provincesOf = (code: string, seen = new Set<string>()): Set<string> => {
    const m = memo.get(code);
    if (m) return m;
    const out = new Set<string>();
    if (!seen.has(code)) {
      seen.add(code);
      for (const u of byCode.get(code) ?? []) {
        if (u.parent === null) out.add(u.code);
        else for (const p of provincesOf(u.parent, seen)) out.add(p);
      }
    }
    memo.set(code, out);
    return out;
  };
  const index: Index = { byCode, successors, provincesOf, linked: new Map() };
  indexes.set(national, index);
  return index;
}

function linksOf(national: readonly OrgUnit[], province: string): Links {
  const { byCode, successors, provincesOf, linked } = indexOf(national);
  const hit = linked.get(province);
  if (hit) return hit;
  const own = [...byCode.keys()].filter((code) => provincesOf(code).has(province));
  const walk = (next: (code: string) => readonly string[]): Set<string> => {
    const out = new Set<string>();
    const seen = new Set<string>(own);
    const queue = [...own];
    for (let c = queue.shift(); c !== undefined; c = queue.shift()) {
      for (const n of next(c)) {
        if (seen.has(n)) continue;
        seen.add(n);
        queue.push(n);
        for (const p of provincesOf(n)) if (p !== province) out.add(p);
      }
    }
    return out;
  };
  const back = walk((c) => (byCode.get(c) ?? []).flatMap((u) => u.predecessors ?? []));
  const both = new Set([...back, ...walk((c) => successors.get(c) ?? [])]);
  const links = { back, both };
  linked.set(province, links);
  return links;
}

export function nationallyLinkedProvinces(national: readonly OrgUnit[], province: string): ReadonlySet<string> {
  return linksOf(national, province).both;
}

/**
 * The provinces `province` was formed from, following predecessors only (Lâm Đồng of 2026:
 * Bình Thuận, Đắk Nông and the old Lâm Đồng). Their staff's successors may read those
 * provinces' own figures, read only: the records of a province that no longer exists are the
 * new province's past (functions/lib/cross-province.ts).
 */
export function predecessorProvinces(national: readonly OrgUnit[], province: string): ReadonlySet<string> {
  return linksOf(national, province).back;
}
