import type { Issue, ReportTable, SheetGrid } from "../model.ts";
import type { RunOptions, Validator } from "./validate.ts";
import { findForm } from "../workbook/form-template.ts";
import { formKeyOf, readSheetWith, type FormStack, type ReadOptions, type SheetRead } from "../workbook/read.ts";
import type { FormPlan } from "../workbook/form-plan.ts";
import { decodeSheet } from "../parse/legacy-encoding.ts";
import { ReaderMemo } from "../workbook/reader-memo.ts";
import { computeFormulas } from "../workbook/formula-cells.ts";
import { stackIndex } from "../workbook/stack-views.ts";

/**
 * A workbook's sheets read and checked together. Copies of one report form (a commune's sheet
 * each) are read from the first one's template (form-template.ts), their figures parsed into
 * one stacked table, and validated as that one table (Validator.stacked): the result is, sheet
 * for sheet, what reading and validating each alone gives — the reader's issues, then the
 * validator's, same messages, same cells, same order.
 */
const stackOf = new WeakMap<ReportTable, { stack: FormStack; row: number }>();

export function readSheets(grids: readonly SheetGrid[], given: ReadOptions): SheetRead[] {
  // Every sheet of the workbook is read with one registry: its matchers are made once.
  const opts: ReadOptions = { ...given, memo: given.memo ?? new ReaderMemo(), workbook: given.workbook ?? grids };
  const key = formKeyOf(opts);
  const stacks = new Map<object, FormStack>();
  // The sheets' texts classified once for the legacy-encoding test (the forms repeat their labels).
  const seen = new Map<string, number>();
  // One pass, each sheet read right after it is compared with the templates (its cells are
  // still in the cache): a copy of a known form goes to its template's stack, any other sheet
  // is read the full way (the first of each template makes the template).
  const out = grids.map((raw) => {
    // TCVN3/VNI text is converted before anything reads the sheet; the host's cells stay as typed.
    const { grid: decoded, issue } = decodeSheet(raw, opts.lang ?? "vi", undefined, seen);
    // Formulas saved without results are computed before the form templates compare cells.
    const { grid: g, issues: computed } = computeFormulas(decoded, opts.lang ?? "vi", opts.workbook, opts.formulaEngine);
    const read = readOne(g);
    if (computed.length) read.issues.unshift(...computed);
    if (issue) read.issues.unshift(issue);
    return read;
  });
  function readOne(g: SheetGrid): SheetRead {
    const found = findForm(g, key, opts.catalog);
    if (!found) return readSheetWith(g, opts, null, null);
    let stack = stacks.get(found.template);
    if (!stack) { stack = newStack(found.template.plan); stacks.set(found.template, stack); }
    const row = stack.tables.length;
    grow(stack, row + 1);
    stack.tables.push(undefined as unknown as ReportTable);
    return readSheetWith(g, opts, found, { stack, row });
  }
  for (const stack of stacks.values()) {
    // Trimmed to the rows read; a copy read with another plan (another period) left its row empty.
    for (const [code, c] of stack.columns) stack.columns.set(code, { v: c.v.subarray(0, stack.tables.length), d: c.d.subarray(0, stack.tables.length) });
    stack.tables.forEach((t, row) => { if (t) stackOf.set(t, { stack, row }); });
  }
  return out;
}

/** A stack's columns in the order a form's own table would have them, room for a few copies. */
function newStack(plan: FormPlan): FormStack {
  const columns: FormStack["columns"] = new Map();
  for (const s of plan.slots) {
    for (const code of [s.code, s.whole]) {
      if (code && !columns.has(code)) columns.set(code, { v: new Float64Array(16).fill(NaN), d: new Int8Array(16).fill(-1) });
    }
  }
  return { plan, columns, index: stackIndex(columns), tables: [] };
}

/** Room for n rows: capacity doubled when full (the copies' tables take views of the final columns, lazily). */
function grow(stack: FormStack, n: number): void {
  const first = stack.columns.values().next().value;
  if (!first || first.v.length >= n) return;
  const size = Math.max(n, first.v.length * 2);
  stack.slotColumns = undefined;
  for (const [code, c] of stack.columns) {
    const v = new Float64Array(size).fill(NaN);
    const d = new Int8Array(size).fill(-1);
    v.set(c.v);
    d.set(c.d);
    stack.columns.set(code, { v, d });
  }
}

/**
 * Each read's issues: the reader's, then the validator's for its table and history. `validatorFor`
 * gives the validator of a read (hosts compile one per scope, since a total row stands for it);
 * reads sharing a validator are validated in one call, copies of a form read by readSheets as
 * their stacked table when every copy is there and the stack can be checked as one.
 */
export function validateReads(reads: readonly SheetRead[], validatorFor: (read: SheetRead) => Validator): Issue[][] {
  const out: Issue[][] = new Array(reads.length);
  const byValidator = new Map<Validator, number[]>();
  reads.forEach((r, i) => {
    const v = validatorFor(r);
    const g = byValidator.get(v);
    if (g) g.push(i); else byValidator.set(v, [i]);
  });
  for (const [v, idx] of byValidator) {
    const rest: number[] = [];
    const stacks = new Map<FormStack, number[]>();
    for (const i of idx) {
      const s = stackOf.get(reads[i]!.table);
      if (!s) { rest.push(i); continue; }
      const g = stacks.get(s.stack);
      if (g) g.push(i); else stacks.set(s.stack, [i]);
    }
    for (const [stack, members] of stacks) {
      if (!wholeStack(stack, members, reads)) { rest.push(...members); continue; }
      const found = v.stacked(stackTable(stack), stack.tables, { history: reads[members[0]!]!.history });
      for (const i of members) out[i] = [...reads[i]!.issues, ...found[stackOf.get(reads[i]!.table)!.row]!];
    }
    if (!rest.length) continue;
    rest.sort((a, b) => a - b);
    const found = v.many(rest.map((i) => reads[i]!.table), rest.map((i): RunOptions => ({ history: reads[i]!.history })));
    rest.forEach((i, k) => { out[i] = [...reads[i]!.issues, ...found[k]!]; });
  }
  return out;
}

/**
 * Whether a stack can be validated as one table with the issues of each copy alone: every copy
 * is here (once), none is a total row or brings its own history, all rows are of one level
 * (Validator.many's conditions, which its plan's shared columns already meet).
 */
function wholeStack(stack: FormStack, members: number[], reads: readonly SheetRead[]): boolean {
  if (members.length !== stack.tables.length || new Set(members).size !== members.length) return false;
  const level = stack.tables[0]?.rows[0]?.level ?? null;
  for (const t of stack.tables) {
    if (!t || t.rows.length !== 1 || t.rows[0]!.isTotal || t.rows[0]!.level !== level) return false;
  }
  return members.every((i) => reads[i]!.history.size === 0);
}

function stackTable(stack: FormStack): ReportTable {
  const values = new Map<string, Float64Array>();
  const decimals = new Map<string, Int8Array>();
  for (const [code, c] of stack.columns) { values.set(code, c.v); decimals.set(code, c.d); }
  const unreadable = new Map<string, Set<number>>();
  stack.tables.forEach((t, row) => {
    for (const [code, set] of t.unreadable ?? []) {
      if (!set.size) continue;
      let u = unreadable.get(code);
      if (!u) { u = new Set(); unreadable.set(code, u); }
      u.add(row);
    }
  });
  let notApplicable: Map<string, Set<number>> | undefined;
  stack.tables.forEach((t, row) => {
    for (const [code, set] of t.notApplicable ?? []) {
      notApplicable ??= new Map();
      let u = notApplicable.get(code);
      if (!u) { u = new Set(); notApplicable.set(code, u); }
      if (set.size) u.add(row);
    }
  });
  // Every copy has its values in the same cells.
  const first = stack.tables[0]!;
  return { sheet: "", rows: stack.tables.map((t) => t.rows[0]!), values, decimals, columns: new Map(), unreadable, ...(notApplicable ? { notApplicable } : {}), ...(first.indicatorsAs ? { indicatorsAs: first.indicatorsAs } : {}), cellOf: (_i, code) => first.cellOf!(0, code) };
}

