import { RECORD_SHEET, REPORT_SHEET } from "../../../shared/index.ts";
import { ROLLUP_SHEET, SCORECARD_SHEET, STATUS_SHEET } from "../../../shared/report/sheet-names.ts";
import type { XlWorksheetCollection } from "./surface.ts";

/**
 * A sheet of the workbook: "data" may be validated; "annotation" is the pane's own "Kiểm tra"
 * report or restore record; "report" a sheet the product wrote (rollup, status, scorecard, draft,
 * detail), known by its id or, for the fixed-named ones, by name. Only data sheets are offered
 * for validation or read as data.
 */
export type SheetKind = "data" | "annotation" | "report";
export interface SheetInfo { name: string; visibility: string; id?: string; kind?: SheetKind }

/** Sheets the product writes under a fixed name (the rollup, status and scorecard sheets, also from htct). */
const REPORT_NAMES = new Set([ROLLUP_SHEET, STATUS_SHEET, SCORECARD_SHEET].map((n) => n.toLocaleUpperCase()));

export function sheetKind(name: string, id: string | undefined, reports: ReadonlySet<string>): SheetKind {
  if (isOwnSheet(name)) return "annotation";
  if ((id && reports.has(id)) || REPORT_NAMES.has(name.toLocaleUpperCase())) return "report";
  return "data";
}

/** Whether the validate tab offers the sheet. */
export const offered = (s: SheetInfo): boolean => s.visibility === "Visible" && (s.kind ?? sheetKind(s.name, s.id, new Set())) === "data";

/** Sheets the add-in writes itself, never offered for validation. */
export function isOwnSheet(name: string): boolean {
  const n = name.toLocaleUpperCase();
  const own = REPORT_SHEET.toLocaleUpperCase();
  return n === RECORD_SHEET.toLocaleUpperCase() || n === own || n.startsWith(`${own} (`);
}

/** Excel compares sheet names without regard to case: "KIỂM TRA" takes the name "Kiểm tra". */
export class SheetNames {
  private readonly set = new Set<string>();
  constructor(list: readonly SheetInfo[]) { for (const s of list) this.add(s.name); }
  has(name: string): boolean { return this.set.has(name.toLocaleUpperCase()); }
  add(name: string): void { this.set.add(name.toLocaleUpperCase()); }
  delete(name: string): void { this.set.delete(name.toLocaleUpperCase()); }
}

/** Excel compares sheet names without regard to case. */
export function sameName(a: string, b: string): boolean { return a.toLocaleUpperCase() === b.toLocaleUpperCase(); }

/** A sheet a clerk may keep figures on: not very hidden (the add-in's record), not the add-in's report. */
export function mayHoldData(s: SheetInfo): boolean { return s.visibility !== "VeryHidden" && (s.kind ?? sheetKind(s.name, s.id, new Set())) === "data"; }


/** The workbook's sheets, when the caller has no list from an earlier read: one sync. */
export async function listSheets(books: XlWorksheetCollection, sync: () => Promise<void>, reports: ReadonlySet<string>): Promise<SheetInfo[]> {
  books.load("items/name,items/visibility,items/id");
  await sync();
  return books.items.map((s) => infoOf(s, reports));
}

export function infoOf(s: { name: string; visibility: string; id: string }, reports: ReadonlySet<string>): SheetInfo {
  return { name: s.name, visibility: s.visibility, id: s.id, kind: sheetKind(s.name, s.id, reports) };
}

