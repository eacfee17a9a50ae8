/**
 * Levels of the hierarchy are data: a registry names its units' levels from this list, and the
 * code reasons about depth (what lies under what), never about a fixed three tiers. Before
 * 1 July 2025 a province had districts and communes; since then communes sit straight under the
 * province; below a commune come villages or residential groups and party cells.
 */
export interface LevelDef {
  code: string;
  /** 0 = province; larger is further down. Two levels may share a depth (village, party cell). */
  depth: number;
  label: { vi: string; en: string };
}

export const LEVELS: readonly LevelDef[] = [
  { code: "province", depth: 0, label: { vi: "Tỉnh, thành phố", en: "Province" } },
  // The real pre-2025 tier (huyện); the code stays "district" in registries and stored data.
  { code: "district", depth: 1, label: { vi: "Huyện, thị xã, thành phố thuộc tỉnh", en: "District" } },
  { code: "commune", depth: 2, label: { vi: "Xã, phường, đặc khu", en: "Commune" } },
  { code: "village", depth: 3, label: { vi: "Thôn, tổ dân phố", en: "Village or residential group" } },
  { code: "cell", depth: 4, label: { vi: "Chi bộ", en: "Party cell" } },
];

export const LEVEL_CODES = LEVELS.map((l) => l.code) as [string, ...string[]];

/**
 * Unit types as the law names them (Law on Local Government Organisation): province level tỉnh and
 * thành phố trực thuộc trung ương; district level (until 30/6/2025) quận, huyện, thị xã, thành
 * phố thuộc tỉnh and thành phố thuộc thành phố trực thuộc trung ương; commune level xã, phường,
 * thị trấn (until 30/6/2025) and đặc khu (since 2025); below a commune thôn, tổ dân phố, chi bộ.
 */
export const UNIT_TYPES = [
  "tinh", "thanh_pho_tw", "huyen", "thi_xa", "thanh_pho", "xa", "phuong", "thi_tran", "dac_khu",
  "thon", "to_dan_pho", "chi_bo", "dang_bo", "quan", "thanh_pho_thuoc_tp",
] as const;

export function levelLabel(code: string, lang: "vi" | "en" = "vi"): string {
  return LEVELS.find((l) => l.code === code)?.label[lang] ?? code;
}

/** How a unit of each type is written before its name: "Xã Sơn Mỹ", "Đặc khu …", "Chi bộ …". */
export const TYPE_PREFIX: Readonly<Record<(typeof UNIT_TYPES)[number], string>> = {
  tinh: "Tỉnh", thanh_pho_tw: "Thành phố", quan: "Quận", huyen: "Huyện", thanh_pho_thuoc_tp: "Thành phố", thi_xa: "Thị xã", thanh_pho: "Thành phố",
  xa: "Xã", phuong: "Phường", thi_tran: "Thị trấn", dac_khu: "Đặc khu",
  thon: "Thôn", to_dan_pho: "Tổ dân phố", chi_bo: "Chi bộ", dang_bo: "Đảng bộ",
};

/** The unit's name with its prefix, unless the name already starts with it (as sample names do). */
export function prefixedName(u: { type: (typeof UNIT_TYPES)[number]; name: string }): string {
  const p = TYPE_PREFIX[u.type];
  return u.name.toLowerCase().startsWith(p.toLowerCase()) ? u.name : `${p} ${u.name}`;
}

/**
 * An earlier province in running text, from the registry's name and type: "tỉnh Đắk Nông (cũ)",
 * "the former Đắk Nông province"; so that a province that no longer exists is never read as
 * today's one of the same name (the old Lâm Đồng beside the new).
 */
export function formerProvinceName(u: { type: (typeof UNIT_TYPES)[number]; name: string }, lang: "vi" | "en"): string {
  if (lang === "en") return `the former ${u.name} ${u.type === "thanh_pho_tw" ? "city" : "province"}`;
  const p = TYPE_PREFIX[u.type].toLocaleLowerCase("vi");
  return `${u.name.toLocaleLowerCase("vi").startsWith(p) ? u.name : `${p} ${u.name}`} (cũ)`;
}
