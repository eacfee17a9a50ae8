import { getCatalog } from "../shared/catalog/catalog.ts";
import { fold } from "../shared/parse/text.ts";
import { HAM_TAN_COMMUNES, LAI_CHAU_DISTRICT_UNITS } from "./orgunits.ts";

/**
 * Pure data builders behind the sample workbooks, so that tests and the functions' demo data use
 * the same numbers without reading .xlsx files. District and province totals are the reports'
 * figures; how they split between communes (or districts) is sample data, drawn from a fixed-seed
 * generator and allocated so that every part stays within its whole in every row.
 */

export type Values = Record<string, number | string>;
export interface UnitValues {
  /** Registry code. */
  unit: string;
  values: Values;
}

/** Small fixed-seed PRNG (mulberry32): the same numbers on every machine and every run. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Splits `total` into integers roughly proportional to `weights`, with `min[i] ≤ x[i] ≤ cap[i]`
 * (largest remainder after water-filling the caps). Throws when the bounds make it impossible,
 * because a silent shortfall would break the totals the sample files must reproduce.
 */
export function allocate(total: number, weights: readonly number[], opts: { caps?: readonly number[]; mins?: readonly number[] } = {}): number[] {
  const n = weights.length;
  const mins = opts.mins ?? new Array<number>(n).fill(0);
  const caps = opts.caps ?? new Array<number>(n).fill(Infinity);
  const x = mins.slice();
  let rest = total - mins.reduce((a, b) => a + b, 0);
  const room = caps.map((c, i) => c - mins[i]!);
  if (rest < 0 || room.some((r) => r < 0) || rest > room.reduce((a, b) => a + b, 0)) {
    throw new Error(`cannot allocate ${total} within the given bounds`);
  }
  const quota = new Array<number>(n).fill(0);
  let active = weights.map((w, i) => (w > 0 && room[i]! > 0 ? i : -1)).filter((i) => i >= 0);
  // A unit whose proportional share exceeds its room gets its room; the others share what is left.
  for (;;) {
    const sw = active.reduce((a, i) => a + weights[i]!, 0);
    if (sw === 0) break;
    const over = active.filter((i) => (rest * weights[i]!) / sw > room[i]!);
    if (over.length === 0) {
      for (const i of active) quota[i] = (rest * weights[i]!) / sw;
      break;
    }
    for (const i of over) { quota[i] = room[i]!; rest -= room[i]!; }
    active = active.filter((i) => !over.includes(i));
  }
  const floors = quota.map((q) => Math.floor(q + 1e-9));
  let left = total - mins.reduce((a, b) => a + b, 0) - floors.reduce((a, b) => a + b, 0);
  const order = quota.map((q, i) => ({ i, frac: q - floors[i]! })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (left === 0) break;
    if (floors[i]! < room[i]!) { floors[i]! += 1; left -= 1; }
  }
  if (left !== 0) throw new Error(`cannot allocate ${total}: ${left} left over`);
  return x.map((m, i) => m + floors[i]!);
}

const sub = (a: readonly number[], ...bs: (readonly number[])[]) => a.map((v, i) => bs.reduce((s, b) => s - b[i]!, v));
const jittered = (rand: () => number, base: readonly number[], spread: number) => base.map((b) => b * (1 - spread + 2 * spread * rand()));

/** District figures of report 000 (June 2012) that the commune rows must add up to. */
export const HAM_TAN_TOTALS = {
  "party.dang_bo": 10,
  "party.cells": 89,
  "org.villages": 53,
  "org.villages.with_cell": 52,
  "org.villages.with_members": 53,
  "org.schools.with_cell": 24,
  "members.total": 609,
  "members.admitted": 473,
  "massorg.members": 47200,
  "democracy.regulation": 10,
  "democracy.villages_covenant": 53,
  "democracy.cultural_villages": 25,
  "cadres.ft.posts": 110, "cadres.ft.in_post": 104, "cadres.ft.cm_trungcap": 57, "cadres.ft.cm_daihoc": 13,
  "cadres.ft.llct_trungcap": 67, "cadres.ft.llct_caocap": 3, "cadres.ft.women": 24,
  "cadres.cs.posts": 132, "cadres.cs.in_post": 119, "cadres.cs.cm_trungcap": 96, "cadres.cs.llct_trungcap": 31, "cadres.cs.women": 51,
  "cadres.pt.posts": 208, "cadres.pt.in_post": 168, "cadres.pt.cm_trungcap": 58, "cadres.pt.llct_trungcap": 30, "cadres.pt.llct_socap": 23,
  /** Cadres of other posts who also hold a part-time post (not among the 168 in post). */
  "cadres.pt.concurrent": 38,
} as const;

/**
 * Totals that are not printed but are the only (or a chosen) whole numbers reproducing a printed
 * percentage at its printed precision, and totals that are pure sample data.
 */
export const HAM_TAN_DERIVED_TOTALS = {
  /** 47,200 / 66,358 = 71.13% (any of 66,353…66,362 would do). */
  "massorg.eligible": 66358,
  /** 1,817 / 47,200 = 3.85%. */
  "massorg.core_activists": 1817,
  /** 292 / 609 = 48% (HTTNV). */
  "members.grade.httnv": 292,
  /** 8 / 609 = 1.3% (violations). */
  "members.violations": 8,
  /** 14,893 / 17,480 = 85.20% (GĐVH); the household total itself is sample data. */
  "poverty.households": 17480,
  "democracy.cultural_households": 14893,
  /** Report gives cao đẳng + đại học together: 22 civil servants (18.49%), 13 part-time (7.74%). */
  "cadres.cs.cm_caodang": 6, "cadres.cs.cm_daihoc": 16,
  "cadres.pt.cm_caodang": 4, "cadres.pt.cm_daihoc": 9,
} as const;

/** Pure sample figures: not in the report at all. */
export const HAM_TAN_SAMPLE_TOTALS = {
  "org.schools": 31,
  "org.health_stations": 10,
  "org.health_stations.with_members": 7,
} as const;

/** Sample split of the 53 villages (the first two communes are thị trấn: khu phố, not thôn). */
const HT_VILLAGES = [5, 6, 6, 5, 5, 4, 6, 5, 6, 5];
const HT_SCHOOLS = [4, 4, 4, 3, 3, 2, 3, 3, 3, 2];
/** Sample grades; the report says every commune government was khá or better. */
const HT_GOV_GRADE = ["Tốt", "Khá", "Tốt", "Khá", "Tốt", "Khá", "Khá", "Khá", "Tốt", "Khá"];
/** Sample grades; the report says some đảng bộ were TSVM and none weak. */
const HT_BASE_ORG_GRADE = [
  "Hoàn thành tốt nhiệm vụ", "Trong sạch vững mạnh", "Trong sạch vững mạnh", "Hoàn thành tốt nhiệm vụ", "Hoàn thành tốt nhiệm vụ",
  "Hoàn thành nhiệm vụ", "Hoàn thành tốt nhiệm vụ", "Hoàn thành tốt nhiệm vụ", "Hoàn thành tốt nhiệm vụ", "Hoàn thành nhiệm vụ",
];

let hamTanCache: UnitValues[] | undefined;

/**
 * The ten communes of Hàm Tân in June 2012, keyed by registry code. Counts are numbers, yes/no
 * indicators are 1, grades are the text a clerk writes ("Khá", "Trong sạch vững mạnh").
 */
export function hamTanCommuneValues(): UnitValues[] {
  hamTanCache ??= buildHamTan();
  return hamTanCache.map((u) => ({ unit: u.unit, values: { ...u.values } }));
}

function buildHamTan(): UnitValues[] {
  const rand = mulberry32(20120713);
  const T = HAM_TAN_TOTALS;
  const D = HAM_TAN_DERIVED_TOTALS;
  const S = HAM_TAN_SAMPLE_TOTALS;
  const n = HAM_TAN_COMMUNES.length;
  const ones = new Array<number>(n).fill(1);
  const urban = HAM_TAN_COMMUNES.map((u) => u.type === "thi_tran");
  const villages = HT_VILLAGES;
  const schools = HT_SCHOOLS;
  const pop = jittered(rand, villages, 0.25);

  const vCell = allocate(T["org.villages.with_cell"], villages, { caps: villages });
  const cultural = allocate(T["democracy.cultural_villages"], jittered(rand, villages, 0.4), { caps: villages });
  const sCell = allocate(T["org.schools.with_cell"], jittered(rand, schools, 0.3), { caps: schools });
  const health = ones;
  const healthMembers = allocate(S["org.health_stations.with_members"], jittered(rand, ones, 0.5), { caps: health });
  // Cells besides village and school cells: health stations, agencies, police, militia.
  const otherCells = allocate(T["party.cells"] - T["org.villages.with_cell"] - T["org.schools.with_cell"], jittered(rand, pop, 0.3), { caps: new Array<number>(n).fill(3) });
  const cells = vCell.map((v, i) => v + sCell[i]! + otherCells[i]!);
  // Every cell needs at least three members.
  const members = allocate(T["members.total"], jittered(rand, cells, 0.3), { mins: cells.map((c) => 3 * c) });
  const admitted = allocate(T["members.admitted"], jittered(rand, members, 0.1), { caps: members });
  const httnv = allocate(D["members.grade.httnv"], jittered(rand, members, 0.15), { caps: members });
  const violations = allocate(D["members.violations"], jittered(rand, members, 0.5), { caps: members });
  const eligible = allocate(D["massorg.eligible"], pop);
  const moMembers = allocate(T["massorg.members"], jittered(rand, eligible, 0.08), { caps: eligible });
  const core = allocate(D["massorg.core_activists"], jittered(rand, moMembers, 0.2), { caps: moMembers });
  const households = allocate(D["poverty.households"], jittered(rand, eligible, 0.05));
  const gdvh = allocate(D["democracy.cultural_households"], jittered(rand, households, 0.04), { caps: households });

  const cadres = (prefix: string, posts: number[], spec: { in_post: number; cm: Array<[string, number]>; llct: Array<[string, number]>; women?: number }) => {
    const out: Record<string, number[]> = { posts };
    const inPost = allocate(spec.in_post, jittered(rand, posts, 0.2), { caps: posts });
    out.in_post = inPost;
    // Levels of one kind exclude each other, so each level only gets the room the others left.
    for (const group of [spec.cm, spec.llct]) {
      let room = inPost;
      for (const [code, total] of group) {
        const v = allocate(total, jittered(rand, room, 0.3), { caps: room });
        out[code] = v;
        room = sub(room, v);
      }
    }
    if (spec.women !== undefined) out.women = allocate(spec.women, jittered(rand, inPost, 0.4), { caps: inPost });
    return Object.fromEntries(Object.entries(out).map(([m, v]) => [`cadres.${prefix}.${m}`, v]));
  };
  const ft = cadres("ft", new Array<number>(n).fill(11), {
    in_post: T["cadres.ft.in_post"],
    cm: [["cm_trungcap", T["cadres.ft.cm_trungcap"]], ["cm_daihoc", T["cadres.ft.cm_daihoc"]]],
    llct: [["llct_trungcap", T["cadres.ft.llct_trungcap"]], ["llct_caocap", T["cadres.ft.llct_caocap"]]],
    women: T["cadres.ft.women"],
  });
  const cs = cadres("cs", allocate(T["cadres.cs.posts"], urban.map((u) => (u ? 1.2 : 1)), { mins: new Array<number>(n).fill(11) }), {
    in_post: T["cadres.cs.in_post"],
    cm: [["cm_trungcap", T["cadres.cs.cm_trungcap"]], ["cm_daihoc", D["cadres.cs.cm_daihoc"]], ["cm_caodang", D["cadres.cs.cm_caodang"]]],
    llct: [["llct_trungcap", T["cadres.cs.llct_trungcap"]]],
    women: T["cadres.cs.women"],
  });
  const pt = cadres("pt", allocate(T["cadres.pt.posts"], jittered(rand, villages, 0.2), { mins: new Array<number>(n).fill(16) }), {
    in_post: T["cadres.pt.in_post"],
    cm: [["cm_trungcap", T["cadres.pt.cm_trungcap"]], ["cm_daihoc", D["cadres.pt.cm_daihoc"]], ["cm_caodang", D["cadres.pt.cm_caodang"]]],
    llct: [["llct_trungcap", T["cadres.pt.llct_trungcap"]], ["llct_socap", T["cadres.pt.llct_socap"]]],
  });
  const concurrent = allocate(T["cadres.pt.concurrent"], jittered(rand, ones, 0.3));

  return HAM_TAN_COMMUNES.map((u, i) => {
    const values: Values = {
      "party.dang_bo": 1,
      "party.cells": cells[i]!,
      "members.total": members[i]!,
      "members.admitted": admitted[i]!,
      "members.grade.httnv": httnv[i]!,
      "members.violations": violations[i]!,
      "grades.base_org": HT_BASE_ORG_GRADE[i]!,
      "org.villages": villages[i]!,
      "org.villages.rural": urban[i] ? 0 : villages[i]!,
      "org.villages.urban": urban[i] ? villages[i]! : 0,
      "org.villages.with_cell": vCell[i]!,
      "org.villages.with_members": villages[i]!,
      "org.schools": schools[i]!,
      "org.schools.with_cell": sCell[i]!,
      "org.health_stations": health[i]!,
      "org.health_stations.with_members": healthMembers[i]!,
      "government.grade": HT_GOV_GRADE[i]!,
      "massorg.members": moMembers[i]!,
      "massorg.eligible": eligible[i]!,
      "massorg.core_activists": core[i]!,
      "democracy.regulation": 1,
      "democracy.villages_covenant": villages[i]!,
      "democracy.cultural_villages": cultural[i]!,
      "poverty.households": households[i]!,
      "democracy.cultural_households": gdvh[i]!,
    };
    for (const block of [ft, cs, pt]) for (const [code, v] of Object.entries(block)) values[code] = v[i]!;
    values["cadres.pt.concurrent"] = concurrent[i]!;
    return { unit: u.code, values };
  });
}

/** Column sums of the numeric values of `rows`. */
export function sumValues(rows: readonly UnitValues[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rows) for (const [k, v] of Object.entries(r.values)) if (typeof v === "number") out[k] = (out[k] ?? 0) + v;
  return out;
}

/**
 * The per-class counts a grade text stands for (`government.grade` "Khá" → `government.grade.kha`
 * = 1), read through the catalog's class labels and aliases, for consumers that store counts.
 */
export function gradeCounts(values: Values): Record<string, number> {
  const catalog = getCatalog();
  const out: Record<string, number> = {};
  for (const [code, v] of Object.entries(values)) {
    const ind = catalog.byCode.get(code);
    if (typeof v !== "string" || !ind?.classes) continue;
    const f = fold(v);
    for (const c of ind.classes) out[`${code}.${c.code}`] = 0;
    const cls = ind.classes.find((c) => [c.label.vi, ...c.aliases].some((a) => fold(a) === f || fold(a).split(" / ").includes(f)));
    if (!cls) throw new Error(`${code}: "${v}" is no class of the grade`);
    out[`${code}.${cls.code}`] = 1;
  }
  return out;
}

// ── Lai Châu, start of 2019 (report 003) ─────────────────────────────────────────────────────

/** Province figures of report 003 that the district rows must add up to. */
export const LAI_CHAU_TOTALS = {
  "party.dang_bo": 108,
  "members.total": 17852,
  "party.cells": 1716,
  "party.committee_members": 1421,
  "cadres.cbcc.in_post": 2193,
} as const;

/** 26 / 108 = 24.07%: the only whole number of TSVM đảng bộ giving the printed rate. */
export const LAI_CHAU_DERIVED_TOTALS = { "grades.base_org.tsvm": 26 } as const;

/** The province rates as printed (44.09% cannot come from 1,716 cells: the GRIM case). */
export const LAI_CHAU_REPORTED_RATES = { "grades.base_org.tsvm_rate": 24.07, "grades.cells.tsvm_rate": 44.09 } as const;

/** Sample split of the 108 commune đảng bộ between the eight districts. */
const LCU_DANG_BO = [7, 14, 18, 22, 14, 12, 10, 11];

let laiChauCache: UnitValues[] | undefined;

/** The eight districts of Lai Châu at the start of 2019 (sample split of the province totals). */
export function laiChauDistrictValues(): UnitValues[] {
  laiChauCache ??= buildLaiChau();
  return laiChauCache.map((u) => ({ unit: u.unit, values: { ...u.values } }));
}

function buildLaiChau(): UnitValues[] {
  const rand = mulberry32(20190101);
  const T = LAI_CHAU_TOTALS;
  const dangBo = LCU_DANG_BO;
  const cells = allocate(T["party.cells"], jittered(rand, dangBo, 0.2), { mins: dangBo.map((d) => 8 * d) });
  // The city has more members per cell than the mountain districts.
  const members = allocate(T["members.total"], jittered(rand, cells, 0.15).map((w, i) => (i === 0 ? w * 1.6 : w)), { mins: cells.map((c) => 3 * c) });
  const committee = allocate(T["party.committee_members"], jittered(rand, dangBo, 0.1), { caps: members });
  const cbcc = allocate(T["cadres.cbcc.in_post"], jittered(rand, dangBo, 0.08));
  const tsvm = allocate(LAI_CHAU_DERIVED_TOTALS["grades.base_org.tsvm"], jittered(rand, dangBo, 0.5), { caps: dangBo });
  return LAI_CHAU_DISTRICT_UNITS.map((u, i) => ({
    unit: u.code,
    values: {
      "party.dang_bo": dangBo[i]!,
      "members.total": members[i]!,
      "party.cells": cells[i]!,
      "party.committee_members": committee[i]!,
      "cadres.cbcc.in_post": cbcc[i]!,
      "grades.base_org.tsvm": tsvm[i]!,
    },
  }));
}
