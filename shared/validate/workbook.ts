import type { Issue, Lang, ReportTable } from "../model.ts";
import { acrossSheets, groupByCause } from "./causes.ts";

/**
 * A workbook is checked as a whole, whichever host reads it: the CLI over every sheet of the
 * file, the add-in over the sheet the clerk picked with the workbook's other sheets beside it.
 */

/** A sheet the reader found a table on (units × indicators, transposed, a one-unit form). */
export function isDataSheet(read: { kind: string }): boolean {
  return read.kind !== "none";
}

/** The workbook's data sheets; with none at all, the first sheet, so that its "no table" is said. */
export function dataSheets<T extends { kind: string }>(reads: readonly T[]): T[] {
  const kept = reads.filter(isDataSheet);
  return kept.length ? kept : reads.slice(0, 1);
}

/**
 * One workbook's issues: each sheet's own, "required indicator missing" only where no sheet has
 * the indicator (said once), one issue per cause. A sheet whose issues the host does not show
 * (the add-in's other sheets) comes with its table and no issues: it still counts as having its
 * indicators.
 */
export function workbookIssues(sheets: readonly { table: ReportTable; issues: readonly Issue[] }[], lang: Lang): Issue[] {
  return groupByCause(acrossSheets(sheets), lang);
}
