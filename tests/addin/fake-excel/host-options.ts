/** What a test can ask of the stand-in host: the Excel it pretends to be. */
import type { XlSyncContext } from "../../../addin/src/excel/surface.ts";
import type { RequestBuilder } from "./request.ts";

export interface FakeHostOptions {
  /**
   * The real office.js request builder (office-js-node.ts under Node): request sizes are then
   * office.js' own, not the stand-in's reconstruction. Absent in the browser preview.
   */
  requestBuilder?: RequestBuilder;
  /** Highest ExcelApi requirement set the host claims ("1.1" … "1.18"). */
  excelApi?: string;
  displayLanguage?: string;
  /** Which Excel's limits apply: the web's 5 MB payloads (default) or the desktop's 5 M cells. */
  mode?: "web" | "desktop";
  /**
   * Office's dialog API (DialogApi 1.1), when given: the pane's origin (dialogs must open on it)
   * and what the page in the dialog does — post a message, or be closed by the person.
   */
  dialog?: { origin: string; page: (url: string) => { message: string } | { closed: number } };
  /** Requirement sets besides ExcelApi the host claims ("NestedAppAuth 1.1", "DialogApi 1.1"). */
  sets?: string[];
  /**
   * Whether Excel.run honours `delayForCellEdit` (default true). An older runtime ignores an
   * option it does not know: its batches fail in cell-edit mode even when asked to wait.
   */
  delayForCellEdit?: boolean;
}

/** Excel.run's options that the fake honours. */
export interface FakeRunOptions {
  delayForCellEdit?: boolean;
  /** A context an earlier Excel.run gave (an event handler's `context`): the batch runs in it again. */
  previousObjects?: XlSyncContext;
}
