import type { OfficeHost } from "./surface.ts";

/**
 * What this Excel can do, decided once from its requirement sets. The manifest asks for
 * ExcelApi 1.2 (hiding the record sheet, column widths); everything newer is optional.
 */
export interface Capabilities {
  /** ExcelApi 1.18: cell notes. Older desktop builds and some web sessions lack them. */
  notes: boolean;
  /** ExcelApi 1.9: fill patterns (no fill vs white), getCellProperties, getRanges. */
  fillPattern: boolean;
  /** ExcelApi 1.2: getUsedRange(valuesOnly), sheet visibility, protection. */
  valuesOnly: boolean;
  /** ExcelApi 1.7: freeze panes, chart series from any range. */
  freeze: boolean;
  /** ExcelApi 1.10: threaded comments (a cell with one cannot take a note). */
  comments: boolean;
  /** ExcelApi 1.9: page layout (orientation, paper, fit to width, print titles). */
  print: boolean;
  /** ExcelApi 1.2: Range.rowHidden / columnHidden, so hidden rows and columns are never read as data. */
  hidden: boolean;
  /** ExcelApi 1.9: getRowProperties / getColumnProperties, one answer per row or column of a block. */
  lineProperties: boolean;
  /** ExcelApi 1.11: an event when rows are hidden or shown. */
  rowHiddenEvents: boolean;
}

export const MIN_EXCEL_API = "1.2";

export function capabilities(office: Pick<OfficeHost, "isSetSupported">): Capabilities {
  const has = (v: string) => office.isSetSupported("ExcelApi", v);
  return { notes: has("1.18"), fillPattern: has("1.9"), valuesOnly: has("1.2"), freeze: has("1.7"), comments: has("1.10"), print: has("1.9"), hidden: has("1.2"), lineProperties: has("1.9"), rowHiddenEvents: has("1.11") };
}
