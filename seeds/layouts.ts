import { getCatalog } from "../shared/catalog/catalog.ts";
import { columnLetters } from "../shared/parse/text.ts";
import {
  hamTanCommuneValues, laiChauDistrictValues, LAI_CHAU_REPORTED_RATES, HAM_TAN_TOTALS, HAM_TAN_DERIVED_TOTALS,
  HAM_TAN_SAMPLE_TOTALS, LAI_CHAU_TOTALS, LAI_CHAU_DERIVED_TOTALS, type UnitValues, type Values,
} from "./data.ts";
import { HAM_TAN_COMMUNES, LAI_CHAU_DISTRICT_UNITS, fullName, unitByCode } from "./orgunits.ts";
import { citation, sourceById, type SourceId } from "./sources.ts";

/**
 * The sample workbooks as plain data (cells, merges, formats), before exceljs writes them: the
 * generator writes these models, and the tests compare the committed .xlsx files against them.
 * Each Hàm Tân variant carries the same commune values in a different clerk's habits, so all of
 * them roll up to the same district totals (except `ham-tan-tong-sai`, whose defects are listed
 * in its `defects`).
 */

export type ModelValue = number | string | null | { formula: string; result: number | string | { error: string } };
export interface ModelCell { value: ModelValue; numFmt?: string; bold?: boolean }
export interface SheetModel {
  name: string;
  /** rows[r][c], 0-based; row r is sheet row r + 1. */
  rows: (ModelCell | null)[][];
  /** A1 ranges. */
  merges: string[];
  widths: number[];
}
export interface Defect {
  /** Rule family a validator should report (informal; the validator names its own rules). */
  kind: "total_mismatch" | "misspelled_unit" | "duplicate_unit" | "formula_error" | "part_exceeds_whole" | "rate_unattainable";
  cells: string[];
  note: string;
}
export interface WorkbookModel {
  file: string;
  source: SourceId;
  /** Workbook created/modified date: fixed, so regenerating changes nothing. */
  date: Date;
  description: string;
  sheets: SheetModel[];
  /** Deliberate defects a validator must find (empty for clean files). */
  defects: Defect[];
}

const COUNT_FMT = "#,##0";
const PCT_FMT = "0.00%";
const catalog = getCatalog();
const label = (code: string) => {
  const ind = catalog.byCode.get(code);
  if (!ind) throw new Error(`unknown indicator ${code}`);
  return ind.label.vi;
};
const ratioOf = (code: string) => {
  const ind = catalog.byCode.get(code)!;
  if (ind.kind !== "ratio" || ind.numerator?.length !== 1 || ind.denominator?.length !== 1) throw new Error(`${code}: not a simple ratio`);
  return { num: ind.numerator[0]!, den: ind.denominator[0]! };
};

// ── Hàm Tân columns ─────────────────────────────────────────────────────────────────────────
type ColKind = "count" | "rate" | "yesno" | "grade";
export interface Col {
  code: string;
  kind: ColKind;
  /** Header wording in the "khong dau" variant: folded, abbreviated, as clerks type without Unikey. */
  plain: string;
  /** Cadre columns: family row and measure, for the two-row headers. */
  cadre?: { row: "ft" | "cs" | "pt"; measure: string };
}

const CADRE_PLAIN: Record<"ft" | "cs" | "pt", string> = { ft: "CB chuyen trach", cs: "Cong chuc", pt: "CB khong chuyen trach" };
const MEASURE_PLAIN: Record<string, string> = {
  posts: "Bien che", in_post: "Hien co", cm_trungcap: "CM trung cap", cm_caodang: "CM cao dang", cm_daihoc: "CM DH",
  llct_socap: "LLCT so cap", llct_trungcap: "LLCT trung cap", llct_caocap: "LLCT cao cap", women: "Nu", concurrent: "Kiem nhiem",
};
const cadreCols = (row: "ft" | "cs" | "pt", measures: string[]): Col[] =>
  measures.map((m) => ({ code: `cadres.${row}.${m}`, kind: "count", plain: `${CADRE_PLAIN[row]}: ${MEASURE_PLAIN[m]}`, cadre: { row, measure: m } }));

export const HAM_TAN_COLUMNS: readonly Col[] = [
  { code: "party.dang_bo", kind: "count", plain: "Dang bo xa" },
  { code: "party.cells", kind: "count", plain: "So chi bo truc thuoc" },
  { code: "members.total", kind: "count", plain: "So DV" },
  { code: "members.admitted", kind: "count", plain: "DV ket nap" },
  { code: "members.grade.httnv", kind: "count", plain: "DV HTTNV" },
  { code: "members.violations", kind: "count", plain: "DV vi pham" },
  { code: "grades.base_org", kind: "grade", plain: "Xep loai dang bo" },
  { code: "org.villages", kind: "count", plain: "So thon, KP" },
  { code: "org.villages.with_cell", kind: "count", plain: "Thon co chi bo" },
  { code: "org.villages.with_cell_rate", kind: "rate", plain: "TL thon co chi bo" },
  { code: "org.villages.with_members", kind: "count", plain: "Thon co DV" },
  { code: "org.schools", kind: "count", plain: "So truong" },
  { code: "org.schools.with_cell", kind: "count", plain: "Truong co chi bo" },
  { code: "org.health_stations", kind: "count", plain: "Tram y te" },
  { code: "org.health_stations.with_members", kind: "count", plain: "Tram y te co DV" },
  { code: "government.grade", kind: "grade", plain: "Xep loai chinh quyen" },
  { code: "massorg.members", kind: "count", plain: "Doan vien, hoi vien" },
  { code: "massorg.eligible", kind: "count", plain: "Nguoi trong do tuoi" },
  { code: "massorg.membership_rate", kind: "rate", plain: "TL tap hop doan vien, hoi vien" },
  { code: "massorg.core_activists", kind: "count", plain: "Cot can chinh tri" },
  { code: "democracy.regulation", kind: "yesno", plain: "QCDC" },
  { code: "democracy.villages_covenant", kind: "count", plain: "Thon co quy uoc" },
  { code: "democracy.cultural_villages", kind: "count", plain: "Thon van hoa" },
  { code: "poverty.households", kind: "count", plain: "So ho" },
  { code: "democracy.cultural_households", kind: "count", plain: "Ho GDVH" },
  { code: "democracy.cultural_households_rate", kind: "rate", plain: "TL GDVH" },
  ...cadreCols("ft", ["posts", "in_post", "cm_trungcap", "cm_daihoc", "llct_trungcap", "llct_caocap", "women"]),
  ...cadreCols("cs", ["posts", "in_post", "cm_trungcap", "cm_caodang", "cm_daihoc", "llct_trungcap", "women"]),
  ...cadreCols("pt", ["posts", "in_post", "cm_trungcap", "cm_caodang", "cm_daihoc", "llct_socap", "llct_trungcap", "concurrent"]),
];

/** How the "khong dau" clerk writes grades: field abbreviations, no diacritics. */
const GRADE_PLAIN: Record<string, string> = {
  "Trong sạch vững mạnh": "TSVM", "Hoàn thành tốt nhiệm vụ": "HTTNV", "Hoàn thành nhiệm vụ": "HTNV", "Tốt": "Tot", "Khá": "Kha",
};
/** Unit names as typed without diacritics, with the prefixes clerks use or drop. */
const PLAIN_NAMES: Record<string, string> = {
  "BTH-HTN-01": "TT. Tan Minh", "BTH-HTN-02": "Tan Nghia", "BTH-HTN-03": "xa Son My", "BTH-HTN-04": "Song Phan", "BTH-HTN-05": "X. Tan Duc",
  "BTH-HTN-06": "Tan Ha", "BTH-HTN-07": "xa Tan Phuc", "BTH-HTN-08": "Tan Thang", "BTH-HTN-09": "Tan Xuan", "BTH-HTN-10": "Thang Hai",
};

// ── Cell helpers ────────────────────────────────────────────────────────────────────────────
const c = (value: ModelValue, numFmt?: string, bold?: boolean): ModelCell => ({ value, ...(numFmt ? { numFmt } : {}), ...(bold ? { bold } : {}) });
const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;
const ratio = (n: number, d: number) => n / d;
/** Vietnamese number text: "47.200", "98,11%". */
export function viNumber(n: number, decimals = 0): string {
  const [i, f] = n.toFixed(decimals).split(".");
  const grouped = i!.replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  return f ? `${grouped},${f}` : grouped;
}
const viPercent = (n: number, d: number, decimals = 2) => `${viNumber(round((n / d) * 100, decimals), decimals)}%`;

function rateValue(v: Values, code: string): number {
  const { num, den } = ratioOf(code);
  return ratio(Number(v[num]), Number(v[den]));
}

function sumOf(rows: readonly Values[], code: string): number {
  return rows.reduce((s, v) => s + (typeof v[code] === "number" ? (v[code] as number) : 0), 0);
}

function nguon(source: SourceId, fromReport: string[], sample: string[], extra: string[] = []): SheetModel {
  const s = sourceById(source);
  const rows: (ModelCell | null)[][] = [
    [c("NGUỒN SỐ LIỆU", undefined, true)],
    [c("Nguồn:"), c(citation(source))],
    [c("Địa bàn:"), c(s.place)],
    [c("Ngày:"), c(s.date)],
    [c("Tệp nguồn:"), c(s.file)],
    [],
    [c("Số liệu lấy từ báo cáo:", undefined, true)],
    ...fromReport.map((t) => [null, c(t)]),
    [],
    [c("Số liệu mẫu (không có trong báo cáo, chỉ để thử nghiệm):", undefined, true)],
    ...sample.map((t) => [null, c(t)]),
    ...(extra.length ? [[], [c("Ghi chú:", undefined, true)], ...extra.map((t) => [null, c(t)])] : []),
  ];
  return { name: "Nguồn", rows, merges: [], widths: [34, 110] };
}

function hamTanNguon(extra: string[] = []): SheetModel {
  const T = HAM_TAN_TOTALS;
  return nguon(
    "000",
    [
      `Tổng toàn huyện (tháng 6/2012): 10 đảng bộ xã, thị trấn; ${T["party.cells"]} chi bộ trực thuộc; ${T["org.villages.with_cell"]}/${T["org.villages"]} thôn, khu phố có chi bộ; 53/53 thôn có đảng viên; ${T["org.schools.with_cell"]} chi bộ trường học; ${T["members.total"]} đảng viên; ${T["members.admitted"]} đảng viên kết nạp từ 12/2005.`,
      "Tỷ lệ đảng viên hoàn thành tốt nhiệm vụ 48%, vi phạm 1,3%; 100% chính quyền xã đạt khá trở lên.",
      `${viNumber(T["massorg.members"])} đoàn viên, hội viên (71,13% số người trong độ tuổi), cốt cán 3,85%; 10/10 xã có quy chế dân chủ; 53/53 thôn có quy ước; 85,2% hộ đạt GĐVH; 25/53 thôn văn hóa.`,
      "Cán bộ chuyên trách 104/110; công chức 119/132; không chuyên trách 168/208 và 38 người kiêm nhiệm, với các tỷ lệ trình độ chuyên môn, LLCT và nữ như báo cáo.",
      `Các số nguyên suy ra từ tỷ lệ của báo cáo (số duy nhất hoặc được chọn cho khớp tỷ lệ): ${viNumber(HAM_TAN_DERIVED_TOTALS["massorg.eligible"])} người trong độ tuổi, ${viNumber(HAM_TAN_DERIVED_TOTALS["massorg.core_activists"])} cốt cán, ${HAM_TAN_DERIVED_TOTALS["members.grade.httnv"]} đảng viên HTTNV, ${HAM_TAN_DERIVED_TOTALS["members.violations"]} đảng viên vi phạm.`,
    ],
    [
      "Cách chia các số tổng của huyện cho từng xã, thị trấn (mọi số theo xã là số mẫu).",
      `Số trường học (${HAM_TAN_SAMPLE_TOTALS["org.schools"]}), trạm y tế và trạm y tế có đảng viên (${HAM_TAN_SAMPLE_TOTALS["org.health_stations.with_members"]}/${HAM_TAN_SAMPLE_TOTALS["org.health_stations"]}).`,
      `Tổng số hộ (${viNumber(HAM_TAN_DERIVED_TOTALS["poverty.households"])}) và số hộ GĐVH (${viNumber(HAM_TAN_DERIVED_TOTALS["democracy.cultural_households"])}), chọn sao cho ra đúng 85,2%.`,
      "Cách tách cao đẳng và đại học của công chức (6 + 16 = 22) và cán bộ không chuyên trách (4 + 9 = 13): báo cáo chỉ nêu gộp.",
      "Xếp loại từng đảng bộ và từng chính quyền xã.",
    ],
    extra,
  );
}

// ── Hàm Tân: clean standard form ────────────────────────────────────────────────────────────
const HT_TITLE = "BÁO CÁO CHẤT LƯỢNG HỆ THỐNG CHÍNH TRỊ CƠ SỞ";
const HT_SUBTITLE = "Huyện Hàm Tân – tháng 6/2012";
const HT_DATE = new Date(Date.UTC(2012, 6, 10));

function countCell(v: number): ModelCell { return c(v, COUNT_FMT); }

/** One commune row's cells for `cols` (after the STT and name columns). */
function communeCells(v: Values, cols: readonly Col[]): ModelCell[] {
  return cols.map((col) => {
    switch (col.kind) {
      case "rate": return c(rateValue(v, col.code), PCT_FMT);
      case "yesno": return c(v[col.code] === 1 ? "x" : null);
      case "grade": return c(String(v[col.code]));
      default: return countCell(Number(v[col.code]));
    }
  });
}

/** The total row: SUM of the data rows (with the right cached result), rates as total ratios. */
function totalCells(rows: readonly Values[], cols: readonly Col[], firstCol: number, firstRow: number, lastRow: number, opts: { sumRows?: readonly Values[]; sumLastRow?: number } = {}): ModelCell[] {
  const sumRows = opts.sumRows ?? rows;
  const sumLast = opts.sumLastRow ?? lastRow;
  const colOf = (code: string) => columnLetters(firstCol + cols.findIndex((x) => x.code === code));
  return cols.map((col, j) => {
    const L = columnLetters(firstCol + j);
    switch (col.kind) {
      case "rate": {
        const { num, den } = ratioOf(col.code);
        return c({ formula: `${colOf(num)}{R}/${colOf(den)}{R}`, result: ratio(sumOf(sumRows, num), sumOf(sumRows, den)) }, PCT_FMT, true);
      }
      case "yesno":
        return c({ formula: `COUNTIF(${L}${firstRow}:${L}${sumLast},"x")`, result: sumRows.filter((v) => v[col.code] === 1).length }, COUNT_FMT, true);
      case "grade": return c(null);
      default:
        return c({ formula: `SUM(${L}${firstRow}:${L}${sumLast})`, result: sumOf(sumRows, col.code) }, COUNT_FMT, true);
    }
  });
}

/** Replaces the "{R}" placeholder of total-row ratio formulas by the total row's number. */
function placeRow(cells: ModelCell[], row: number): ModelCell[] {
  return cells.map((x) => (x.value && typeof x.value === "object" ? { ...x, value: { ...x.value, formula: x.value.formula.replaceAll("{R}", String(row)) } } : x));
}

function widthsFor(cols: readonly Col[], header: (col: Col) => string): number[] {
  return [5, 22, ...cols.map((col) => Math.min(28, Math.max(9, Math.ceil(header(col).length / 2) + 2)))];
}

function hamTanClean(data: UnitValues[]): WorkbookModel {
  const cols = HAM_TAN_COLUMNS;
  const ncol = cols.length + 2;
  const headerRow = 4;
  const first = headerRow + 1;
  const last = first + data.length - 1;
  const rows: (ModelCell | null)[][] = [
    [c(HT_TITLE, undefined, true)],
    [c(HT_SUBTITLE, undefined, true)],
    [],
    [c("STT", undefined, true), c("Đơn vị", undefined, true), ...cols.map((col) => c(label(col.code), undefined, true))],
    ...data.map((u, i) => [c(i + 1), c(fullName(unitByCode(u.unit)!)), ...communeCells(u.values, cols)]),
  ];
  const total = last + 1;
  rows.push([null, c("Tổng cộng", undefined, true), ...placeRow(totalCells(data.map((u) => u.values), cols, 2, first, last), total)]);
  return {
    file: "ham-tan-2012-06.xlsx",
    source: "000",
    date: HT_DATE,
    description: "Biểu chuẩn: một dòng tiêu đề cột theo nhãn của danh mục, 10 xã, thị trấn, dòng Tổng cộng có công thức SUM.",
    sheets: [
      { name: "Báo cáo", rows, merges: [`A1:${columnLetters(ncol - 1)}1`, `A2:${columnLetters(ncol - 1)}2`], widths: widthsFor(cols, (col) => label(col.code)) },
      hamTanNguon(),
    ],
    defects: [],
  };
}

// ── Hàm Tân: no diacritics, abbreviations ───────────────────────────────────────────────────
function hamTanKhongDau(data: UnitValues[]): WorkbookModel {
  const cols = HAM_TAN_COLUMNS;
  const first = 4;
  const last = first + data.length - 1;
  const rows: (ModelCell | null)[][] = [
    [c("BAO CAO CHAT LUONG HTCT CO SO - HUYEN HAM TAN, THANG 6/2012")],
    [],
    [c("STT"), c("Don vi"), ...cols.map((col) => c(col.plain))],
    ...data.map((u, i) => [
      c(i + 1),
      c(PLAIN_NAMES[u.unit]!),
      ...communeCells(u.values, cols).map((cell, j) => (cols[j]!.kind === "grade" ? c(GRADE_PLAIN[String(cell.value)]!) : cell)),
    ]),
  ];
  const total = last + 1;
  rows.push([null, c("Tong cong"), ...placeRow(totalCells(data.map((u) => u.values), cols, 2, first, last), total)]);
  return {
    file: "ham-tan-khong-dau.xlsx",
    source: "000",
    date: HT_DATE,
    description: "Cùng số liệu, tiêu đề cột và tên đơn vị gõ không dấu, viết tắt (So DV, CB chuyen trach, QCDC, TSVM).",
    sheets: [
      { name: "Bao cao", rows, merges: [], widths: widthsFor(cols, (col) => col.plain) },
      hamTanNguon(["Tiêu đề cột và tên đơn vị được gõ không dấu như thói quen của nhiều văn thư."]),
    ],
    defects: [],
  };
}

// ── Hàm Tân: merged two-row headers, column numbers ─────────────────────────────────────────
function hamTanTieuDeGop(data: UnitValues[]): WorkbookModel {
  const cols = HAM_TAN_COLUMNS;
  const ncol = cols.length + 2;
  const lastL = columnLetters(ncol - 1);
  const h1 = 7; // group header row (1-based)
  const h2 = 8;
  const first = 10;
  const last = first + data.length - 1;
  const merges: string[] = [
    "A1:E1", `${columnLetters(ncol - 8)}1:${lastL}1`, "A2:E2", `${columnLetters(ncol - 8)}2:${lastL}2`,
    `A4:${lastL}4`, `A5:${lastL}5`,
  ];
  const top: (ModelCell | null)[] = [c("STT", undefined, true), c("Đơn vị", undefined, true)];
  const sub: (ModelCell | null)[] = [null, null];
  merges.push(`A${h1}:A${h2}`, `B${h1}:B${h2}`);
  cols.forEach((col, j) => {
    const L = columnLetters(j + 2);
    if (!col.cadre) {
      top.push(c(label(col.code), undefined, true));
      sub.push(null);
      merges.push(`${L}${h1}:${L}${h2}`);
      return;
    }
    const ind = catalog.byCode.get(col.code)!;
    const isFirst = j === 0 || cols[j - 1]!.cadre?.row !== col.cadre.row;
    if (isFirst) {
      let k = j;
      while (k + 1 < cols.length && cols[k + 1]!.cadre?.row === col.cadre.row) k++;
      merges.push(`${L}${h1}:${columnLetters(k + 2)}${h1}`);
      top.push(c(ind.dims!.rowLabel.vi, undefined, true));
    } else top.push(null);
    sub.push(c(ind.dims!.measureLabel.vi, undefined, true));
  });
  const rows: (ModelCell | null)[][] = [
    [c("HUYỆN ỦY HÀM TÂN", undefined, true), null, null, null, null, ...new Array<null>(ncol - 13).fill(null), c("ĐẢNG CỘNG SẢN VIỆT NAM", undefined, true)],
    [c("*"), null, null, null, null, ...new Array<null>(ncol - 13).fill(null), c("Hàm Tân, ngày 10 tháng 7 năm 2012")],
    [],
    [c(HT_TITLE, undefined, true)],
    [c(`(${HT_SUBTITLE})`)],
    [],
    top,
    sub,
    Array.from({ length: ncol }, (_, j) => c(`(${j + 1})`)),
    ...data.map((u, i) => [c(i + 1), c(fullName(unitByCode(u.unit)!)), ...communeCells(u.values, cols)]),
  ];
  const total = last + 1;
  rows.push([null, c("Tổng cộng", undefined, true), ...placeRow(totalCells(data.map((u) => u.values), cols, 2, first, last), total)]);
  rows.push([]);
  rows.push([null, c("Người lập biểu"), ...new Array<null>(ncol - 10).fill(null), c("T/M BAN THƯỜNG VỤ")]);
  return {
    file: "ham-tan-tieu-de-gop.xlsx",
    source: "000",
    date: HT_DATE,
    description: "Cùng số liệu, có quốc hiệu, tiêu đề, tiêu đề cột hai tầng gộp ô cho khối cán bộ, dòng đánh số cột (1) (2) (3)… và phần ký tên.",
    sheets: [
      { name: "Biểu 01", rows, merges, widths: widthsFor(cols, (col) => (col.cadre ? catalog.byCode.get(col.code)!.dims!.measureLabel.vi : label(col.code))) },
      hamTanNguon(),
    ],
    defects: [],
  };
}

// ── Hàm Tân: numbers typed as text ──────────────────────────────────────────────────────────
function hamTanSoDangChu(data: UnitValues[]): WorkbookModel {
  const PAIR = "Thôn có chi bộ/Tổng số thôn";
  // The pair column replaces the two count columns it is made of.
  const cols = HAM_TAN_COLUMNS.filter((col) => col.code !== "org.villages");
  const headers = cols.map((col) => (col.code === "org.villages.with_cell" ? PAIR : label(col.code)));
  const text = (v: Values, col: Col): ModelCell => {
    const x = v[col.code];
    switch (col.kind) {
      case "rate": {
        const { num, den } = ratioOf(col.code);
        return c(viPercent(Number(v[num]), Number(v[den])));
      }
      case "yesno": return c(x === 1 ? "x" : "-");
      case "grade": return c(String(x));
      default:
        if (col.code === "org.villages.with_cell") return c(`${v["org.villages.with_cell"]}/${v["org.villages"]}`);
        // Clerks type a dash for "none", which readers take as missing: harmless for sums.
        if (x === 0 && col.code === "cadres.ft.llct_caocap") return c("-");
        return c(viNumber(Number(x)));
    }
  };
  const totals: Values = {};
  for (const col of HAM_TAN_COLUMNS) if (col.kind === "count" || col.kind === "yesno") totals[col.code] = sumOf(data.map((u) => u.values), col.code);
  const rows: (ModelCell | null)[][] = [
    [c(HT_TITLE, undefined, true)],
    [c(HT_SUBTITLE)],
    [c("STT", undefined, true), c("Đơn vị", undefined, true), ...headers.map((h) => c(h, undefined, true))],
    ...data.map((u, i) => [c(String(i + 1)), c(fullName(unitByCode(u.unit)!)), ...cols.map((col) => text(u.values, col))]),
    [null, c("Tổng cộng", undefined, true), ...cols.map((col) => {
      if (col.kind === "grade") return c(null);
      if (col.kind === "yesno") return c(String(totals[col.code]));
      return text(totals, col);
    })],
  ];
  return {
    file: "ham-tan-so-dang-chu.xlsx",
    source: "000",
    date: HT_DATE,
    description: "Cùng số liệu, mọi số gõ dạng chữ kiểu Việt Nam (47.200; 98,11%), dấu - cho ô trống, cột ghép \"Thôn có chi bộ/Tổng số thôn\" dạng 52/53.",
    sheets: [
      { name: "Báo cáo", rows, merges: [], widths: [5, 22, ...headers.map((h) => Math.min(28, Math.max(9, Math.ceil(h.length / 2) + 2)))] },
      hamTanNguon(["Ô có dấu - ở cột LLCT cao cấp của cán bộ chuyên trách nghĩa là không có ai (0)."]),
    ],
    defects: [],
  };
}

// ── Hàm Tân: a clerk's mistakes ─────────────────────────────────────────────────────────────
function hamTanTongSai(data: UnitValues[]): WorkbookModel {
  const cols = HAM_TAN_COLUMNS;
  const headerRow = 3;
  const first = headerRow + 1;
  const colL = (code: string) => columnLetters(2 + cols.findIndex((x) => x.code === code));
  // Rows as typed: Sơn Mỹ twice, Tân Phúc misspelt, one HTTNV count above the commune's members.
  const typed: Array<{ unit: string; name: string; values: Values }> = [];
  for (const u of data) {
    const values = { ...u.values };
    let name = fullName(unitByCode(u.unit)!);
    if (u.unit === "BTH-HTN-07") name = "Xã Tâm Phúc";
    if (u.unit === "BTH-HTN-06") values["members.grade.httnv"] = Number(values["members.total"]) + 4;
    typed.push({ unit: u.unit, name, values });
    if (u.unit === "BTH-HTN-03") typed.push({ unit: u.unit, name, values: { ...values } });
  }
  const last = first + typed.length - 1;
  const rateCode = "org.villages.with_cell_rate";
  const { num, den } = ratioOf(rateCode);
  const divRow = first + typed.findIndex((t) => t.unit === "BTH-HTN-10");
  const rows: (ModelCell | null)[][] = [
    [c(HT_TITLE, undefined, true)],
    [c(HT_SUBTITLE)],
    [c("STT", undefined, true), c("Đơn vị", undefined, true), ...cols.map((col) => c(label(col.code), undefined, true))],
    ...typed.map((t, i) => {
      const r = first + i;
      const cells = communeCells(t.values, cols);
      const k = cols.findIndex((x) => x.code === rateCode);
      // Rates are formulas here; one points at an empty column, as after a careless column delete.
      cells[k] = r === divRow
        ? c({ formula: `${colL(num)}${r}/AZ${r}`, result: { error: "#DIV/0!" } }, PCT_FMT)
        : c({ formula: `${colL(num)}${r}/${colL(den)}${r}`, result: ratio(Number(t.values[num]), Number(t.values[den])) }, PCT_FMT);
      return [c(i + 1), c(t.name), ...cells];
    }),
  ];
  const total = last + 1;
  // The SUM ranges stop one row short, so the last commune is left out of every total.
  const summed = typed.slice(0, -1).map((t) => t.values);
  rows.push([null, c("Toàn huyện", undefined, true), ...placeRow(totalCells(typed.map((t) => t.values), cols, 2, first, last, { sumRows: summed, sumLastRow: last - 1 }), total)]);
  const dupRows = typed.map((t, i) => (t.unit === "BTH-HTN-03" ? `B${first + i}` : null)).filter((x): x is string => x !== null);
  const httnvRow = first + typed.findIndex((t) => t.unit === "BTH-HTN-06");
  return {
    file: "ham-tan-tong-sai.xlsx",
    source: "000",
    date: HT_DATE,
    description: "Cùng số liệu nhưng có lỗi: dòng Toàn huyện cộng thiếu xã cuối, tên xã gõ sai, một xã lặp hai dòng, một ô #DIV/0!, số đảng viên HTTNV lớn hơn tổng số đảng viên.",
    sheets: [
      { name: "Báo cáo", rows, merges: [], widths: widthsFor(cols, (col) => label(col.code)) },
      hamTanNguon(["Tệp này cố ý chứa lỗi để thử bộ kiểm tra; xem mô tả lỗi trong seeds/layouts.ts."]),
    ],
    defects: [
      { kind: "total_mismatch", cells: [`C${total}`], note: `SUM ranges end at row ${last - 1}: the last commune (Thắng Hải, row ${last}) is left out of every total` },
      { kind: "misspelled_unit", cells: [`B${first + typed.findIndex((t) => t.unit === "BTH-HTN-07")}`], note: "\"Xã Tâm Phúc\" for Tân Phúc" },
      { kind: "duplicate_unit", cells: dupRows, note: "Sơn Mỹ appears twice with the same values" },
      { kind: "formula_error", cells: [`${colL(rateCode)}${divRow}`], note: "#DIV/0!: the rate formula divides by an empty column" },
      { kind: "part_exceeds_whole", cells: [`${colL("members.grade.httnv")}${httnvRow}`, `${colL("members.total")}${httnvRow}`], note: "Tân Hà: members graded HTTNV exceed its members" },
    ],
  };
}

// ── Lai Châu province, start of 2019 ────────────────────────────────────────────────────────
function laiChau(): WorkbookModel {
  const data = laiChauDistrictValues();
  const counts: Array<[string, string]> = [
    ["party.dang_bo", "Số đảng bộ xã, phường, thị trấn"],
    ["members.total", label("members.total")],
    ["party.cells", label("party.cells")],
    ["party.committee_members", label("party.committee_members")],
    ["cadres.cbcc.in_post", label("cadres.cbcc.in_post")],
    ["grades.base_org.tsvm", "Xếp loại đảng bộ TSVM"],
  ];
  const rates: Array<[keyof typeof LAI_CHAU_REPORTED_RATES, string]> = [
    ["grades.base_org.tsvm_rate", label("grades.base_org.tsvm_rate")],
    ["grades.cells.tsvm_rate", label("grades.cells.tsvm_rate")],
  ];
  const ncol = 2 + counts.length + rates.length;
  const headerRow = 4;
  const first = headerRow + 1;
  const last = first + data.length - 1;
  const rows: (ModelCell | null)[][] = [
    [c("TÌNH HÌNH HỆ THỐNG CHÍNH TRỊ CƠ SỞ TỈNH LAI CHÂU", undefined, true)],
    [c("Đầu năm 2019")],
    [],
    [c("STT", undefined, true), c("Đơn vị", undefined, true), ...counts.map(([, h]) => c(h, undefined, true)), ...rates.map(([, h]) => c(h, undefined, true))],
    ...data.map((u, i) => [
      c(i + 1),
      c(fullName(LAI_CHAU_DISTRICT_UNITS[i]!)),
      ...counts.map(([code]) => countCell(Number(u.values[code]))),
      // District rates: the base-organisation rate follows from the counts; the cell rate is only known province-wide.
      c(ratio(Number(u.values["grades.base_org.tsvm"]), Number(u.values["party.dang_bo"])), PCT_FMT),
      c(null),
    ]),
  ];
  const total = last + 1;
  rows.push([
    null, c("Toàn tỉnh", undefined, true),
    ...counts.map(([code], j) => {
      const L = columnLetters(2 + j);
      return c({ formula: `SUM(${L}${first}:${L}${last})`, result: sumOf(data.map((u) => u.values), code) }, COUNT_FMT, true);
    }),
    // As printed in the report, not recomputed: 44.09% is the GRIM case.
    ...rates.map(([code]) => c(LAI_CHAU_REPORTED_RATES[code] / 100, PCT_FMT, true)),
  ]);
  const T = LAI_CHAU_TOTALS;
  return {
    file: "lai-chau-2019.xlsx",
    source: "003",
    date: new Date(Date.UTC(2019, 0, 15)),
    description: "Biểu cấp tỉnh: 8 huyện, thành phố; dòng Toàn tỉnh cộng đúng các số của báo cáo và ghi hai tỷ lệ như báo cáo (24,07%, 44,09%).",
    sheets: [
      { name: "Báo cáo", rows, merges: [`A1:${columnLetters(ncol - 1)}1`, `A2:${columnLetters(ncol - 1)}2`], widths: [5, 22, ...new Array<number>(ncol - 2).fill(16)] },
      nguon(
        "003",
        [
          `Tổng toàn tỉnh: ${T["party.dang_bo"]} đảng bộ xã, phường, thị trấn; ${viNumber(T["members.total"])} đảng viên; ${viNumber(T["party.cells"])} chi bộ trực thuộc; ${viNumber(T["party.committee_members"])} cấp ủy viên; ${viNumber(T["cadres.cbcc.in_post"])} cán bộ, công chức.`,
          "Tỷ lệ đảng bộ xã đạt TSVM 24,07% và chi bộ trực thuộc đạt TSVM 44,09%, ghi đúng như báo cáo ở dòng Toàn tỉnh.",
          `Số đảng bộ đạt TSVM (${LAI_CHAU_DERIVED_TOTALS["grades.base_org.tsvm"]}) suy ra từ 24,07% của 108: là số nguyên duy nhất cho ra tỷ lệ đó.`,
        ],
        [
          "Cách chia các số tổng của tỉnh cho từng huyện, thành phố (mọi số theo huyện là số mẫu).",
        ],
        ["44,09% không thể có được từ 1.716 chi bộ (756 chi bộ cho 44,06%, 757 cho 44,11%): bộ kiểm tra cần báo lỗi này."],
      ),
    ],
    defects: [
      { kind: "rate_unattainable", cells: [`${columnLetters(2 + counts.length + 1)}${total}`], note: "44.09% of 1,716 cells: no whole number of cells gives it (GRIM)" },
    ],
  };
}

/** Every sample workbook, in a fixed order. */
export function workbookModels(): WorkbookModel[] {
  const data = hamTanCommuneValues();
  if (data.map((u) => u.unit).join() !== HAM_TAN_COMMUNES.map((u) => u.code).join()) throw new Error("Hàm Tân data out of registry order");
  return [hamTanClean(data), hamTanKhongDau(data), hamTanTieuDeGop(data), hamTanSoDangChu(data), hamTanTongSai(data), laiChau()];
}
