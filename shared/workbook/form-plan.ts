// The plan of a one-unit form: where each indicator's value sits, made once per template and
// shared by its copies. Its own module so the reader and the template cache both depend on it,
// not on each other.
import type { Indicator } from "../catalog/catalog.ts";
import type { ColumnMapping } from "./mapping.ts";
import type { RowsLayout } from "./orient.ts";

/** Where a slot's value for table row i sits in the grid. */
export interface Slot { code: string; whole?: string; line: number; column: string; at?: number; mapping: ColumnMapping; ind?: Indicator }

export interface FormPlan {
  rows: RowsLayout;
  /** Hidden label rows with figures and hidden value columns, left out. */
  skippedRows: number[];
  skippedCols: number[];
  /** The period the value columns are read for, and whether it came from the reporting period (else from the headers alone). */
  current: string | null;
  periodDependent: boolean;
  unmappedIssues: { cells: string[]; params: Record<string, string | number> }[];
  slots: FormSlot[];
  earlierSlots: Slot[];
  mapping: ColumnMapping[];
  unmapped: ColumnMapping[];
  earlier: ColumnMapping[];
  /** Where each mapped code's value sits (0-based grid row and column). */
  at: Map<string, { r: number; c: number }>;
}
export type FormSlot = Slot & { r: number; c: number };
