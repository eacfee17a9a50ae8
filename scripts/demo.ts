import type { Assignment } from "../shared/contract/index.ts";
import { prefixedName, type OrgUnit, type Target } from "../shared/index.ts";

/**
 * Demo identities for the assignment table: one clerk per reporting unit of the seed registry
 * (`clerk-<code>`: every district of the old structure, every commune directly under a province
 * in the new), one staff member per province (`province-<code>`), the job, and the local operator `admin`.
 */
export function demoAssignments(registry: readonly OrgUnit[]): Assignment[] {
  const out: Assignment[] = [
    { user: "job-consolidation", role: "job", unit: null, name: "Tác vụ tổng hợp hằng đêm" },
    // Locally the operator is a row (`npm run -s token -- --user admin`); in production it is the Entra app role HTCT.Operator.
    { user: "admin", role: "operator", unit: null, name: "Quản trị viên hệ thống (máy cục bộ)" },
  ];
  // Provinces with units: a former one held only as a predecessor has no staff to sign in.
  const parents = new Set(registry.map((u) => u.parent));
  const provinces = new Set(registry.filter((u) => u.level === "province" && parents.has(u.code)).map((u) => u.code));
  for (const u of registry) {
    if (u.level === "province" && provinces.has(u.code)) out.push({ user: `province-${u.code}`, role: "province", unit: u.code, name: `Cán bộ ${u.sample ? u.name : inPhrase(prefixedName(u))}` });
    else if (u.parent && provinces.has(u.parent)) out.push({ user: `clerk-${u.code}`, role: "clerk", unit: u.code, name: `Cán bộ ${u.sample ? u.name : inPhrase(prefixedName(u))}` });
  }
  return out;
}

/** "Huyện Hàm Tân" inside a phrase: "Cán bộ huyện Hàm Tân", the unit's type word in lower case. */
function inPhrase(name: string): string {
  return name.charAt(0).toLocaleLowerCase("vi") + name.slice(1);
}

/** A small deterministic generator, so demo data and benchmarks are the same on every run. */
export function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13; s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5; s >>>= 0;
    return s / 2 ** 32;
  };
}

const pct = (a: number, b: number) => `${((a / b) * 100).toFixed(2).replace(".", ",")}%`;

/**
 * Plausible, internally consistent values for one commune: parts never exceed wholes, and the
 * one reported rate is written as a Vietnamese percentage computed from its own counts.
 */
export function communeValues(seed: number): Record<string, number | string> {
  const r = rng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const rural = int(4, 14);
  const urban = int(0, 4);
  const villages = rural + urban;
  const withMembers = int(Math.ceil(villages / 2), villages);
  const withCell = int(Math.ceil(withMembers / 2), withMembers);
  const schools = int(2, 6);
  const schoolsCell = int(0, schools);
  const cells = withCell + schoolsCell + int(1, 6);
  const members = int(120, 600);
  const htxsnv = int(5, Math.floor(members * 0.2));
  const httnv = int(Math.floor(members * 0.4), Math.floor(members * 0.6));
  const htnv = int(0, members - htxsnv - httnv - 5);
  const households = int(1500, 6000);
  const poor = int(20, Math.floor(households * 0.1));
  const tsvm = int(0, Math.floor(cells / 2));
  return {
    "org.villages.rural": rural,
    "org.villages.urban": urban,
    "org.villages": villages,
    "org.villages.with_members": withMembers,
    "org.villages.with_cell": withCell,
    "org.schools": schools,
    "org.schools.with_cell": schoolsCell,
    "org.health_stations": 1,
    "org.health_stations.with_members": 1,
    "party.cells": cells,
    "grades.cells.tsvm": tsvm,
    "grades.cells.htt": cells - tsvm,
    "members.total": members,
    "members.admitted": int(2, 20),
    "members.grade.htxsnv": htxsnv,
    "members.grade.httnv": httnv,
    "members.grade.htnv": htnv,
    "members.htxsnv_rate": pct(htxsnv, members),
    "poverty.households": households,
    "poverty.poor": poor,
    "poverty.near_poor": int(10, Math.floor(households * 0.05)),
  };
}

/** A generated province for tests and benchmarks: `districts` × `communes`, sample codes only. */
export function syntheticProvince(code: string, districts: number, communes: number): OrgUnit[] {
  const out: OrgUnit[] = [{ code, name: `Tỉnh mẫu ${code}`, level: "province", type: "tinh", parent: null, sample: true, aliases: [] }];
  for (let d = 1; d <= districts; d++) {
    const dc = `${code}-D${String(d).padStart(2, "0")}`;
    out.push({ code: dc, name: `Huyện mẫu ${code} ${d}`, level: "district", type: "huyen", parent: code, sample: true, aliases: [] });
    for (let c = 1; c <= communes; c++) {
      out.push({ code: `${dc}-M${String(c).padStart(2, "0")}`, name: `Xã mẫu ${d}.${c}`, level: "commune", type: "xa", parent: dc, sample: true, aliases: [] });
    }
  }
  return out;
}

export function provincesOf(registry: readonly OrgUnit[]): { province: OrgUnit; units: OrgUnit[]; targets: (all: readonly Target[]) => Target[] }[] {
  const parentOf = new Map(registry.map((u) => [u.code, u.parent]));
  const provinceOf = (code: string): string => { let c = code; while (parentOf.get(c)) c = parentOf.get(c)!; return c; };
  const byCode = new Map(registry.map((u) => [u.code, u]));
  /** A province's registry also holds the units its units were formed from (and their parents), for reconstructed comparisons. */
  const withLineage = (own: OrgUnit[]): OrgUnit[] => {
    const seen = new Set(own.map((u) => u.code));
    const queue = own.flatMap((u) => u.predecessors ?? []);
    const extra: OrgUnit[] = [];
    for (let c = queue.shift(); c; c = queue.shift()) {
      for (let u = byCode.get(c); u && !seen.has(u.code); u = u.parent ? byCode.get(u.parent) : undefined) {
        seen.add(u.code); extra.push(u); queue.push(...(u.predecessors ?? []));
      }
    }
    return [...own, ...extra];
  };
  // A province no unit lies under (Lâm Đồng's former provinces, held only as its predecessors) has nothing to store.
  const parents = new Set(registry.map((u) => u.parent));
  return registry.filter((u) => u.level === "province" && parents.has(u.code)).map((p) => ({
    province: p,
    units: withLineage(registry.filter((u) => provinceOf(u.code) === p.code)),
    targets: (all) => all.filter((t) => provinceOf(t.scope) === p.code),
  }));
}
