import { z } from "zod";
import type { Issue, Lang, Severity } from "../model.ts";
import { parseA1 } from "../parse/text.ts";

/**
 * What annotating a sheet means, whichever host does it (exceljs in the CLI, Office.js in the
 * add-in): which cells get which fill and note, what the report sheet lists, and the record of
 * the clerk's own fills and notes that "clear" restores. Both hosts keep that record the same way
 * (a very hidden sheet, JSON in column A), so a workbook annotated by one can be cleared by the other.
 */
export const REPORT_SHEET = "Kiểm tra";
export const RECORD_SHEET = "_htct_annotations";
/** ARGB fills by severity: Excel's own "bad", "neutral" and a light blue. */
export const SEVERITY_FILL: Record<Severity, string> = { error: "FFFFC7CE", warning: "FFFFEB9C", info: "FFDDEBF7" };
const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };
export const CHUNK = 30000;

export interface CellMark {
  sheet: string;
  address: string;
  severity: Severity;
  /** Notes for the primary cell of each issue touching it; empty when it is only a secondary cell. */
  note: string;
}

export interface ReportPlan {
  header: string[];
  rows: { values: string[]; link: { sheet: string; address: string } | null; severity: Severity }[];
}

// The cell stays the third column (hosts make it the link); the table beside it names which of a
// sheet's tables the cell is in ("Biểu 02"), as the pane and the issue list do.
const HEADERS: Record<Lang, string[]> = {
  vi: ["Mức độ", "Trang tính", "Ô", "Bảng", "Đơn vị", "Nội dung", "Gợi ý", "Loại vấn đề"],
  en: ["Severity", "Sheet", "Cell", "Table", "Unit", "Message", "Hint", "Kind of problem"],
};
const SEVERITY_TEXT: Record<Lang, Record<Severity, string>> = {
  vi: { error: "Lỗi", warning: "Cảnh báo", info: "Thông tin" },
  en: { error: "Error", warning: "Warning", info: "Info" },
};

import { asCellText } from "./cell-text.ts";
import { RULE_TITLES } from "../validate/causes.ts";
export { asText, asCellText, withoutTextMark } from "./cell-text.ts";

/** "Biểu 02", or "bảng 2" for an untitled one, in the report's language (the issue may have been named in the other). */
function tableName(t: Issue["table"], lang: Lang): string {
  if (!t) return "";
  return /^(bảng|table) [0-9]+$/.test(t.label) ? (lang === "vi" ? `bảng ${t.index}` : `table ${t.index}`) : t.label;
}

export function planAnnotations(issues: readonly Issue[], lang: Lang = "vi"): { marks: CellMark[]; report: ReportPlan } {
  const marks = new Map<string, CellMark>();
  for (const issue of issues) {
    issue.cells.forEach((address, k) => {
      if (!parseA1(address)) return;
      const key = `${issue.sheet}!${address}`;
      const m = marks.get(key) ?? { sheet: issue.sheet, address, severity: issue.severity, note: "" };
      if (RANK[issue.severity] > RANK[m.severity]) m.severity = issue.severity;
      if (k === 0) m.note = m.note ? `${m.note}\n• ${issue.message}` : `• ${issue.message}`;
      marks.set(key, m);
    });
  }
  const sorted = [...issues].sort((a, b) => RANK[b.severity] - RANK[a.severity]);
  return {
    marks: [...marks.values()],
    report: {
      header: HEADERS[lang],
      rows: sorted.map((i) => ({
        // The kind of problem in words ("Đơn vị trùng"), never the rule's code ("unit_duplicate").
        values: [SEVERITY_TEXT[lang][i.severity], i.sheet, i.cells[0] ?? "", tableName(i.table, lang), i.unit ?? "", i.message, i.hint, RULE_TITLES[i.rule]?.[lang] ?? ""].map(asCellText),
        link: i.cells[0] && parseA1(i.cells[0]) ? { sheet: i.sheet, address: i.cells[0] } : null,
        severity: i.severity,
      })),
    },
  };
}

/** The clerk's own formatting of every cell annotate touched, so clear can put it back exactly. */
export const AnnotationRecord = z.object({
  version: z.literal(1),
  createdAt: z.string(),
  cells: z.array(z.object({
    sheet: z.string(),
    address: z.string(),
    /** The original fill as the host describes it (exceljs fill object or Office.js color), null for none. */
    fill: z.unknown().nullable(),
    note: z.string().nullable(),
    /** Annotate left the fill alone (a gradient, which Office.js can read but not write): clear leaves it too. */
    fillKept: z.boolean().optional(),
  })),
  /** Whether annotate created the report sheet (and so clear deletes it). */
  reportSheetCreated: z.boolean(),
  /** Its name: "Kiểm tra", or "Kiểm tra (2)" when the clerk already has a sheet of that name. */
  reportSheet: z.string().default("Kiểm tra"),
});
export type AnnotationRecord = z.input<typeof AnnotationRecord>;

export function encodeRecord(record: AnnotationRecord): string[] {
  const json = JSON.stringify(record);
  const out: string[] = [];
  for (let i = 0; i < json.length; i += CHUNK) out.push(json.slice(i, i + CHUNK));
  return out;
}

export function decodeRecord(chunks: readonly unknown[]): AnnotationRecord | null {
  const json = chunks.filter((c): c is string => typeof c === "string").join("");
  if (!json) return null;
  try {
    const parsed = AnnotationRecord.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
