import type { Issue, ReportTable, SheetGrid } from "../model.ts";
import type { RunOptions, Validator } from "../validate/validate.ts";
import { findForm } from "./form-template.ts";
import { formKeyOf, readSheet, readSheetWith, type FormStack, type ReadOptions, type SheetRead } from "./read.ts";

/**
 * A workbook's sheets read and checked together. Copies of one report form (a commune's sheet
 * each) are read from the first one's template (form-template.ts), their figures parsed into
 * one stacked table, and validated as that one table (Validator.stacked): the result is, sheet
 * for sheet, what reading and validating each alone gives — the reader's issues, then the
 * validator's, same messages, same cells, same order.
 */
const stackOf = new WeakMap<ReportTable, { stack: FormStack; row: number }>();

export function readSheets(grids: readonly SheetGrid[], opts: ReadOptions): SheetRead[] {
  const out: SheetRead[] = new Array(grids.length);
  const key = formKeyOf(opts);
  // First pass: sheets that are no copy of a known form are read the full way (the first of
  // each template makes it); the copies wait, grouped by template.
  const copies = new Map<object, { i: number; found: NonNullable<ReturnType<typeof findForm>> }[]>();
  grids.forEach((g, i) => {
    const found = findForm(g, key, opts.catalog);
    if (!found) { out[i] = readSheetWith(g, opts, null, null); return; }
    const list = copies.get(found.template);
    if (list) list.push({ i, found }); else copies.set(found.template, [{ i, found }]);
  });
  for (const list of copies.values()) {
    const plan = list[0]!.found.template.plan;
    const n = list.length;
    // The columns in the order a form's own table would have them.
    const columns: FormStack["columns"] = new Map();
    for (const s of plan.slots) {
      for (const code of [s.code, s.whole]) {
        if (code && !columns.has(code)) columns.set(code, { v: new Float64Array(n).fill(NaN), d: new Int8Array(n).fill(-1) });
      }
    }
    const stack: FormStack = { plan, columns, tables: new Array(n) };
    list.forEach(({ i, found }, row) => { out[i] = readSheetWith(grids[i]!, opts, found, { stack, row }); });
    list.forEach((_, row) => { const t = stack.tables[row]; if (t) stackOf.set(t, { stack, row }); });
  }
  return out;
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
  // Every copy has its values in the same cells.
  const first = stack.tables[0]!;
  return { sheet: "", rows: stack.tables.map((t) => t.rows[0]!), values, decimals, columns: new Map(), unreadable, cellOf: (_i, code) => first.cellOf!(0, code) };
}

export { readSheet };
