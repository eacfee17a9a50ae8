import type { Catalog } from "../catalog/catalog.ts";
import { getCatalog } from "../catalog/catalog.ts";
import { catalogFor } from "../catalog/by-period.ts";
import { GROUP_LABELS } from "../catalog/groups.ts";
import type { Group } from "../catalog/schema.ts";
import type { Lang } from "../model.ts";
import { asCellText as asText } from "../annotate/cell-text.ts";
import { rollupUnits, type RollupResponse } from "../contract/rollups.ts";
import { ATTAINED_WORDS, attained, formatFigure, isRateCode, RATE_DECIMALS, targetInWords } from "./figures.ts";
import { periodInWords, previousPeriod } from "./period-words.ts";
import { comparisonRows, earlierPeriod, type Comparable, type ComparisonRow, type EarlierPeriod } from "./rollup-comparison.ts";
import { statusWithApproval, unitDeadlines, vietnamTime } from "./unit-status.ts";
import { headerHeight, planPrint, type PrintPlan } from "./print-plan.ts";

/**
 * The province rollup as a sheet a person can read and print: a title with the province and the
 * period in words, one row per reporting unit by name with its status, version and time, the
 * indicators under their catalog groups, rates as percentages at the precision they are computed
 * to, the province total, the comparison with the previous period and a year earlier, and the
 * targets in words. Presentation only: every number comes from the API's rollups. Whichever host
 * writes it (Office.js in the add-in, exceljs in the CLI) places the blocks at the rows given
 * here. Text that Excel could read as a formula is marked as text (asText), which is how Office.js
 * writes text; exceljs writers strip the mark since they always write text.
 */
export { ROLLUP_SHEET } from "./sheet-names.ts";
export const ROLLUP_TABLE = "HTCT_TongHopTinh";
/** Excel's "good" and "bad" fills, for targets met and missed. */
export const MET_FILL = "#C6EFCE";
export const MISSED_FILL = "#FFC7CE";

type Cell = string | number;
export type { ComparisonRow };

export interface RollupLayout {
  /** Title lines from row 0: the heading, the period and refresh time, completeness. */
  title: string[];
  /** 0-based sheet row of the group headings; the table header is the row below. */
  groupRow: number;
  groups: { label: string; from: number; to: number }[];
  headerRow: number;
  header: string[];
  /** Indicator code per column (null for the descriptive columns). */
  codes: (string | null)[];
  formats: string[];
  /** From headerRow + 1. */
  rows: Cell[][];
  /** The row after the units (after one blank row when there are no units). */
  totalRow: number;
  total: Cell[];
  /** 0-based row within `rows` (or -1 for the total row) and column, with whether the target is met. */
  highlights: { row: number; col: number; met: boolean }[];
  /** For each earlier period its figures by unit and for the province, then the change; then notes. From `comparisonRow`. */
  comparisonRow: number;
  comparisons: ComparisonRow[];
  targetRow: number;
  /** The targets in words; `resultCol` is the column saying whether each is met (filled as attained). */
  targets: { header: string[]; rows: Cell[][]; met: (boolean | null)[]; resultCol: number };
  /** The first free row below everything (where a chart may go). */
  endRow: number;
  chart: { title: string; col: number } | null;
  /** A4 landscape, fitted to one page wide, the group and header rows repeated on every page. */
  print: { orientation: "landscape"; paper: "A4"; fitToWidth: true; repeatRows: [number, number] };
  /** Rows and columns kept in view while scrolling (through the header, and the unit names). */
  freeze: { rows: number; columns: number };
  /** Column widths in characters. */
  widths: number[];
  /** Machine columns (the unit codes) kept for whoever reads the sheet by code, hidden from readers and from print. */
  hidden: number[];
  /** How it prints: fitted to one width when that keeps 8 pt, else groups of columns with the unit column repeated. */
  plan: PrintPlan;
  /** Points the header row needs for its labels wrapped, none clipped. */
  headerHeight: number;
}

/**
 * The unit columns' header. The last ("reported / expected" of the communes) is named by the
 * period's structure through the catalog's own label of org.communes, as the indicator columns
 * are: "Số xã, phường, đặc khu đã báo cáo" from July 2025, "Số xã, phường, thị trấn đã báo cáo"
 * before (never "Xã" alone, which leaves out wards and special zones).
 */
function unitHead(catalog: Catalog, lang: Lang): string[] {
  const communes = catalog.byCode.get("org.communes")?.label[lang] ?? (lang === "vi" ? "Số xã" : "Communes");
  return lang === "vi"
    ? ["Đơn vị", "Mã", "Tình trạng", "Phiên bản", "Gửi lúc (giờ Việt Nam)", `${communes} đã báo cáo`]
    : ["Unit", "Code", "Status", "Version", "Submitted (Vietnam time)", `${communes} reported`];
}
const TARGET_HEAD: Record<Lang, string[]> = {
  vi: ["Mục tiêu", "Mã", "Đơn vị", "Thực hiện", "Kết quả", "Nguồn"],
  en: ["Target", "Code", "Unit", "Achieved", "Result", "Source"],
};
/** "Kết quả" in the targets' block. */
const TARGET_RESULT_COL = 4;
const TOTAL: Record<Lang, string> = { vi: "Toàn tỉnh", en: "Province total" };
/** The unit code column ("Mã"): readers find units by name under "Đơn vị". */
const CODE_COL = 1;
export const RATE_FORMAT = `0.${"0".repeat(RATE_DECIMALS)}%`;
const COUNT_FORMAT = "#,##0";
const POINTS_FORMAT: Record<Lang, string> = {
  vi: `+0.${"0".repeat(RATE_DECIMALS)}" điểm %";-0.${"0".repeat(RATE_DECIMALS)}" điểm %";0`,
  en: `+0.${"0".repeat(RATE_DECIMALS)}" pp";-0.${"0".repeat(RATE_DECIMALS)}" pp";0`,
};
const CHANGE_FORMAT = "+#,##0;-#,##0;0";

/** Rates come as 0–100; Excel percentages are fractions shown with a % format. */
export const cellValue = (catalog: Catalog, code: string, v: number | undefined): Cell => (v === undefined ? "" : isRateCode(catalog, code) ? v / 100 : v);

/** A rate as a percentage at its computed precision, a count with thousands, anything else as it is. */
export const indicatorFormat = (catalog: Catalog, c: string): string => (isRateCode(catalog, c) ? RATE_FORMAT : catalog.byCode.get(c)?.type === "count" ? COUNT_FORMAT : "#,##0.##");

export interface IndicatorColumns {
  codes: string[];
  labels: string[];
  formats: string[];
  /** Catalog group headings over their columns, counted from the sheet's first column. */
  groups: { label: string; from: number; to: number }[];
}

/**
 * The indicators that have a value somewhere, in catalog order, with their labels, formats and
 * catalog group headings, placed from column `offset`: the indicator columns of every sheet that
 * lays units out against indicators (the rollup, a unit's detail).
 */
export function indicatorColumns(catalog: Catalog, present: ReadonlySet<string>, lang: Lang, offset: number): IndicatorColumns {
  const codes = catalog.indicators.map((i) => i.code).filter((c) => present.has(c));
  const groups: IndicatorColumns["groups"] = [];
  codes.forEach((c, i) => {
    const g = (catalog.byCode.get(c)?.group ?? "org") as Group;
    const text = GROUP_LABELS[g]?.[lang] ?? g;
    const last = groups.at(-1);
    if (last && last.label === text) last.to = offset + i;
    else groups.push({ label: text, from: offset + i, to: offset + i });
  });
  return { codes, labels: codes.map((c) => catalog.byCode.get(c)?.label[lang] ?? c), formats: codes.map((c) => indicatorFormat(catalog, c)), groups };
}

export interface RollupLayoutOptions {
  catalog?: Catalog;
  /**
   * The previous period of the same kind and the same period a year earlier, when they have data:
   * best in this period's units (GET rollups/{p}/{period}/in/{units}), so reorganised units compare
   * with their predecessors; a plain rollup compares the units that existed then.
   */
  previous?: Comparable | null;
  yearEarlier?: Comparable | null;
}

/** Lays the rollup out as rows and formats: presentation only, every number comes from the API. */
export function layoutRollup(rollup: RollupResponse, lang: Lang, opts: RollupLayoutOptions | Catalog = {}): RollupLayout {
  const o: RollupLayoutOptions = "byCode" in opts ? { catalog: opts as Catalog } : opts;
  // Labels of the period's structure ("Số xã, phường, đặc khu" from July 2025, no thị trấn).
  const catalog = catalogFor(o.catalog ?? getCatalog(), rollup.period);
  const vi = lang === "vi";
  const present = new Set<string>([...Object.keys(rollup.totals), ...rollupUnits(rollup).flatMap((d) => Object.keys(d.values))]);
  const head = unitHead(catalog, lang);
  const cols = indicatorColumns(catalog, present, lang, head.length);
  const { codes, groups } = cols;
  const label = (code: string) => catalog.byCode.get(code)?.label[lang] ?? code;
  const width = head.length + codes.length;
  const header = [...head, ...cols.labels];
  const indFormat = (c: string) => indicatorFormat(catalog, c);
  const formats = [...head.map((_, i) => (i === 3 ? "0" : "@")), ...cols.formats];

  const cmp = rollup.completeness;
  // The units' deadlines, the status sheet's own: one deadline per period in every output.
  const due = unitDeadlines(rollupUnits(rollup), lang);
  const title = [
    vi ? `TỔNG HỢP CHỈ TIÊU HỆ THỐNG CHÍNH TRỊ CƠ SỞ — ${rollup.name.toLocaleUpperCase("vi")}` : `GRASSROOTS POLITICAL SYSTEM INDICATORS — ${rollup.name}`,
    vi ? `${periodInWords(rollup.period, lang)} · số liệu cập nhật lúc ${vietnamTime(rollup.computedAt)} (giờ Việt Nam)${due ? ` · hạn nộp ${due}` : ""}${rollup.locked ? " · đã khóa sổ" : ""}`
      : `${periodInWords(rollup.period, lang)} · refreshed ${vietnamTime(rollup.computedAt)} (Vietnam time)${due ? ` · due ${due}` : ""}${rollup.locked ? " · locked" : ""}`,
    vi ? `Đã nhận báo cáo của ${cmp.unitsReported}/${cmp.unitsExpected} đơn vị, ${cmp.communesReported}/${cmp.communesExpected} xã`
      : `Reports received from ${cmp.unitsReported} of ${cmp.unitsExpected} units, ${cmp.communesReported} of ${cmp.communesExpected} communes`,
  ];
  // A period before the province existed: nobody reported; what the figures rest on, and whose are missing.
  if (rollup.reconstructed) title[2] = rollup.reconstructed.note[lang];
  // Approved data only: said where the completeness is, so the total is never read as everyone's.
  if (rollup.approvedOnly) title[2] += vi ? ` · chỉ tính số liệu đã duyệt: ${cmp.unitsCounted ?? 0}/${cmp.unitsExpected} đơn vị` : ` · approved data only: ${cmp.unitsCounted ?? 0} of ${cmp.unitsExpected} units`;
  const groupRow = title.length + 1;
  const headerRow = groupRow + 1;

  const rows = rollupUnits(rollup).map((d) => [
    d.name, d.unit, statusWithApproval(d, rollup.dueAt, lang), d.submitted ? d.version : "",
    d.lastSubmittedAt ? vietnamTime(d.lastSubmittedAt) : "", `${d.communesReported}/${d.communesExpected}`,
    ...codes.map((c) => cellValue(catalog, c, d.values[c])),
  ]);
  const totalRow = headerRow + 1 + Math.max(rows.length, 1);
  const total = [TOTAL[lang], rollup.province, `${cmp.unitsReported}/${cmp.unitsExpected}`, "", "", `${cmp.communesReported}/${cmp.communesExpected}`, ...codes.map((c) => cellValue(catalog, c, rollup.totals[c]))];

  // Each earlier period in this period's units: a reorganised unit's figures are its predecessors'.
  const compared: { what: string; other: EarlierPeriod }[] = [];
  // The previous period may be an earlier one when the one just before has no figures (comparisonPeriods).
  const justBefore = o.previous && o.previous.period === previousPeriod(rollup.period);
  if (o.previous) compared.push({ what: justBefore ? (vi ? "Kỳ trước" : "Previous period") : vi ? "Kỳ gần nhất có số liệu" : "Latest period with figures", other: earlierPeriod(o.previous, lang) });
  if (o.yearEarlier && o.yearEarlier.period !== o.previous?.period) compared.push({ what: vi ? "Cùng kỳ năm trước" : "A year earlier", other: earlierPeriod(o.yearEarlier, lang) });
  const comparisons = compared.length ? comparisonRows({
    catalog, lang, rollup, codes, lead: head.length, indFormat, cellValue: (c, v) => cellValue(catalog, c, v),
    changeFormat: (c) => (isRateCode(catalog, c) ? POINTS_FORMAT[lang] : CHANGE_FORMAT),
  }, compared) : [];
  const comparisonRow = totalRow + 2;

  const highlights: RollupLayout["highlights"] = [];
  for (const tg of rollup.targets) {
    const col = codes.indexOf(tg.indicator);
    if (col < 0 || tg.met === null) continue;
    const row = tg.scope === rollup.province ? -1 : rollupUnits(rollup).findIndex((d) => d.unit === tg.scope);
    if (row === -1 && tg.scope !== rollup.province) continue;
    highlights.push({ row, col: head.length + col, met: tg.met });
  }
  const scopeName = (s: string) => (s === rollup.province ? rollup.name : rollupUnits(rollup).find((d) => d.unit === s)?.name ?? s);
  const targets = {
    header: TARGET_HEAD[lang],
    rows: rollup.targets.map((tg) => [
      // The scope's code rides in the hidden code column (B), its name under "Đơn vị".
      targetInWords(catalog, { indicator: tg.indicator, op: tg.op, value: tg.target }, lang), tg.scope, scopeName(tg.scope),
      tg.actual === null ? "" : formatFigure(catalog, tg.indicator, tg.actual, lang), ATTAINED_WORDS[lang][attained(tg.met)], tg.source[lang],
    ]),
    met: rollup.targets.map((tg) => tg.met),
  };
  const targetRow = comparisonRow + (comparisons.length ? comparisons.length + 1 : 0);
  const endRow = targetRow + (targets.rows.length ? targets.rows.length + 2 : 0);
  const rateCol = codes.findIndex((c) => catalog.byCode.get(c)?.kind === "ratio");
  const chart = rateCol >= 0 ? { title: label(codes[rateCol]!), col: head.length + rateCol } : null;
  const widths = [28, 12, 20, 9, 18, 10, ...codes.map(() => 14)].slice(0, width);
  // Every text cell through asText at this one point, whatever field it came from (a registry
  // name, a target's source, a status word), so no column can be missed.
  const safe = (row: Cell[]): Cell[] => row.map((c) => (typeof c === "string" ? asText(c) : c));
  return {
    title: safe(title) as string[], groupRow, groups: groups.map((g) => ({ ...g, label: asText(g.label) })), headerRow,
    header: safe(header) as string[], codes: [...head.map(() => null), ...codes], formats, rows: rows.map(safe), totalRow, total: safe(total), highlights,
    comparisonRow, comparisons: comparisons.map((c) => ({ ...c, label: asText(c.label), values: safe(c.values) })),
    targetRow, targets: { header: safe(targets.header) as string[], rows: targets.rows.map(safe), met: targets.met, resultCol: TARGET_RESULT_COL }, endRow,
    chart: chart && { ...chart, title: asText(chart.title) },
    print: { orientation: "landscape", paper: "A4", fitToWidth: true, repeatRows: [groupRow, headerRow] },
    freeze: { rows: headerRow + 1, columns: 1 },
    widths, hidden: [CODE_COL],
    plan: planPrint({ widths, hidden: [CODE_COL], groups, lead: 1, repeatRows: [groupRow, headerRow], orientation: "landscape" }, lang),
    headerHeight: headerHeight(header, widths),
  };
}
