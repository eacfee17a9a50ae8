import type { Catalog } from "../catalog/catalog.ts";
import type { Issue, ReportTable } from "../model.ts";
import { a1 } from "../parse/text.ts";
import { effectiveValues } from "../rollup/effective.ts";
import { formatNumber, render } from "../messages/issues.ts";
import type { Check, CheckContext, Emit, Blocks, RunOptions, ValidateOptions } from "./checks/check.ts";
import { typeChecks } from "./checks/types.ts";
import { crossFieldChecks } from "./checks/cross-field.ts";
import { totalChecks } from "./checks/totals.ts";
import { rateChecks } from "./checks/rates.ts";
import { unitRowChecks } from "./checks/units.ts";
import { requiredChecks } from "./checks/required.ts";
import { targetChecks } from "./checks/targets.ts";
import { outlierChecks } from "./checks/outliers.ts";

export type { RunOptions, ValidateOptions } from "./checks/check.ts";
export { outlier } from "./checks/outliers.ts";

/**
 * A compiled validator: validates one table, or many (`many`) with the same issues, in the same
 * order, as validating each alone — many one-unit forms of one template cost one run.
 */
export interface Validator {
  (table: ReportTable, run?: RunOptions): Issue[];
  many(tables: readonly ReportTable[], runs?: readonly (RunOptions | undefined)[]): Issue[][];
  /**
   * Tables already stacked: `stack` holds the rows of `tables`, in order, with their values. Only
   * for tables `many` would stack together (the same indicators, rows of one level, no total
   * rows, the same run options): each table's issues, as validating it alone gives them.
   */
  stacked(stack: ReportTable, tables: readonly ReportTable[], run?: RunOptions): Issue[][];
}

/**
 * Compiles the catalog's rules once into plain loops over typed arrays; the returned function
 * validates any number of tables. It never throws on content: every value it sees is a number or
 * NaN, put there by the parser.
 */
export function compileValidator(catalog: Catalog, opts: ValidateOptions = {}): Validator {
  const lang = opts.lang ?? "vi";
  const ctx: CheckContext = {
    ...opts, catalog, lang,
    label: (code) => catalog.byCode.get(code)?.label[lang] ?? code,
    fmt: (v, d) => formatNumber(v, lang, d),
  };
  // One family after another, in this order: the order issues come out in.
  const checks: Check[] = [
    ...typeChecks(ctx),
    ...crossFieldChecks(ctx),
    ...totalChecks(ctx),
    ...rateChecks(ctx),
    ...unitRowChecks(ctx),
    ...requiredChecks(ctx),
    ...targetChecks(ctx),
    ...outlierChecks(ctx),
  ];

  const runChecks = (table: ReportTable, run: RunOptions, blocks: Blocks | null, owners: number[] | null): Issue[] => {
    const issues: Issue[] = [];
    const eff = effectiveValues(table, catalog);
    const emit: Emit = (severity, rule, row, indicators, params, block) => {
      if (owners) owners.push(block ?? (row >= 0 ? blocks!.rowBlock[row]! : 0));
      const r = row >= 0 ? table.rows[row]! : null;
      const cells: string[] = [];
      if (r && table.cellOf) {
        for (const code of indicators) { const a = table.cellOf(row, code); if (a && !cells.includes(a)) cells.push(a); }
      } else if (r?.sheetRow) {
        for (const code of indicators) {
          const col = table.columns.get(code);
          if (col !== undefined) { const a = a1(col, r.sheetRow); if (!cells.includes(a)) cells.push(a); }
        }
      }
      const unit = (typeof params.unit === "string" ? params.unit : null) ?? (r ? r.name || r.unitId : null);
      // Messages name an indicator's row on a sheet that lists indicators down the side.
      const axis = table.indicatorsAs === "rows" ? "row" : "column";
      const issue: Issue = { severity, rule, sheet: table.sheet, cells, unit, indicators, ...render(rule, lang, { cell: cells[0] ?? "", axis, ...params, unit: unit ?? "" }) };
      if (typeof params.causedBy === "string" && params.causedBy) issue.causedBy = params.causedBy.split(" ");
      issues.push(issue);
    };
    for (const check of checks) check(table, eff, emit, run, blocks);
    return issues;
  };
  const validate = ((table: ReportTable, run: RunOptions = {}) => runChecks(table, run, null, null)) as Validator;
  validate.stacked = (stack, tables, run = {}) => {
    const starts: number[] = [];
    let n = 0;
    for (const t of tables) { starts.push(n); n += t.rows.length; }
    const rowBlock = new Int32Array(n);
    tables.forEach((t, b) => rowBlock.fill(b, starts[b]!, starts[b]! + t.rows.length));
    const owners: number[] = [];
    const issues = runChecks(stack, run, { starts, tables, rowBlock }, owners);
    const out: Issue[][] = tables.map(() => []);
    issues.forEach((issue, k) => {
      const b = owners[k]!;
      issue.sheet = tables[b]!.sheet;
      out[b]!.push(issue);
    });
    return out;
  };
  validate.many = (tables, runs) => validateMany(tables, runs, validate);
  return validate;
}

/**
 * Tables whose rows the checks see alike — the same indicators reported, rows of the same
 * levels, no total rows (their check compares rows of one table), no history of their own —
 * are stacked and checked in one run; every other table alone. What a check decides from a
 * whole table (whether a column or a derived value exists) is then the same for each stacked
 * table as alone, and what it decides per row is per row.
 */
function validateMany(
  tables: readonly ReportTable[],
  runs: readonly (RunOptions | undefined)[] | undefined,
  validate: Validator,
): Issue[][] {
  const alone = validate;
  const out: Issue[][] = new Array(tables.length);
  const groups = new Map<string, number[]>();
  tables.forEach((t, i) => {
    const run = runs?.[i];
    if (t.rows.length === 0 || t.rows.some((r) => r.isTotal) || run?.history?.size) { out[i] = alone(t, run); return; }
    // An empty history of its own still hides the compiled-in one (RunOptions.history).
    let key = (run?.history ? "h" : "") + (t.indicatorsAs ?? "");
    for (const r of t.rows) key += `${r.level ?? ""}\u0001`;
    for (const code of t.values.keys()) key += `\u0002${code}`;
    const g = groups.get(key);
    if (g) g.push(i); else groups.set(key, [i]);
  });
  for (const idx of groups.values()) {
    if (idx.length === 1) { out[idx[0]!] = alone(tables[idx[0]!]!, runs?.[idx[0]!]); continue; }
    const members = idx.map((i) => tables[i]!);
    const starts: number[] = [];
    let n = 0;
    for (const t of members) { starts.push(n); n += t.rows.length; }
    const rowBlock = new Int32Array(n);
    members.forEach((t, b) => rowBlock.fill(b, starts[b]!, starts[b]! + t.rows.length));
    const codes = [...members[0]!.values.keys()];
    const values = new Map<string, Float64Array>();
    const decimals = new Map<string, Int8Array>();
    for (const code of codes) {
      const v = new Float64Array(n);
      const d = new Int8Array(n).fill(-1);
      members.forEach((t, b) => { v.set(t.values.get(code)!, starts[b]!); const td = t.decimals.get(code); if (td) d.set(td, starts[b]!); });
      values.set(code, v);
      decimals.set(code, d);
    }
    const unreadable = new Map<string, Set<number>>();
    members.forEach((t, b) => {
      for (const [code, set] of t.unreadable ?? []) {
        let u = unreadable.get(code);
        if (!u) { u = new Set(); unreadable.set(code, u); }
        for (const i of set) u.add(starts[b]! + i);
      }
    });
    const stack: ReportTable = {
      sheet: "", rows: members.flatMap((t) => t.rows), values, decimals, columns: new Map(), unreadable,
      ...(members[0]!.indicatorsAs ? { indicatorsAs: members[0]!.indicatorsAs } : {}),
      // Each row's cells are where its own table has them.
      cellOf: (i, code) => {
        const b = rowBlock[i]!;
        const t = members[b]!;
        const j = i - starts[b]!;
        if (t.cellOf) return t.cellOf(j, code);
        const r = t.rows[j]!;
        const col = t.columns.get(code);
        return r.sheetRow && col !== undefined ? a1(col, r.sheetRow) : null;
      },
    };
    const found = validate.stacked(stack, members, runs?.[idx[0]!] ?? {});
    idx.forEach((i, b) => { out[i] = found[b]!; });
  }
  return out;
}

/** Validation in one call, for hosts that validate a table once. */
export function validateTable(table: ReportTable, catalog: Catalog, opts: ValidateOptions = {}): Issue[] {
  return compileValidator(catalog, opts)(table);
}

// In a module of its own, so a host counting issues does not load the rules with it.
export { summarize } from "./summary.ts";
