// The value stage: cells to one typed array per mapped indicator, parsed the same way whatever
// the layout, with one issue per unreadable cell.
import type { ReportTable } from "../model.ts";
import { decimalsOf, parseCell, type Parsed } from "../parse/number.ts";
import { cellText } from "./layout.ts";
import type { Slot } from "./form-plan.ts";
import { gradeIndex } from "./grades.ts";
import { symbolMeaning } from "./conventions.ts";
import type { CellAt, ReadCtx, StackSink } from "./read-types.ts";
import { StackViews } from "./stack-views.ts";

export function fillValues(ctx: ReadCtx, table: ReportTable, slots: Slot[], at: CellAt, sink: StackSink | null = null): void {
  const { grid, addr, push, lang, memo } = ctx;
  const { catalog } = ctx.opts;
  const n = table.rows.length;
  const rows = table.rows;
  const unreadable = new Map<string, Set<number>>();
  table.unreadable = unreadable;
  // In a stack, row i of this table is row off + i of the stack's columns.
  const off = sink ? sink.row : 0;
  const column = sink
    ? (code: string) => sink.stack.columns.get(code)!
    : (code: string) => {
      let v = table.values.get(code);
      if (!v) {
        v = new Float64Array(n).fill(NaN);
        table.values.set(code, v);
        table.decimals.set(code, new Int8Array(n).fill(-1));
      }
      return { v, d: table.decimals.get(code)! };
    };
  if (sink) {
    table.values = new StackViews(sink.stack.columns, sink.stack.index, (c) => c.v, off, n);
    table.decimals = new StackViews(sink.stack.columns, sink.stack.index, (c) => c.d, off, n);
  }
  const marked = (code: string, i: number) => {
    table.notApplicable ??= new Map();
    let s = table.notApplicable.get(code);
    if (!s) { s = new Set(); table.notApplicable.set(code, s); }
    s.add(i);
  };
  const bad = (code: string, i: number) => { let s = unreadable.get(code); if (!s) { s = new Set(); unreadable.set(code, s); } s.add(i); };
  // The columns in the order they were always made (the maps' order is the table's).
  // Copies of one form in a stack share their slots and columns: looked up once per stack
  // (until the stack grows and its columns move), not once per copy.
  const shared = sink ? sink.stack.slotColumns : undefined;
  const inds = shared?.inds ?? slots.map((slot) => slot.ind ?? catalog.byCode.get(slot.code)!);
  const targets = shared?.targets ?? slots.map((slot, k) => ({ target: column(inds[k]!.code), whole: slot.whole ? column(slot.whole) : null }));
  const numeric = shared?.numeric ?? inds.map((ind) => ind.type !== "grade");
  if (sink && !shared) sink.stack.slotColumns = { inds, targets, numeric };
  // First the common case, a plain number in a General cell (or a blank), row by row and without
  // the parser: the grid is held row by row, and reading it a column at a time went through
  // every row once per column (10 s for 100,000 rows × 300 columns, 0.2 s for 10,000). Every
  // other cell is left, by row, to the column-by-column pass below, so issues keep their order.
  // (A transposed table holds a unit per column: there a slot's cells are one grid row.)
  // The cells left to the second pass, per slot (made for the few slots that have any).
  const rest: (number[] | undefined)[] = [];
  const later = (k: number, i: number) => { const l = rest[k]; if (l) l.push(i); else rest[k] = [i]; };
  const plain = (i: number, k: number) => {
    const slot = slots[k]!;
    if (!numeric[k]) { later(k, i); return; }
    const r = at.row(i, slot);
    const c = at.col(i, slot);
    const raw = grid.values[r]?.[c];
    if (raw === null || raw === undefined || raw === "") return;
    if (typeof raw === "number" && !grid.formats?.[r]?.[c] && Number.isFinite(raw)) {
      const { target } = targets[k]!;
      target.v[off + i] = raw;
      target.d[off + i] = Number.isInteger(raw) ? 0 : decimalsOf(raw);
      return;
    }
    later(k, i);
  };
  if (at.unitPerRow) { for (let i = 0; i < n; i++) for (let k = 0; k < slots.length; k++) plain(i, k); }
  else for (let k = 0; k < slots.length; k++) for (let i = 0; i < n; i++) plain(i, k);
  for (let k = 0; k < slots.length; k++) {
    const cells = rest[k];
    if (!cells) continue;
    const slot = slots[k]!;
    const ind = inds[k]!;
    let textCells: string[] | null = null;
    const { target, whole } = targets[k]!;
    for (const i of cells) {
      const r = at.row(i, slot);
      const c = at.col(i, slot);
      const raw = grid.values[r]?.[c];
      const fmt = grid.formats?.[r]?.[c];
      if (raw === null || raw === undefined || raw === "") continue;
      const cell = addr(c, r);
      const unit = rows[i]!.name || null;
      if (ind.type === "grade") {
        const g = gradeIndex(ind, raw, catalog.abbreviations, memo);
        if (g >= 0 || Number.isNaN(g)) target.v[off + i] = g;
        else {
          bad(ind.code, i);
          const parsed = parseCell(raw, "grade", fmt);
          if (parsed.kind === "error") push("error", "formula_error", [cell], unit, [ind.code], { cell, code: parsed.code, name: ind.label[lang] });
          else push("error", "unknown_grade", [cell], unit, [ind.code], { cell, raw: cellText(raw).slice(0, 60), name: ind.label[lang], classes: (ind.classes ?? []).map((k) => k.label[lang]).join(", ") });
        }
        continue;
      }
      const parsed: Parsed = parseCell(raw, ind.type, fmt);
      switch (parsed.kind) {
        case "missing":
          if (typeof raw === "string" && symbolMeaning(raw, ctx.conventions())) marked(ind.code, i);
          break;
        case "number":
          target.v[off + i] = parsed.value;
          target.d[off + i] = parsed.decimals;
          if (parsed.fromText && typeof raw === "string" && ind.type !== "yesno") (textCells ??= []).push(cell);
          if (parsed.percent && ind.type !== "percent" && ind.kind !== "ratio") {
            push("error", "invalid_value", [cell], unit, [ind.code], { cell, raw: cellText(raw).slice(0, 40), name: ind.label[lang] });
            target.v[off + i] = NaN;
            bad(ind.code, i);
          }
          break;
        case "pair":
          if (whole) { target.v[off + i] = parsed.part; whole.v[off + i] = parsed.whole; target.d[off + i] = 0; whole.d[off + i] = 0; }
          else { push("error", "invalid_value", [cell], unit, [ind.code], { cell, raw: cellText(raw).slice(0, 40), name: ind.label[lang] }); bad(ind.code, i); }
          break;
        case "error":
          push("error", "formula_error", [cell], unit, [ind.code], { cell, code: parsed.code, name: ind.label[lang] });
          bad(ind.code, i);
          break;
        case "invalid": {
          // "x" (not applicable), "-" (none): what the sheet's legend, or clerks' habit, says they mean.
          const meaning = symbolMeaning(raw, ctx.conventions());
          if (meaning) { marked(ind.code, i); if (!ctx.conventions().stated) ctx.symbolCells.push({ cell, raw: cellText(raw) }); break; }
          push("error", "invalid_value", [cell], unit, [ind.code], { cell, raw: parsed.raw, name: ind.label[lang] });
          bad(ind.code, i);
          break;
        }
      }
    }
    // One notice per column: a column typed as text is one habit, not a hundred problems.
    if (textCells) push("info", "text_number", textCells, null, [ind.code], { cell: textCells[0]!, count: textCells.length, column: slot.column, name: ind.label[lang] });
  }
}
