/// <reference types="office-js" />
/**
 * Exactly the part of Office.js the add-in touches, as structural types. The adapter is written
 * against these, the fake Excel host in tests/ implements them, and the assertions at the bottom
 * make the compiler prove that real `Excel.*` objects satisfy them, so the fake cannot drift into
 * an API Excel does not have.
 */

/** What Excel gives back in `values`: numbers, text, booleans ("" for an empty cell, "#DIV/0!" for errors). */
export type XlValue = string | number | boolean;

export interface XlLoadable<T> {
  load(propertyNames?: string | string[]): T;
}

export interface XlRangeFill extends XlLoadable<XlRangeFill> {
  /** "#RRGGBB"; Excel reports "#FFFFFF" for a cell without fill. */
  color: string;
  /** ExcelApi 1.9: "None", "Solid", "Gray50"… — the only way to tell no fill from a white fill. */
  pattern: string;
  clear(): void;
}

export interface XlRangeFont {
  bold: boolean;
  color: string;
  underline: string;
}

export interface XlRangeFormat {
  fill: XlRangeFill;
  font: XlRangeFont;
  wrapText: boolean;
  columnWidth: number;
  /** ExcelApi 1.2. */
  autofitColumns(): void;
}

/** What `getCellProperties` (ExcelApi 1.9) hands back for a cell when asked for its fill. */
export interface XlCellFill { format?: { fill?: { color?: string | null; pattern?: string | null } } }

/** What `getRowProperties` / `getColumnProperties` (ExcelApi 1.9) hand back per row or column. */
export interface XlRowProperties { rowHidden?: boolean; rowIndex?: number }
export interface XlColumnProperties { columnHidden?: boolean; columnIndex?: number }

/** An Office.js ClientResult: `value` is there only after the sync. */
export interface XlResult<T> { readonly value: T }

export interface XlRange extends XlLoadable<XlRange> {
  address: string;
  values: unknown[][];
  formulas: unknown[][];
  numberFormat: unknown[][];
  rowIndex: number;
  columnIndex: number;
  rowCount: number;
  columnCount: number;
  format: XlRangeFormat;
  select(): void;
  clear(applyTo?: string): void;
  /** ExcelApi 1.2: true when every row of the range is hidden, false when none is, null when some are. */
  readonly rowHidden: boolean | null;
  /** ExcelApi 1.2: the same for columns; written, hides (or shows) every column of the range. */
  columnHidden: boolean | null;
  /** ExcelApi 1.9: one entry per row of the range, in order. */
  getRowProperties(loadOptions: { rowHidden?: boolean; rowIndex?: boolean }): XlResult<XlRowProperties[]>;
  /** ExcelApi 1.9: one entry per column of the range, in order. */
  getColumnProperties(loadOptions: { columnHidden?: boolean; columnIndex?: boolean }): XlResult<XlColumnProperties[]>;
  /** ExcelApi 1.9: formats of every cell in one call. */
  getCellProperties(loadOptions: { format?: { fill?: { color?: boolean; pattern?: boolean } } }): XlResult<XlCellFill[][]>;
}

/** ExcelApi 1.9: several ranges ("B3, D7:D9") formatted in one action. */
export interface XlRangeAreas {
  readonly format: { readonly fill: XlRangeFill };
}

/** ExcelApi 1.2 (unprotect 1.7). */
export interface XlWorksheetProtection extends XlLoadable<XlWorksheetProtection> {
  readonly protected: boolean;
  /** What the protection still allows (ExcelApi 1.2): formatting any cell, column widths, notes and other objects. */
  readonly options: { allowFormatCells?: boolean; allowFormatColumns?: boolean; allowEditObjects?: boolean };
}

/** ExcelApi 1.10: threaded comments; a cell holds a comment or a note, never both. */
export interface XlComment extends XlLoadable<XlComment> {
  getLocation(): XlRange;
}

export interface XlCommentCollection extends XlLoadable<XlCommentCollection> {
  readonly items: XlComment[];
}

export interface XlNote extends XlLoadable<XlNote> {
  content: string;
  readonly isNullObject: boolean;
  delete(): void;
}

/** ExcelApi 1.18. */
export interface XlNoteCollection {
  add(cellAddress: string, content: string): XlNote;
  getItemOrNullObject(key: string): XlNote;
}

export interface XlTable extends XlLoadable<XlTable> {
  name: string;
  style: string;
  delete(): void;
}

export interface XlTableCollection extends XlLoadable<XlTableCollection> {
  readonly items: XlTable[];
  add(address: string, hasHeaders: boolean): XlTable;
}

/** ExcelApi 1.7 for setXAxisValues. */
export interface XlChartSeries {
  name: string;
  setXAxisValues(sourceData: XlRange): void;
}

export interface XlChart extends XlLoadable<XlChart> {
  name: string;
  title: { text: string };
  delete(): void;
  setPosition(startCell: string, endCell?: string): void;
  readonly series: { getItemAt(index: number): XlChartSeries };
}

/** ExcelApi 1.9: printing. */
export interface XlPageLayout {
  /** "Portrait" | "Landscape". */
  orientation: string;
  /** "A4", "Letter"… */
  paperSize: string;
  zoom: { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number };
  setPrintTitleRows(printTitleRows: string): void;
  /** Whole columns, "$A:$A". */
  setPrintTitleColumns(printTitleColumns: string): void;
  readonly headersFooters: XlHeaderFooterGroup;
}

/** PageLayout.headersFooters (ExcelApi 1.9). */
export interface XlHeaderFooterGroup { readonly defaultForAllPages: XlHeaderFooter }
/** Header and footer sections, with Excel's codes (&P, &N, &A). ExcelApi 1.9. */
export interface XlHeaderFooter extends XlLoadable<XlHeaderFooter> { leftFooter: string; centerFooter: string; rightFooter: string }
/** Worksheet.verticalPageBreaks (ExcelApi 1.9): `add` takes the range just after the break. */
export interface XlPageBreakCollection { add(pageBreakRange: string): void; removePageBreaks(): void }

export interface XlChartCollection extends XlLoadable<XlChartCollection> {
  readonly items: XlChart[];
  add(type: string, sourceData: XlRange, seriesBy?: string): XlChart;
}

/** What Excel says changed (WorksheetChangedEventArgs, ExcelApi 1.7). */
export interface XlChangedEvent { address: string; changeType: string; source: string; worksheetId: string }

/** What Excel says when rows are hidden or shown (WorksheetRowHiddenChangedEventArgs, ExcelApi 1.11): "Hidden" / "Unhidden". */
export interface XlRowHiddenEvent { address: string; changeType: string; source: string; worksheetId: string }

/** A context as far as an event handler's result holds it (OfficeExtension.ClientRequestContext). */
export interface XlSyncContext { sync(): Promise<unknown> }

/**
 * What adding an event handler gives back (OfficeExtension.EventHandlerResult): `remove()` only
 * takes effect in the handler's own context, so it is called in a batch run on `context`
 * (Excel.run with `previousObjects`), then synced.
 */
export interface XlEventHandle { readonly context: XlSyncContext; remove(): void }

/** An event of a worksheet; the handler is registered at the next sync. */
export interface XlEventSource<E> { add(handler: (event: E) => Promise<unknown>): XlEventHandle }

/**
 * Worksheet.freezePanes (ExcelApi 1.7): rows, columns, or both through freezeAt's range (the
 * top- and left-most pane, from A1). Whether freezeRows keeps frozen columns is not documented:
 * a pane frozen both ways is set by freezeAt alone.
 */
export interface XlFreezePanes {
  freezeRows(count?: number): void;
  freezeColumns(count?: number): void;
  /** An A1 address of this sheet: the pane from A1 through its last cell is frozen. */
  freezeAt(frozenRange: string): void;
  unfreeze(): void;
}

export interface XlWorksheet extends XlLoadable<XlWorksheet> {
  name: string;
  /** Stays the same when the sheet is renamed or moved (ExcelApi 1.1). */
  readonly id: string;
  visibility: string;
  readonly isNullObject: boolean;
  getRange(address?: string): XlRange;
  /** ExcelApi 1.9. */
  getRanges(address?: string): XlRangeAreas;
  getUsedRange(valuesOnly?: boolean): XlRange;
  /** ExcelApi 1.4. */
  getUsedRangeOrNullObject(valuesOnly?: boolean): XlRange & { readonly isNullObject: boolean };
  delete(): void;
  activate(): void;
  readonly notes: XlNoteCollection;
  /** ExcelApi 1.10. */
  readonly comments: XlCommentCollection;
  /** ExcelApi 1.2. */
  readonly protection: XlWorksheetProtection;
  readonly tables: XlTableCollection;
  readonly charts: XlChartCollection;
  /** ExcelApi 1.7. */
  readonly freezePanes: XlFreezePanes;
  /** ExcelApi 1.7: the clerk typed, pasted, filled or deleted on this sheet (registered at the next sync). */
  readonly onChanged: XlEventSource<XlChangedEvent>;
  /** ExcelApi 1.11: rows hidden or shown (no change event is raised for that). */
  readonly onRowHiddenChanged: XlEventSource<XlRowHiddenEvent>;
  /** ExcelApi 1.9. */
  readonly pageLayout: XlPageLayout;
  /** ExcelApi 1.9. */
  readonly verticalPageBreaks: XlPageBreakCollection;
}

export interface XlWorksheetCollection extends XlLoadable<XlWorksheetCollection> {
  readonly items: XlWorksheet[];
  getItem(key: string): XlWorksheet;
  /** ExcelApi 1.4. */
  getItemOrNullObject(key: string): XlWorksheet;
  getActiveWorksheet(): XlWorksheet;
  add(name?: string): XlWorksheet;
}

/** Review › Protect Workbook: the structure (sheets added, deleted, renamed, hidden) is locked. ExcelApi 1.7. */
export interface XlWorkbookProtection extends XlLoadable<XlWorkbookProtection> {
  readonly protected: boolean;
}

export interface XlContext {
  readonly workbook: {
    readonly worksheets: XlWorksheetCollection;
    /** ExcelApi 1.7. */
    readonly protection: XlWorkbookProtection;
    /** The selected cells, always on the active sheet (ExcelApi 1.1); several areas are an error. */
    getSelectedRange(): XlRange;
  };
  sync(): Promise<unknown>;
}

/** `Excel.run`, or the fake host's; with `previous`, the batch runs in that context (to remove its event handlers). */
export type XlRun = <T>(batch: (context: XlContext) => Promise<T>, previous?: XlSyncContext) => Promise<T>;

/** The Office (not Excel) services the pane uses: requirement sets, document settings, language. */
export interface OfficeHost {
  isSetSupported(name: string, version: string): boolean;
  displayLanguage: string;
  settings: {
    get(name: string): unknown;
    set(name: string, value: unknown): void;
    remove(name: string): void;
    saveAsync(callback?: (result: { status: string; error?: { message: string } }) => void): void;
  };
  /** The document's URL or file name, for submission provenance. */
  documentUrl: string;
  /** Office.context.partitionKey: the prefix Office asks add-ins to give local storage keys (web). */
  partitionKey?: string;
  /** Office's dialog API (DialogApi 1.1), for sign-in where nested app authentication is missing. */
  dialog?: import("../auth.ts").OfficeDialogHost;
}

// Compile-time proof that Office.js objects fit the surface above (never called).
export const surfaceChecks = {
  context: (c: Excel.RequestContext): XlContext => c,
  worksheet: (w: Excel.Worksheet): XlWorksheet => w,
  range: (r: Excel.Range): XlRange => r,
  note: (n: Excel.Note): XlNote => n,
  areas: (a: Excel.RangeAreas): XlRangeAreas => a,
  comment: (c: Excel.Comment): XlComment => c,
  comments: (c: Excel.CommentCollection): XlCommentCollection => c,
  protection: (p: Excel.WorksheetProtection): XlWorksheetProtection => p,
  workbookProtection: (p: Excel.WorkbookProtection): XlWorkbookProtection => p,
  table: (t: Excel.Table): XlTable => t,
  chart: (c: Excel.Chart): XlChart => c,
};
