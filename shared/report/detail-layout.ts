import type { Catalog } from "../catalog/catalog.ts";
import { getCatalog } from "../catalog/catalog.ts";
import { catalogFor } from "../catalog/by-period.ts";
import type { Lang } from "../model.ts";
import { asCellText as asText } from "../annotate/cell-text.ts";
import type { ApprovalStep } from "../contract/approvals.ts";
import type { DetailResponse, DetailVersion } from "../contract/details.ts";
import { levelLabel } from "../registry/levels.ts";
import { periodInWords } from "./period-words.ts";
import { cellValue, indicatorColumns, type IndicatorColumns } from "./rollup-layout.ts";
import { vietnamTime } from "./unit-status.ts";
import { headerHeight, planPrint, type PrintPlan } from "./print-plan.ts";

/**
 * A unit drilled into, as a sheet a person can read and print: a title with the unit, the
 * period in words and when the figures were read; the units below it against the indicators,
 * grouped and formatted as the rollup sheet is (rates as percentages at their computed
 * precision), the unit's total; then the submission history, newest first: version, time,
 * who, which file, the approval steps on it, and each value it changed, old → new. Presentation
 * only, from the detail route. Text is marked as Office.js writes it (asText); exceljs writers
 * strip the mark.
 */
export const DETAIL_SHEET_PREFIX: Record<Lang, string> = { vi: "Chi tiết", en: "Detail" };

type Cell = string | number;

export interface DetailLayout {
  title: string[];
  groupRow: number;
  groups: IndicatorColumns["groups"];
  headerRow: number;
  header: string[];
  codes: (string | null)[];
  formats: string[];
  /** From headerRow + 1, one per unit below; `depth` 1 for the units straight below. */
  rows: Cell[][];
  depths: number[];
  totalRow: number;
  total: Cell[];
  /** The history's heading row; its table header is the row below and its rows follow. */
  historyRow: number;
  historyTitle: string;
  historyHeader: string[];
  history: Cell[][];
  /** One format per history cell: a value changed is text when the clerk wrote text. */
  historyFormats: string[][];
  /** Row within `history` where each version starts (for a bold first line or a border). */
  versionStarts: number[];
  endRow: number;
  print: { orientation: "landscape"; paper: "A4"; fitToWidth: true; repeatRows: [number, number] };
  freeze: { rows: number; columns: number };
  widths: number[];
  /** How it prints: one page wide only at 8 pt or more, else groups of columns with the unit column repeated. */
  plan: PrintPlan;
  /** Machine columns (the unit codes), hidden from readers and from print. */
  hidden: number[];
  /** The header row's height in points, so that no label is clipped. */
  headerHeight: number;
}

const HEAD: Record<Lang, string[]> = {
  vi: ["Đơn vị", "Mã", "Cấp", "Số liệu"],
  en: ["Unit", "Code", "Level", "Data"],
};
/**
 * The unit code column ("Mã", B): a machine column, hidden on screen and in print, in both tables
 * (the units' code above, the changed value's unit below), so readers find units by name under
 * "Đơn vị" and the pane's "Xem chi tiết dòng đang chọn" still reads a code in column B.
 */
const CODE_COL = 1;
const HISTORY_HEAD: Record<Lang, string[]> = {
  vi: ["Phiên bản", "Mã", "Gửi lúc (giờ Việt Nam)", "Người gửi", "Tệp, trang tính", "Tình trạng", "Đơn vị", "Chỉ tiêu", "Giá trị cũ", "Giá trị mới"],
  en: ["Version", "Code", "Submitted (Vietnam time)", "Submitted by", "Workbook, sheet", "Status", "Unit", "Indicator", "Old value", "New value"],
};
const STEP_WORDS: Record<Lang, Record<ApprovalStep["step"], string>> = {
  vi: { complete: "Đơn vị xác nhận hoàn thành", approve: "Tỉnh đã duyệt", return: "Tỉnh trả lại", reopen: "Tỉnh mở lại để sửa" },
  en: { complete: "Marked complete by the unit", approve: "Approved by the province", return: "Returned by the province", reopen: "Reopened by the province" },
};

/** A version's status in words: its approval steps, oldest first, or that it was received. */
function versionStatus(v: DetailVersion, lang: Lang, who: (login: string) => string): string {
  if (!v.steps.length) return lang === "vi" ? "Đã nhận" : "Received";
  return [...v.steps].reverse().map((s) => `${STEP_WORDS[lang][s.step]} ${vietnamTime(s.at)} (${who(s.by)})${s.comment ? `: ${s.comment}` : ""}`).join("; ");
}

/** An old or new value as the clerk's workbook held it; a blank is said, not left empty. */
function valueCell(v: number | string | null, lang: Lang, side: "old" | "new"): { value: Cell; format: string } {
  if (v === null) return { value: lang === "vi" ? (side === "old" ? "(chưa có)" : "(xóa)") : side === "old" ? "(none)" : "(cleared)", format: "@" };
  return typeof v === "number" ? { value: v, format: "General" } : { value: v, format: "@" };
}

export function layoutDetail(d: DetailResponse, lang: Lang, base: Catalog = getCatalog()): DetailLayout {
  // Labels of the period's structure, as on the rollup sheet.
  const catalog = catalogFor(base, d.period);
  const vi = lang === "vi";
  // People by name (the server's, from the assignments); a login only when no name is known.
  const who = (login: string) => d.people?.[login] ?? login;
  const present = new Set<string>([...Object.keys(d.total.values), ...d.rows.flatMap((r) => Object.keys(r.values))]);
  const head = HEAD[lang];
  const cols = indicatorColumns(catalog, present, lang, head.length);
  const header = [...head, ...cols.labels];
  const formats = [...head.map(() => "@"), ...cols.formats];
  const through = d.reportingUnit === d.unit ? "" : vi ? ` · báo cáo qua ${d.reportingUnitName}` : ` · reported through ${d.reportingUnitName}`;
  const title = [
    vi ? `CHI TIẾT SỐ LIỆU — ${d.name.toLocaleUpperCase("vi")} (${d.provinceName})` : `UNIT DETAIL — ${d.name} (${d.provinceName})`,
    vi ? `${periodInWords(d.period, lang)} · số liệu đọc lúc ${vietnamTime(d.computedAt)} (giờ Việt Nam)${through}`
      : `${periodInWords(d.period, lang)} · read ${vietnamTime(d.computedAt)} (Vietnam time)${through}`,
    d.version
      ? vi ? `Phiên bản ${d.version}, gửi lúc ${vietnamTime(d.lastSubmittedAt ?? d.computedAt)}${d.lastUser ? ` bởi ${who(d.lastUser)}` : ""}`
        : `Version ${d.version}, submitted ${vietnamTime(d.lastSubmittedAt ?? d.computedAt)}${d.lastUser ? ` by ${who(d.lastUser)}` : ""}`
      : vi ? `${d.reportingUnitName} chưa gửi báo cáo kỳ này` : `${d.reportingUnitName} has not reported for this period`,
  ];
  const groupRow = title.length + 1;
  const headerRow = groupRow + 1;
  const dataWord = (reported: boolean) => (reported ? (vi ? "Có" : "Yes") : vi ? "Chưa có" : "None");
  // Units further down are indented under their parent, as a report's list would be.
  const rows = d.rows.map((r) => [
    `${"    ".repeat(r.depth - 1)}${r.name}`, r.unit, levelLabel(r.level, lang), dataWord(r.reported),
    ...cols.codes.map((c) => cellValue(catalog, c, r.values[c])),
  ]);
  const totalRow = headerRow + 1 + Math.max(rows.length, 1);
  const total: Cell[] = [vi ? `Cộng ${d.name}` : `Total ${d.name}`, d.unit, levelLabel(d.level, lang), dataWord(d.total.reported), ...cols.codes.map((c) => cellValue(catalog, c, d.total.values[c]))];

  const names = new Map<string, string>([[d.unit, d.name], ...d.rows.map((r): [string, string] => [r.unit, r.name])]);
  const label = (code: string) => catalog.byCode.get(code)?.label[lang] ?? code;
  const history: Cell[][] = [];
  const historyFormats: string[][] = [];
  const versionStarts: number[] = [];
  const TEXT = HISTORY_HEAD[lang].map(() => "@");
  for (const v of d.history) {
    versionStarts.push(history.length);
    const lead: Cell[] = [vietnamTime(v.at), who(v.user), `${v.source.workbook} · ${v.source.sheet}`, versionStatus(v, lang, who)];
    const blank: Cell[] = lead.map(() => "");
    if (!v.changes.length) {
      history.push([v.version, d.reportingUnit, ...lead, "", vi ? "Không thay đổi giá trị nào" : "No value changed", "", ""]);
      historyFormats.push(["0", ...TEXT.slice(1)]);
    }
    v.changes.forEach((c, i) => {
      const o = valueCell(c.old, lang, "old");
      const n = valueCell(c.new, lang, "new");
      // The changed value's unit: by name for readers, its code in the hidden column.
      history.push([i === 0 ? v.version : "", c.unit, ...(i === 0 ? lead : blank), names.get(c.unit) ?? c.unit, label(c.indicator), o.value, n.value]);
      historyFormats.push([i === 0 ? "0" : "@", ...TEXT.slice(1, 8), o.format, n.format]);
    });
  }
  if (d.historyTruncated) {
    const shown = d.history.reduce((n, v) => n + v.changes.length, 0);
    history.push(["", "", "", "", "", vi
      ? `Chỉ hiện ${d.history.length} phiên bản gần nhất với ${shown.toLocaleString("vi-VN")} giá trị thay đổi; lịch sử đầy đủ: htct history`
      : `Only the latest ${d.history.length} versions with ${shown.toLocaleString("en-GB")} changed values are shown; the full history: htct history`, "", "", "", ""]);
    historyFormats.push(TEXT);
  }
  const historyRow = totalRow + 2;
  const historyTitle = vi
    ? `LỊCH SỬ NỘP BÁO CÁO CỦA ${d.reportingUnitName.toLocaleUpperCase("vi")} (${d.history.length} phiên bản)`
    : `SUBMISSION HISTORY OF ${d.reportingUnitName} (${d.history.length} version${d.history.length === 1 ? "" : "s"})`;
  const endRow = historyRow + 2 + Math.max(history.length, 1);
  const width = Math.max(header.length, HISTORY_HEAD[lang].length);
  // Shared by both tables: unit / version, code (hidden), level / time, data / who, then file, status, unit, indicator, old, new.
  const widths = [28, 12, 18, 24, 28, 30, 18, 24, 12, 12, ...cols.codes.map(() => 14)].slice(0, width);
  for (let c = 10; c < width; c++) widths[c] = 14;
  const safe = (row: Cell[]): Cell[] => row.map((c) => (typeof c === "string" ? asText(c) : c));
  return {
    title: safe(title) as string[], groupRow, groups: cols.groups.map((g) => ({ ...g, label: asText(g.label) })), headerRow,
    header: safe(header) as string[], codes: [...head.map(() => null), ...cols.codes], formats, rows: rows.map(safe), depths: d.rows.map((r) => r.depth),
    totalRow, total: safe(total), historyRow, historyTitle: asText(historyTitle), historyHeader: safe(HISTORY_HEAD[lang]) as string[],
    history: history.map(safe), historyFormats, versionStarts, endRow,
    print: { orientation: "landscape", paper: "A4", fitToWidth: true, repeatRows: [groupRow, headerRow] },
    freeze: { rows: headerRow + 1, columns: 1 },
    widths, hidden: [CODE_COL],
    plan: planPrint({ widths, hidden: [CODE_COL], groups: cols.groups, lead: 1, repeatRows: [groupRow, headerRow], orientation: "landscape" }, lang),
    headerHeight: headerHeight(header, widths),
  };
}

const FORBIDDEN = /[[\]:*?/\\]/g;
const MAX_SHEET_NAME = 31;

/**
 * The detail sheet's name for a unit: "Chi tiết Xã mẫu 01", within Excel's rules (at most 31
 * characters, none of [ ] : * ? / \, no apostrophe at either end, not "History") and unlike
 * every name in `taken` without regard to case, numbered "(2)", "(3)"… when it is not. Cut by
 * characters, never inside a surrogate pair.
 */
export function detailSheetName(unitName: string, lang: Lang, taken: readonly string[]): string {
  const clean = `${DETAIL_SHEET_PREFIX[lang]} ${unitName}`.replace(FORBIDDEN, " ").replace(/[\u0000-\u001f\u007f]/g, " ").replace(/\s+/g, " ").trim();
  // Counted in UTF-16 units (stricter than characters where a name has an emoji), whole characters kept.
  const fit = (s: string, room: number) => {
    let out = "";
    for (const ch of s) { if (out.length + ch.length > room) break; out += ch; }
    return out.replace(/^'+|'+$/g, "").trim();
  };
  const names = new Set(taken.map((n) => n.toLocaleUpperCase()));
  for (let i = 1; ; i++) {
    const suffix = i === 1 ? "" : ` (${i})`;
    const name = `${fit(clean, MAX_SHEET_NAME - suffix.length)}${suffix}`;
    if (!names.has(name.toLocaleUpperCase()) && name.toLowerCase() !== "history") return name;
  }
}
