import type { OrgUnit } from "../shared/registry/orgunits.ts";
import { prefixedName } from "../shared/registry/levels.ts";

/**
 * The org-unit registry the demo data, tests and sample workbooks use. Real names only where a
 * seed document (or the brief, for Hàm Tân's communes and the districts of Lai Châu and Thừa
 * Thiên Huế) gives them; every other unit is a plainly named placeholder with `sample: true`, so
 * that nobody mistakes it for a real commune. Sample codes carry an "M" (mẫu) before their number.
 */

type Kind = OrgUnit["type"];

function unit(code: string, name: string, level: OrgUnit["level"], type: Kind, parent: string | null, aliases: string[] = [], sample = false): OrgUnit {
  return { code, name, level, type, parent, sample, aliases };
}

/** `count` placeholder communes under a district, named "Xã mẫu 01" (or "Phường mẫu 01"). */
function samples(district: string, count: number, type: "xa" | "phuong" = "xa"): OrgUnit[] {
  const word = type === "phuong" ? "Phường" : "Xã";
  return Array.from({ length: count }, (_, i) => {
    const n = String(i + 1).padStart(2, "0");
    return unit(`${district}-M${n}`, `${word} mẫu ${n}`, "commune", type, district, [], true);
  });
}

// ── Bình Thuận: Hàm Tân (report 000) ─────────────────────────────────────────────────────────
const HAM_TAN: OrgUnit[] = [
  unit("BTH", "Bình Thuận", "province", "tinh", null, ["Tỉnh Bình Thuận"]),
  unit("BTH-HTN", "Hàm Tân", "district", "huyen", "BTH", ["Huyện Hàm Tân", "H. Hàm Tân"]),
  unit("BTH-HTN-01", "Tân Minh", "commune", "thi_tran", "BTH-HTN", ["TT Tân Minh", "TT. Tân Minh"]),
  // Tân Nghĩa was a xã until 01/2008; old forms and habits still say so.
  unit("BTH-HTN-02", "Tân Nghĩa", "commune", "thi_tran", "BTH-HTN", ["TT Tân Nghĩa", "TT. Tân Nghĩa", "Xã Tân Nghĩa"]),
  unit("BTH-HTN-03", "Sơn Mỹ", "commune", "xa", "BTH-HTN", ["X. Sơn Mỹ"]),
  unit("BTH-HTN-04", "Sông Phan", "commune", "xa", "BTH-HTN", ["X. Sông Phan"]),
  unit("BTH-HTN-05", "Tân Đức", "commune", "xa", "BTH-HTN", ["X. Tân Đức"]),
  unit("BTH-HTN-06", "Tân Hà", "commune", "xa", "BTH-HTN", ["X. Tân Hà"]),
  unit("BTH-HTN-07", "Tân Phúc", "commune", "xa", "BTH-HTN", ["X. Tân Phúc"]),
  unit("BTH-HTN-08", "Tân Thắng", "commune", "xa", "BTH-HTN", ["X. Tân Thắng"]),
  unit("BTH-HTN-09", "Tân Xuân", "commune", "xa", "BTH-HTN", ["X. Tân Xuân"]),
  unit("BTH-HTN-10", "Thắng Hải", "commune", "xa", "BTH-HTN", ["X. Thắng Hải"]),
];

// ── Lai Châu (reports 002, 003) ──────────────────────────────────────────────────────────────
const LAI_CHAU_DISTRICTS: Array<[string, string, Kind, string[]]> = [
  ["LCU-LCH", "Lai Châu", "thanh_pho", ["Thành phố Lai Châu", "TP Lai Châu", "TP. Lai Châu"]],
  ["LCU-TDG", "Tam Đường", "huyen", ["Huyện Tam Đường"]],
  ["LCU-PTO", "Phong Thổ", "huyen", ["Huyện Phong Thổ"]],
  ["LCU-SHO", "Sìn Hồ", "huyen", ["Huyện Sìn Hồ"]],
  ["LCU-MTE", "Mường Tè", "huyen", ["Huyện Mường Tè"]],
  ["LCU-TUY", "Than Uyên", "huyen", ["Huyện Than Uyên"]],
  ["LCU-TNU", "Tân Uyên", "huyen", ["Huyện Tân Uyên"]],
  ["LCU-NNH", "Nậm Nhùn", "huyen", ["Huyện Nậm Nhùn"]],
];
const LAI_CHAU: OrgUnit[] = [
  unit("LCU", "Lai Châu", "province", "tinh", null, ["Tỉnh Lai Châu"]),
  ...LAI_CHAU_DISTRICTS.map(([code, name, type, aliases]) => unit(code, name, "district", type, "LCU", aliases)),
  ...LAI_CHAU_DISTRICTS.filter(([code]) => code !== "LCU-NNH").flatMap(([code, , type]) => samples(code, 3, type === "thanh_pho" ? "phuong" : "xa")),
  // Report 003 places Trung Chải in Nậm Nhùn; the district's other communes are placeholders.
  unit("LCU-NNH-01", "Trung Chải", "commune", "xa", "LCU-NNH", ["X. Trung Chải"]),
  ...samples("LCU-NNH", 4),
];

// ── Thừa Thiên Huế (report 001) ──────────────────────────────────────────────────────────────
const HUE_DISTRICTS: Array<[string, string, Kind, string[]]> = [
  ["TTH-HUE", "Huế", "thanh_pho", ["Thành phố Huế", "TP Huế", "TP. Huế"]],
  ["TTH-HTY", "Hương Thủy", "thi_xa", ["Thị xã Hương Thủy", "TX Hương Thủy", "Hương Thuỷ"]],
  ["TTH-HTR", "Hương Trà", "thi_xa", ["Thị xã Hương Trà", "TX Hương Trà"]],
  ["TTH-PDN", "Phong Điền", "huyen", ["Huyện Phong Điền"]],
  ["TTH-QDN", "Quảng Điền", "huyen", ["Huyện Quảng Điền"]],
  ["TTH-PVG", "Phú Vang", "huyen", ["Huyện Phú Vang"]],
  ["TTH-PLC", "Phú Lộc", "huyen", ["Huyện Phú Lộc"]],
  ["TTH-NDG", "Nam Đông", "huyen", ["Huyện Nam Đông"]],
  ["TTH-ALU", "A Lưới", "huyen", ["Huyện A Lưới"]],
];
const HUE: OrgUnit[] = [
  unit("TTH", "Thừa Thiên Huế", "province", "tinh", null, ["Thừa Thiên-Huế", "Tỉnh Thừa Thiên Huế", "TT-Huế", "TT Huế"]),
  ...HUE_DISTRICTS.map(([code, name, type, aliases]) => unit(code, name, "district", type, "TTH", aliases)),
  ...HUE_DISTRICTS.flatMap(([code, , type]) => samples(code, 3, type === "huyen" ? "xa" : "phuong")),
];

// ── Bến Tre: Ba Tri (report 004) ─────────────────────────────────────────────────────────────
const BA_TRI: OrgUnit[] = [
  unit("BTR", "Bến Tre", "province", "tinh", null, ["Tỉnh Bến Tre"]),
  unit("BTR-BTI", "Ba Tri", "district", "huyen", "BTR", ["Huyện Ba Tri"]),
  unit("BTR-BTI-01", "Tân Xuân", "commune", "xa", "BTR-BTI", ["X. Tân Xuân"]),
  unit("BTR-BTI-02", "Vĩnh An", "commune", "xa", "BTR-BTI", ["X. Vĩnh An"]),
  ...samples("BTR-BTI", 4),
];

/**
 * The seeds' units are the three-tier country of their time: every district ended on 30 June
 * 2025, and with it the communes as units under a district (those that survive sit under the
 * province now, as new units). Bình Thuận itself ended then (merged into Lâm Đồng, Resolution
 * 202/2025/QH15); the other seed provinces' own fate is left open here, since the seeds say
 * nothing about it.
 */
const END_OF_THREE_TIERS = "2025-06-30";
const THREE_TIER = [...HAM_TAN, ...LAI_CHAU, ...HUE, ...BA_TRI].map((u): OrgUnit =>
  u.level !== "province" || u.code === "BTH" ? { ...u, validTo: END_OF_THREE_TIERS } : u);

// ── Lâm Đồng from 1 July 2025: the two-tier demo province ───────────────────────────────────
/**
 * The seeds name no unit of the new structure, so every commune here is a sample ("Xã mẫu 01",
 * "Đặc khu mẫu"). Their predecessors are real Hàm Tân communes from the seed registry, but the
 * mapping itself is a sample too: the sources do not say which old communes formed which new
 * one. Tân Thắng is shown split between two successors, so the demo has an approximate
 * reconstruction; Đặc khu mẫu has no predecessor in the seeds. The province itself was formed
 * from Bình Thuận, Đắk Nông and the old Lâm Đồng (Resolution 202/2025/QH15): the last two are
 * the national registry's units "67" and "68" (data/registry), which hold no demo figures, so a
 * total rebuilt for the years before says whose figures it lacks.
 */
const FROM = "2025-07-01";
const twoTier = (code: string, name: string, type: OrgUnit["type"], predecessors: string[]): OrgUnit =>
  ({ code, name, level: "commune", type, parent: "LDG", sample: true, aliases: [], validFrom: FROM, ...(predecessors.length ? { predecessors } : {}) });
const cell = (commune: string, n: number): OrgUnit =>
  ({ code: `${commune}-M${String(n).padStart(2, "0")}`, name: `Chi bộ mẫu ${String(n).padStart(2, "0")}`, level: "cell", type: "chi_bo", parent: commune, sample: true, aliases: [], validFrom: FROM });
/**
 * Lâm Đồng's predecessors besides Bình Thuận, exactly as the national registry has them (rows
 * "67" and "68" of data/registry/vn-units.json; tests/seeds.test.ts checks they still match), so
 * that the demo registry holds every unit it links to; seeds/national.ts keeps one copy of each.
 */
const FORMER_PROVINCES: OrgUnit[] = [
  { code: "67", name: "Đắk Nông", level: "province", type: "tinh", parent: null, sample: false, aliases: [], validTo: END_OF_THREE_TIERS },
  { code: "68", name: "Lâm Đồng", level: "province", type: "tinh", parent: null, sample: false, aliases: [], validTo: END_OF_THREE_TIERS },
];
const LAM_DONG: OrgUnit[] = [
  ...FORMER_PROVINCES,
  { code: "LDG", name: "Lâm Đồng", level: "province", type: "tinh", parent: null, sample: false, aliases: ["Tỉnh Lâm Đồng"], validFrom: FROM, predecessors: ["BTH", "67", "68"] },
  twoTier("LDG-M01", "Xã mẫu 01", "xa", ["BTH-HTN-01", "BTH-HTN-02"]),
  twoTier("LDG-M02", "Xã mẫu 02", "xa", ["BTH-HTN-03", "BTH-HTN-04", "BTH-HTN-08"]),
  twoTier("LDG-M03", "Xã mẫu 03", "xa", ["BTH-HTN-05", "BTH-HTN-06", "BTH-HTN-08"]),
  twoTier("LDG-M04", "Xã mẫu 04", "xa", ["BTH-HTN-07", "BTH-HTN-09", "BTH-HTN-10"]),
  twoTier("LDG-M05", "Đặc khu mẫu", "dac_khu", []),
  // A commune's own workbook lists its party cells as rows.
  ...[1, 2, 3].map((n) => cell("LDG-M01", n)),
];

export const REGISTRY: OrgUnit[] = [...THREE_TIER, ...LAM_DONG];

/** The ten communes of Hàm Tân in registry order (the order of every Hàm Tân sample workbook). */
export const HAM_TAN_COMMUNES: readonly OrgUnit[] = REGISTRY.filter((u) => u.parent === "BTH-HTN");

/** The eight districts of Lai Châu in registry order. */
export const LAI_CHAU_DISTRICT_UNITS: readonly OrgUnit[] = REGISTRY.filter((u) => u.parent === "LCU");

export function unitByCode(code: string): OrgUnit | undefined {
  return REGISTRY.find((u) => u.code === code);
}

/** How a unit is written with its administrative prefix: "Thị trấn Tân Nghĩa", "Xã Sơn Mỹ". */
export function fullName(u: OrgUnit): string {
  if (u.sample) return u.name;
  return prefixedName(u);
}
