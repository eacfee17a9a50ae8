import type { Catalog } from "../../catalog/catalog.ts";
import type { Target } from "../../catalog/schema.ts";
import type { Lang, ReportTable, Severity } from "../../model.ts";
import type { Effective } from "../../rollup/effective.ts";

/** What one validation run brings besides the table (varies per call, so not compiled in). */
export interface RunOptions {
  /** As ValidateOptions.history, for this table only. */
  history?: ReadonlyMap<string, readonly Record<string, number>[]>;
}

/** `block`: which stacked table an issue about a whole table (row −1) belongs to. */
export type Emit = (severity: Severity, rule: string, row: number, indicators: string[], params: Record<string, string | number>, block?: number) => void;

/**
 * Tables validated as one (Validator.many): their rows stacked, block b holding the rows of
 * tables[b] from starts[b]. What is said of a whole table (a required indicator missing, a
 * target read from the table's rollup) is said per block.
 */
export interface Blocks { starts: number[]; tables: readonly ReportTable[]; rowBlock: Int32Array }

export type Check = (t: ReportTable, eff: Effective, emit: Emit, run: RunOptions, blocks: Blocks | null) => void;

export interface ValidateOptions {
  lang?: Lang;
  /** Targets to report against (info); applied to rows whose unit lies in the target's scope. */
  targets?: readonly Target[];
  /** Whether a unit lies within a scope code (itself or a descendant). Needed with `targets`. */
  inScope?: (unitId: string, scope: string) => boolean;
  /** Registry code a total row stands for (the reporting unit of a unit's workbook). */
  totalUnitId?: string | null;
  /**
   * Earlier periods' values per unit (registry code), oldest first, for the unusual-change check:
   * a value whose modified z-score against them (median and MAD, as DHIS2's outlier analysis)
   * exceeds 3.5 is a warning.
   */
  history?: ReadonlyMap<string, readonly Record<string, number>[]>;
  /** Registry names for messages about a whole unit (a target missed by the reporting unit). */
  nameOf?: (unitId: string) => string | undefined;
}

/** What every rule family compiles against: the catalog and the options, with their wording. */
export interface CheckContext extends Omit<ValidateOptions, "lang"> {
  catalog: Catalog;
  lang: Lang;
  label: (code: string) => string;
  fmt: (v: number, d?: number) => string;
}
