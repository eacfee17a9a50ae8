import type { Issue, SheetGrid } from "../model.ts";
import type { RunOptions, Validator } from "../validate/validate.ts";
import { readSheet, type ReadOptions, type SheetRead } from "./read.ts";

/**
 * A workbook's sheets read and checked together. Copies of one report form (a commune's sheet
 * each) are read from the first one's template (form-template.ts) and validated stacked as one
 * table (Validator.many): the result is, sheet for sheet, what reading and validating each
 * alone gives — the reader's issues, then the validator's, same messages, same cells.
 */
export function readSheets(grids: readonly SheetGrid[], opts: ReadOptions): SheetRead[] {
  return grids.map((g) => readSheet(g, opts));
}

/**
 * Each read's issues: the reader's, then the validator's for its table and history. `validatorFor`
 * gives the validator of a read (hosts compile one per scope, since a total row stands for it);
 * reads sharing a validator are validated in one call.
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
    const found = v.many(idx.map((i) => reads[i]!.table), idx.map((i): RunOptions => ({ history: reads[i]!.history })));
    idx.forEach((i, k) => { out[i] = [...reads[i]!.issues, ...found[k]!]; });
  }
  return out;
}
