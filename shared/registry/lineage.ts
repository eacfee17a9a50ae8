import type { RegistryProblem } from "./check.ts";
import { indexOf, provinceOfUnit } from "./dated.ts";
import type { OrgUnit } from "./orgunits.ts";

/**
 * A province's registry may reach into another province only along the national registry's
 * links (the shipped data, changed by the operator): a province declaring its own predecessors
 * across the boundary would read the other province's figures through its own routes. These two
 * functions hold that line: one refuses such an import, the other confines a stored registry
 * (perhaps imported before the rule) to the national links before anything reads through it.
 */

const provinceIn = (units: readonly OrgUnit[], code: string) => provinceOfUnit(units, code)?.code ?? null;

/** Whether the national registry links `unit` to `predecessor`. */
function nationalLink(national: readonly OrgUnit[], unit: string, predecessor: string): boolean {
  return indexOf(national).get(unit)?.predecessors?.includes(predecessor) ?? false;
}

const SAME_FIELDS = ["parent", "level", "validFrom", "validTo"] as const;

/** Problems with a province's import that reaches outside the province other than as the national registry does. */
export function crossProvinceProblems(province: string, units: readonly OrgUnit[], national: readonly OrgUnit[]): RegistryProblem[] {
  const out: RegistryProblem[] = [];
  const nat = indexOf(national);
  units.forEach((u, i) => {
    const row = i + 1;
    const mine = provinceIn(units, u.code);
    const n = nat.get(u.code);
    const theirs = n ? provinceIn(national, u.code) : null;
    if (n && theirs !== mine) {
      out.push({ row, code: u.code, field: "parent", message: {
        vi: `Dòng ${row}: mã ${u.code} thuộc tỉnh ${theirs ?? "khác"} theo danh mục quốc gia; danh mục của tỉnh không được đặt nó vào ${mine ?? "tỉnh khác"}.`,
        en: `Row ${row}: code ${u.code} belongs to ${theirs ?? "another province"} in the national registry; a province's registry cannot place it in ${mine ?? "another province"}.`,
      } });
      return;
    }
    if (mine !== province) {
      const differs = !n || SAME_FIELDS.some((f) => (n[f] ?? null) !== (u[f] ?? null)) || JSON.stringify(n.predecessors ?? []) !== JSON.stringify(u.predecessors ?? []);
      if (differs) {
        out.push({ row, code: u.code, field: "code", message: {
          vi: `Dòng ${row}: ${u.code} thuộc tỉnh khác (${mine ?? "không rõ"}); đơn vị của tỉnh khác chỉ được lấy đúng như danh mục quốc gia.`,
          en: `Row ${row}: ${u.code} belongs to another province (${mine ?? "unknown"}); another province's units come only as the national registry has them.`,
        } });
      }
      return;
    }
    for (const p of u.predecessors ?? []) {
      if (provinceIn(units, p) === province || nationalLink(national, u.code, p)) continue;
      out.push({ row, code: u.code, field: "predecessors", message: {
        vi: `Dòng ${row}: ${u.code} ghi đơn vị tiền thân ${p} thuộc tỉnh khác; liên kết giữa hai tỉnh chỉ lấy từ danh mục quốc gia, mà danh mục quốc gia không có liên kết này.`,
        en: `Row ${row}: ${u.code} names ${p}, of another province, as a predecessor; links across provinces come only from the national registry, which has no such link.`,
      } });
    }
  });
  return out;
}

const confined = new WeakMap<readonly OrgUnit[], Map<string, OrgUnit[]>>();

/**
 * The registry as reads may follow it: the province's own units, each keeping only predecessors
 * inside the province or linked by the national registry, and of other provinces only what the
 * national registry holds along those links (the units, their ancestors and their own national
 * predecessors). Returns the same array when nothing changes, so identity-keyed caches still hit.
 */
export function confineToProvince(province: string, registry: readonly OrgUnit[], national: readonly OrgUnit[]): readonly OrgUnit[] {
  let m = confined.get(registry);
  if (!m) { m = new Map(); confined.set(registry, m); }
  const hit = m.get(province);
  if (hit) return hit;
  const nat = indexOf(national);
  const own: OrgUnit[] = [];
  const foreign = new Map<string, OrgUnit>();
  const queue: string[] = [];
  let changed = false;
  for (const u of registry) {
    if (provinceIn(registry, u.code) !== province) continue;
    const keep = (u.predecessors ?? []).filter((p) => provinceIn(registry, p) === province || nationalLink(national, u.code, p));
    if (keep.length !== (u.predecessors ?? []).length) changed = true;
    for (const p of keep) if (provinceIn(registry, p) !== province) queue.push(p);
    const { predecessors: _p, ...rest } = u;
    own.push(keep.length ? { ...rest, predecessors: keep } : u.predecessors?.length ? rest : u);
  }
  const ownCodes = new Set(own.map((u) => u.code));
  for (let c = queue.shift(); c !== undefined; c = queue.shift()) {
    for (let n = nat.get(c); n && !foreign.has(n.code) && !ownCodes.has(n.code); n = n.parent ? nat.get(n.parent) : undefined) {
      foreign.set(n.code, n);
      queue.push(...(n.predecessors ?? []));
    }
  }
  const out = [...own, ...foreign.values()];
  const before = new Map(registry.map((u) => [u.code, u]));
  if (!changed && out.length === registry.length && out.every((u) => before.get(u.code) === u || JSON.stringify(before.get(u.code)) === JSON.stringify(u))) {
    m.set(province, registry as OrgUnit[]);
    return registry;
  }
  m.set(province, out);
  return out;
}
