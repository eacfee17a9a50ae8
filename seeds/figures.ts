import type { SourceId } from "./sources.ts";

/**
 * Every figure of /work/shared/seed-figures.md as data, with its catalog home. Consistent and
 * inconsistent figures are kept alike: the inconsistent ones are what the validator must catch,
 * and carry `expectFlag`; the consistent ones (26/108 = 24.07%, 13/14 reported truncated as 92.8%)
 * are what it must let pass.
 *
 * A "52/53" pair becomes two figures (part and whole), both with `reportedAs: "52/53"`, so that
 * each value lives under one indicator code.
 */
export interface SeedFigure {
  source: SourceId;
  /** The label of the seed-figures.md table row the figure comes from. */
  row: string;
  /** A registry code, or a plain description for a place outside the registry. */
  unit: string;
  /** "2012-06", "2017-12", or a year when the source gives no month. */
  period: string;
  /** Catalog indicator code. */
  indicator: string;
  value: number;
  /** Decimals as reported: 24.07 → 2, 48 → 0; 0 for counts. */
  decimals: number;
  /** The figure as the source writes it. */
  reportedAs: string;
  /** The source qualifies the figure ("gần", "trên", "hơn"): not an exact value. */
  approx?: "about" | "over";
  /** Not printed in the source but implied by figures that are (32 − 11 schools). */
  derived?: boolean;
  /** The figure is inconsistent and a careful validator must flag it: why. */
  expectFlag?: string;
  note?: string;
}

/** A figure the sources give that no catalog indicator can hold. */
export interface UnplacedFigure {
  source: SourceId;
  row: string;
  unit: string;
  period: string;
  value: number | string;
  reportedAs: string;
  reason: string;
}

type Opt = Pick<SeedFigure, "approx" | "derived" | "expectFlag" | "note">;

/** Figures of one table row, with source, row, unit and period fixed. */
function rowOf(source: SourceId, row: string, unit: string, period: string) {
  return (indicator: string, value: number, reportedAs: string, opt: Opt & { decimals?: number; period?: string; unit?: string } = {}): SeedFigure => {
    const { decimals, period: p, unit: u, ...rest } = opt;
    return { source, row, unit: u ?? unit, period: p ?? period, indicator, value, decimals: decimals ?? decimalsOf(reportedAs), reportedAs, ...rest };
  };
}

/** Lets one table row's figures share a maker: `...rows(ht("UBND"), (r) => [r(...), r(...)])`. */
function rows(maker: ReturnType<typeof rowOf>, build: (r: ReturnType<typeof rowOf>) => SeedFigure[]): SeedFigure[] {
  return build(maker);
}

/** Decimals of a Vietnamese-formatted figure: "24,07%" → 2, "1.716" → 0, "48%" → 0. */
function decimalsOf(reported: string): number {
  const m = /,(\d+)\s*%?\s*$/.exec(reported.trim());
  return m ? m[1]!.length : 0;
}

// ── 000 Hàm Tân, July 2012 ──────────────────────────────────────────────────────────────────
const HT = "BTH-HTN";
const ht = (row: string, period = "2012-06") => rowOf("000", row, HT, period);

const f000: SeedFigure[] = [
  ...rows(ht("communes"), (r) => [
    r("org.communes", 10, "8 xã và 2 thị trấn"),
    r("org.communes.xa", 8, "8 xã"),
    r("org.communes.thi_tran", 2, "2 thị trấn", { note: "Thắng Hải split from Tân Thắng in 01/2008; Tân Nghĩa became a thị trấn at the same time" }),
    r("org.communes.xa", 8, "8 xã", { period: "2005-12", note: "at the district's founding, 12/2005" }),
    r("org.communes.thi_tran", 1, "1 thị trấn", { period: "2005-12", note: "at the district's founding, 12/2005" }),
  ]),
  ...rows(ht("end 2005", "2005-12"), (r) => [
    r("party.dang_bo", 5, "5 đảng bộ"),
    r("party.chi_bo_co_so", 4, "4 chi bộ xã-thị trấn"),
    r("party.cells", 51, "51 chi bộ trực thuộc"),
    r("org.villages.with_cell", 30, "30/50"),
    r("org.villages", 50, "30/50"),
    r("org.schools.with_cell", 10, "10 chi bộ trường học"),
    r("members.total", 371, "371"),
  ]),
  ...rows(ht("June 2012"), (r) => [
    r("party.dang_bo", 10, "10 đảng bộ xã-thị trấn"),
    r("party.cells", 89, "89 chi bộ trực thuộc"),
    r("org.villages.with_cell", 52, "52/53"),
    r("org.villages", 53, "52/53"),
    r("org.schools.with_cell", 24, "24 chi bộ trường học"),
    r("members.total", 609, "609"),
    r("org.villages.with_members", 53, "53/53"),
    r("org.villages", 53, "53/53"),
  ]),
  ht("admitted since 2005")("members.admitted", 473, "473", { note: "cumulative from the district's founding (12/2005) to 06/2012" }),
  ...rows(ht("ĐV graded HTTNV"), (r) => [
    r("members.httnv_rate", 39.9, "39,9%", { period: "2005-12", note: "baseline; the report gives the rise without dating its start" }),
    r("members.httnv_rate", 48, "48%", { note: "latest annual review before the report" }),
    r("members.violation_rate", 3.2, "3,2%", { period: "2005-12", note: "baseline; undated in the report" }),
    r("members.violation_rate", 1.3, "1,3%"),
  ]),
  ht("UBND")("government.kha_or_better_rate", 100, "100%"),
  ...rows(ht("mass organisations"), (r) => [
    r("massorg.members", 47200, "47.200"),
    r("massorg.membership_rate", 71.13, "71,13%"),
    r("massorg.core_rate", 3.85, "3,85%"),
  ]),
  ...rows(ht("democracy and culture"), (r) => [
    r("democracy.regulation", 10, "10/10"),
    r("org.communes", 10, "10/10"),
    r("democracy.villages_covenant", 53, "53/53"),
    r("org.villages", 53, "53/53"),
    r("democracy.cultural_households_rate", 85.2, "85,2%"),
    r("democracy.cultural_villages", 25, "25/53"),
    r("org.villages", 53, "25/53"),
  ]),
  ...rows(ht("full-time cadres (chuyên trách)"), (r) => [
    r("cadres.ft.in_post", 104, "104/110"),
    r("cadres.ft.posts", 110, "104/110"),
    r("cadres.ft.fill_rate", 94.55, "94,55%"),
    r("cadres.ft.cm_trungcap_rate", 54.8, "54,8%"),
    r("cadres.ft.cm_daihoc_rate", 12.5, "12,5%"),
    r("cadres.ft.llct_trungcap_rate", 64.42, "64,42%"),
    r("cadres.ft.llct_caocap_rate", 2.88, "2,88%"),
    r("cadres.ft.women_rate", 23.08, "23,08%"),
  ]),
  ...rows(ht("civil servants (công chức)"), (r) => [
    r("cadres.cs.in_post", 119, "119/132"),
    r("cadres.cs.posts", 132, "119/132"),
    r("cadres.cs.fill_rate", 90.15, "90,15%"),
    r("cadres.cs.cm_trungcap_rate", 80.67, "80,67%"),
    r("cadres.cs.cm_caodang_daihoc_rate", 18.49, "18,49%"),
    r("cadres.cs.llct_trungcap_rate", 26.05, "26,05%"),
    r("cadres.cs.women_rate", 42.86, "42,86%"),
  ]),
  ...rows(ht("part-time cadres (không chuyên trách)"), (r) => [
    r("cadres.pt.in_post", 168, "168/208"),
    r("cadres.pt.posts", 208, "168/208"),
    r("cadres.pt.fill_rate", 80.77, "80,77%"),
    r("cadres.pt.cm_trungcap_rate", 34.52, "34,52%"),
    r("cadres.pt.cm_caodang_daihoc_rate", 7.74, "7,74%"),
    r("cadres.pt.llct_trungcap_rate", 17.86, "17,86%"),
    r("cadres.pt.llct_socap_rate", 13.69, "13,69%"),
    r("cadres.pt.concurrent", 38, "38 cán bộ kiêm nhiệm", { note: "cadres of other posts who also hold a part-time post; not part of the 168" }),
  ]),
  ht("all cadres arranged")("cadres.all.in_post", 391, "391", { note: "= 104 + 119 + 168" }),
  ...rows(ht("training sent"), (r) => [
    r("training.total", 4040, "4040", {
      expectFlag: "reported total 4,040 ≠ 404, the sum of its parts (91 + 46 + 55 + 98 + 114)",
      note: "cumulative 2006–2012; probably a typing slip for 404",
    }),
    r("training.cm_trungcap", 91, "91"),
    r("training.cm_daihoc", 46, "46"),
    r("training.llct_socap", 55, "55"),
    r("training.llct_trungcap", 98, "98"),
    r("training.qlnn", 114, "114"),
  ]),
];

// ── 001 Thừa Thiên Huế, early 2018 ──────────────────────────────────────────────────────────
const TTH = "TTH";
const f001: SeedFigure[] = [
  ...rows(rowOf("001", "communes", TTH, "2018"), (r) => [
    r("org.communes", 152, "152"),
    r("org.communes.xa", 105, "105"),
    r("org.communes.phuong", 39, "39"),
    r("org.communes.thi_tran", 8, "8"),
    r("cadres.cbcc.in_post", 3355, "3.355", { expectFlag: "3,355 CBCC ≠ 1,597 cán bộ + 1,759 công chức = 3,356" }),
  ]),
  ...rows(rowOf("001", "villages", TTH, "2018"), (r) => [
    r("org.villages.rural", 724, "724 thôn"),
    r("org.villages.urban", 553, "553 tổ dân phố"),
    r("cadres.pt.in_post", 10570, "10.570", { note: "part-time workers of the villages and residential groups" }),
  ]),
  ...rows(rowOf("001", "commune cadres", TTH, "2018"), (r) => [
    r("cadres.ft.in_post", 1597, "1.597"),
    r("cadres.ft.cm_daihoc_rate", 59.1, "59,1%"),
    r("cadres.ft.cm_caodang_rate", 2.2, "2,2%"),
    r("cadres.ft.llct_trungcap_plus_rate", 83.5, "83,5%"),
  ]),
  ...rows(rowOf("001", "commune civil servants", TTH, "2018"), (r) => [
    r("cadres.cs.in_post", 1759, "1.759"),
    r("cadres.cs.cm_daihoc_rate", 67.5, "67,5%"),
    r("cadres.cs.cm_caodang_rate", 6.8, "6,8%"),
    r("cadres.cs.llct_trungcap_plus_rate", 42.6, "42,6%"),
  ]),
  ...rows(rowOf("001", "poor households", TTH, "2017-12"), (r) => [
    r("poverty.poor_rate", 8.36, "8,36%", { period: "2015-12" }),
    r("poverty.poor_rate", 7.19, "7,19%", { period: "2016-12" }),
    r("poverty.poor_rate", 5.98, "5,98%"),
    r("poverty.escaped", 6000, "gần 6.000", { approx: "about", note: "over 2016–2017" }),
    r("poverty.relapsed", 338, "338", { note: "over 2016–2017" }),
    r("poverty.new_poor", 1993, "1.993", { note: "over 2016–2017" }),
    r("poverty.poor_rate_fall", 2.38, "giảm 2,38%", { note: "points, from 8.36% (end 2015) to 5.98% (end 2017)" }),
  ]),
  ...rows(rowOf("001", "end 2017", TTH, "2017-12"), (r) => [
    r("poverty.poor", 17662, "17.662"),
    r("poverty.poor_rate", 5.98, "5,98%"),
    r("poverty.near_poor", 15429, "15.429"),
    r("poverty.near_poor_rate", 5.22, "5,22%"),
    r("poverty.households", 295400, "≈ 295.400", {
      approx: "about", derived: true,
      note: "not printed: 17,662 / 5.98% and 15,429 / 5.22% both put it between 295,292 and 295,598",
    }),
  ]),
];

// ── 002 Nậm Nhùn, about 2022 ───────────────────────────────────────────────────────────────
const NNH = "LCU-NNH";
const f002: SeedFigure[] = [
  ...rows(rowOf("002", "June 2013", NNH, "2013-06"), (r) => [
    r("org.villages", 70, "20/70 bản chưa có chi bộ"),
    r("org.villages.with_cell", 50, "20/70 bản chưa có chi bộ", { derived: true, note: "70 − 20 villages without a cell" }),
    r("org.schools", 32, "11/32 trường học chưa đủ đảng viên"),
    r("org.schools.with_members", 21, "11/32 trường học chưa đủ đảng viên", {
      derived: true,
      note: "32 − 11; the source says the 11 had 'not enough members' (too few for a cell), so 21 is an upper bound on schools with members",
    }),
    r("org.health_stations", 11, "8/11 trạm y tế chưa có chi bộ"),
    r("org.health_stations.with_cell", 3, "8/11 trạm y tế chưa có chi bộ", { derived: true, note: "11 − 8 stations without a cell" }),
    r("cadres.all.edu_below_hs", 106, "106", { note: "the source's wording is garbled ('chưa tốt nghiệp hệ thống chính trị'); read as not having finished upper secondary school" }),
    r("cadres.all.edu_below_primary", 13, "13"),
    r("cadres.all.no_cm", 96, "96"),
    r("cadres.all.no_llct", 154, "154"),
  ]),
  ...rows(rowOf("002", "now", NNH, "2022"), (r) => [
    r("cadres.all.cm_sau_dh", 23, "23 thạc sỹ", { note: "the district's cadres; may include district-level staff" }),
    r("cadres.all.llct_caocap", 51, "51"),
    r("org.schools.with_cell_rate", 100, "100%"),
    r("org.health_stations.with_cell_rate", 100, "100%"),
    r("org.villages.with_cell_rate", 100, "100%"),
  ]),
  ...rows(rowOf("002", "party", NNH, "2022"), (r) => [
    r("members.admitted", 1100, "gần 1.100", { approx: "about", note: "over the district's first ten years" }),
    r("party.base_orgs", 50, "50 TCCSĐ", { note: "all grassroots party organisations of the district, not only communes'" }),
    r("party.cells", 130, "130 chi bộ trực thuộc"),
    r("members.total", 1900, "gần 1.900", { approx: "about" }),
    r("pilot.village_heads_members_rate", 65, "trên 65%", { approx: "over" }),
    r("pilot.secretary_village_head_rate", 22, "gần 22%", { approx: "about" }),
  ]),
  rowOf("002", "government", NNH, "2022")("government.kha_or_better_rate", 100, "100%"),
  ...rows(rowOf("002", "MTTQ and mass organisations", NNH, "2022"), (r) => [
    r("massorg.good_rate", 38.9, "38,9%", { note: "yearly average over the decade" }),
    r("massorg.fair_rate", 43, "43%", { note: "yearly average over the decade" }),
    r("massorg.average_rate", 16.4, "16,4%", { note: "yearly average over the decade" }),
  ]),
];

// ── 003 Lai Châu, start of 2019; Quảng Ninh 2018 ────────────────────────────────────────────
const LCU = "LCU";
const QN = "Quảng Ninh (tỉnh, ngoài danh mục)";
const f003: SeedFigure[] = [
  ...rows(rowOf("003", "party", LCU, "2019-01"), (r) => [
    r("party.dang_bo", 108, "108 đảng bộ xã, phường, thị trấn"),
    r("members.total", 17852, "17.852"),
    r("party.cells", 1716, "1.716"),
    r("party.committee_members", 1421, "1.421"),
    r("cadres.cbcc.in_post", 2193, "2.193"),
  ]),
  ...rows(rowOf("003", "grades", LCU, "2019-01"), (r) => [
    r("grades.base_org.tsvm_rate", 24.07, "24,07%", { note: "26/108 = 24.07%: consistent" }),
    r("grades.cells.tsvm_rate", 44.09, "44,09%", { expectFlag: "GRIM: no whole number of 1,716 cells gives 44.09% (756 → 44.06%, 757 → 44.11%)" }),
    r("members.httnv_or_better_rate", 91, "trên 91%", { approx: "over" }),
    r("government.kha_or_better_rate", 67, "hơn 67%", { approx: "over" }),
    r("cadres.cbcc.graded_htt_plus_rate", 86, "trên 86%", { approx: "over" }),
  ]),
  ...rows(rowOf("003", "staff changes", LCU, "2019-01"), (r) => [
    r("cadres.changes.cut", 67, "67", { note: "2016 to early 2019" }),
    r("cadres.changes.transferred", 119, "119", { note: "2016 to early 2019" }),
  ]),
  ...rows(rowOf("003", "commune cadres", LCU, "2019-01"), (r) => [
    r("cadres.ft.cm_trungcap_plus_rate", 85.1, "85,1%", { note: "the source says 'cán bộ cơ sở', read as commune cadres (chuyên trách)" }),
    r("cadres.ft.llct_trungcap_rate", 81.05, "81,05%", { note: "the source says 'trung cấp', not 'trung cấp trở lên'" }),
  ]),
  ...rows(rowOf("003", "Trung Chải commune", "LCU-NNH-01", "2019-01"), (r) => [
    r("members.total", 30, "30 đảng viên", { period: "2017-01" }),
    r("party.cells", 6, "6 chi bộ", { period: "2017-01" }),
    r("members.total", 73, "73 đảng viên"),
    r("party.cells", 10, "10 chi bộ"),
  ]),
  ...rows(rowOf("003", "Quảng Ninh", QN, "2018"), (r) => [
    r("org.districts", 14, "7/14, 11/14, 13/14"),
    r("pilot.district_secretary_council_chair", 7, "7/14"),
    r("pilot.district_secretary_council_chair_rate", 50, "50%"),
    r("pilot.secretary_council_chair", 76, "76/186"),
    r("org.communes", 186, "76/186"),
    r("pilot.secretary_council_chair_rate", 40.3, "40,3%", { expectFlag: "76/186 is 40.86%, not 40.3% (neither rounded nor truncated)" }),
    r("pilot.district_inspection_merged", 11, "11/14"),
    r("pilot.district_inspection_merged_rate", 78.6, "78,6%"),
    r("pilot.district_massmob_merged", 13, "13/14"),
    r("pilot.district_massmob_merged_rate", 92.8, "92,8%", { note: "13/14 = 92.857%: truncated, not rounded; consistent" }),
    r("pilot.secretary_village_head_rate", 98.15, "98,15%"),
    r("pilot.posts_cut", 519, "519"),
    r("pilot.posts_cut.party", 30, "30"),
    r("pilot.posts_cut.government", 489, "489"),
    r("pilot.employees_cut", 1314, "1.314"),
  ]),
];

// ── 004 Ba Tri, April 2009 ──────────────────────────────────────────────────────────────────
const BTI = "BTR-BTI";
const f004: SeedFigure[] = [
  ...rows(rowOf("004", "party", BTI, "2008-12"), (r) => [
    r("party.base_orgs", 66, "66 chi bộ, đảng bộ cơ sở", { note: "all grassroots party organisations of the district, not only communes'" }),
    r("members.total", 3716, "3.716"),
  ]),
  ...rows(rowOf("004", "grades", BTI, "2008-12"), (r) => [
    r("grades.base_org.tsvm", 4, "4 đảng bộ vững mạnh", { period: "2002-12", note: "'vững mạnh' read as the top class (TSVM): 3 of the 2008 ones are called TSVM, and they are counted among them" }),
    r("grades.base_org.tsvm", 14, "14 đảng bộ vững mạnh", { note: "'vững mạnh' read as the top class (TSVM), see 2002" }),
    r("grades.base_org.tsvm_streak3", 3, "3 đảng bộ TSVM tiêu biểu 3 năm liền"),
    r("grades.base_org.yeu", 0, "không có đảng bộ yếu kém"),
  ]),
  ...rows(rowOf("004", "admissions 2008", BTI, "2008-12"), (r) => [
    r("members.admitted", 271, "271"),
    r("members.admission_rate", 100.31, "100,31%", { expectFlag: "GRIM: no whole-number target gives 271 = 100.31% (270 → 100.37%, 271 → 100%)" }),
  ]),
];

export const SEED_FIGURES: readonly SeedFigure[] = [...f000, ...f001, ...f002, ...f003, ...f004];

/**
 * Figures the catalog has no home for; kept so nothing in the sources is silently dropped. Empty
 * since catalog 1.0.0 gained homes for concurrent posts, HĐND/UBND leaders, the fall of the poverty
 * rate and TSVM streaks.
 */
export const UNPLACED_FIGURES: readonly UnplacedFigure[] = [];
