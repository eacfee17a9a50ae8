/**
 * Host-neutral shapes shared by every part: what a sheet looks like to the core, what an issue is,
 * and the columnar table the validator and rollup work on.
 */

/** A cell as a host hands it over: Office.js `values`, or exceljs values flattened by the CLI. */
export type CellValue = string | number | boolean | null | undefined | Date | { error: string };

export interface MergeRange {
  /** 0-based, inclusive. */
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** A sheet's used range, read in one go. Row 0 is the sheet's first row (`origin` shifts it). */
export interface SheetGrid {
  name: string;
  values: CellValue[][];
  /** Excel number formats, parallel to `values` where the host knows them ("0.00%", "#,##0"). */
  formats?: (string | null | undefined)[][];
  /** Merged areas where the host knows them; header detection copes without. */
  merges?: MergeRange[];
  /** Sheet coordinates of values[0][0], when the used range does not start at A1. */
  origin?: { row: number; col: number };
  /** 0-based grid rows and columns the sheet hides: never read as data, always said. */
  hiddenRows?: readonly number[];
  hiddenColumns?: readonly number[];
  /**
   * Formulas ("=SUM(B2:B9)") of cells the file holds no saved result for (written by a tool
   * other than Excel), parallel to `values`: the reader computes them before it reads.
   */
  formulas?: (string | null | undefined)[][];
  /**
   * The workbook's defined names as this sheet sees them (its own names over the workbook's),
   * upper-cased, each with its definition ("'Biểu 02'!$B$5:$B$9"), for the formulas above.
   */
  definedNames?: Readonly<Record<string, string>>;
}

export type Severity = "error" | "warning" | "info";

export interface Issue {
  severity: Severity;
  rule: string;
  sheet: string;
  /** A1 addresses, the primary cell first. Empty for issues about the whole sheet. */
  cells: string[];
  /** The org unit's name as written in the sheet (or its registry code for submissions). */
  unit: string | null;
  indicators: string[];
  message: string;
  hint: string;
  /** Cells of another issue this one follows from (a total that disagrees because a unit's cell is not a number). */
  causedBy?: string[];
  /**
   * The table of the sheet the issue belongs to, when the sheet holds several ("Biểu 02", or
   * "bảng 2" when untitled); absent on a sheet of one table and for what concerns the whole sheet.
   */
  table?: IssueTable;
  /** Every unit a "units missing" issue stands for, in registry order (its message names the first few). */
  missingUnits?: { code: string; name: string }[];
}

/** Which of a sheet's tables: 1-based, its title line as written, and the short name messages use. */
export interface IssueTable { index: number; title: string | null; label: string }

export type Lang = "vi" | "en";

/** One row of a table: a commune, a district, or the sheet's own total row. */
export interface TableRow {
  /** The name as written. */
  name: string;
  /** Registry code when the name was recognised. */
  unitId: string | null;
  /** Level from the registry (shared/registry/levels.ts), when known. */
  level: string | null;
  /** 1-based sheet row, for cell addresses; null for rows that did not come from a sheet. */
  sheetRow: number | null;
  isTotal: boolean;
  /** A subtotal row ("Cộng khối phường"): the rows of the units it adds up. Absent for a grand total. */
  covers?: number[];
}

/**
 * Values by indicator, one Float64Array per indicator (NaN = missing), so that compiled rules
 * loop over plain arrays. `decimals` keeps the precision a value was reported with (−1 = integer
 * or unknown), which the rate checks need.
 */
export interface ReportTable {
  sheet: string;
  rows: TableRow[];
  values: Map<string, Float64Array>;
  decimals: Map<string, Int8Array>;
  /** 0-based sheet column of each mapped indicator, for cell addresses. */
  columns: Map<string, number>;
  /**
   * Where a value sits when the sheet is not units × indicators (a transposed table, a one-unit
   * form): the A1 address of row `row`'s value of `code`, or null.
   */
  cellOf?: (row: number, code: string) => string | null;
  /** Cells the reader could not read (not a number, a formula error), by indicator: rows already reported. */
  unreadable?: Map<string, Set<number>>;
  /** Cells the sheet marks as not applicable or none ("x", "-"), by indicator: not blanks to fill in. */
  notApplicable?: Map<string, Set<number>>;
  /**
   * A unit's whole report (a submission's records), not one form of a topic: every required
   * indicator is expected of it, whatever its values are about.
   */
  wholeReport?: boolean;
  /**
   * "rows" when the sheet lists the indicators down the side (a transposed table, a one-unit
   * form): messages then say "dòng 11" for an indicator and "cột" for a unit. Absent: units as rows.
   */
  indicatorsAs?: "rows";
}
