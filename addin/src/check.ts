import {
  catalogFor, childrenOf, compileValidator, decodeSheet, isDataSheet, nameTables, readSheet, workbookIssues,
  type Catalog, type Issue, type Lang, type OrgUnit, type SavedMapping, type SheetGrid, type SheetRead,
} from "../../shared/index.ts";
import { titlePeriod } from "../../shared/workbook/period.ts";

/** What the pane knows when it checks a sheet: the clerk's unit and period, the registry, the mappings. */
export interface CheckScope {
  catalog: Catalog;
  lang: Lang;
  /** The reporting unit (a district before July 2025, a commune since) the workbook is for, when chosen. */
  unit?: string;
  period?: string;
  registry: readonly OrgUnit[];
  /** The clerk's mapping saved with the workbook for a sheet, if any. */
  mappingOf: (sheet: string) => SavedMapping | undefined;
  /** The province's mapping for the picked sheet's form, used where the workbook has none. */
  shared?: SavedMapping;
}

/** The catalog as the period's administrative structure has it (the whole one until a period is chosen). */
function periodCatalog(scope: CheckScope): Catalog {
  return scope.period ? catalogFor(scope.catalog, scope.period) : scope.catalog;
}

/** The units a sheet's rows are matched against: those under the reporting unit, or it alone (a one-unit form). */
function readOptions(scope: CheckScope, mapping: SavedMapping | undefined): Parameters<typeof readSheet>[1] {
  const { unit } = scope;
  const kids = unit && scope.registry.length ? childrenOf([...scope.registry], unit) : [];
  const self = unit ? scope.registry.filter((u) => u.code === unit) : [];
  const units = kids.length ? kids : self.length ? self : undefined;
  return {
    catalog: periodCatalog(scope), lang: scope.lang, mapping, ...(scope.period ? { period: scope.period } : {}),
    ...(units?.length ? { units } : scope.registry.length ? { registry: [...scope.registry] } : {}),
  };
}

/**
 * A sheet read as `htct check` reads it: TCVN3/VNI text converted first (the clerk's cells stay
 * as typed; the annotations go to them), with the one notice that says so.
 */
function readPaneSheet(grid: SheetGrid, opts: Parameters<typeof readSheet>[1]): SheetRead {
  const { grid: decoded, issue } = decodeSheet(grid, opts.lang ?? "vi");
  const read = readSheet(decoded, opts);
  if (issue) read.issues.unshift(issue);
  return read;
}

/** The workbook's other sheets that hold a table, read as the picked one is. */
export function readOtherSheets(grids: readonly SheetGrid[], scope: CheckScope): SheetRead[] {
  return grids.map((g) => readPaneSheet(g, readOptions(scope, scope.mappingOf(g.name)))).filter(isDataSheet);
}

/**
 * The picked sheet read and validated with the shared core, as `htct check` does: its own
 * issues, with "required indicator missing" judged over every data sheet of the workbook.
 */
export function checkSheet(grid: SheetGrid, others: readonly SheetRead[], scope: CheckScope): { read: SheetRead; issues: Issue[]; sheetPeriod: string | null } {
  const read = readPaneSheet(grid, readOptions(scope, scope.mappingOf(grid.name) ?? scope.shared));
  const found = compileValidator(periodCatalog(scope), { lang: scope.lang, totalUnitId: scope.unit ?? read.scope })(read.table, { history: read.history });
  const issues = workbookIssues([{ table: read.table, issues: [...read.issues, ...found] }, ...others.map((o) => ({ table: o.table, issues: [] }))], scope.lang);
  // On a sheet of several tables ("Biểu 01", "Biểu 02") each issue says which table it is in.
  // The period the sheet's own title names, whatever the clerk typed: the two are compared before sending.
  const sheetPeriod = read.kind === "none" ? null : titlePeriod(grid, Math.max(1, read.headerRows[0] ?? 12));
  return { read, issues: nameTables([read], issues, scope.lang), sheetPeriod };
}
