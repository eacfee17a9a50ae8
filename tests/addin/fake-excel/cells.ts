/** Ranges as cells: A1 addresses to boxes and back, and walking the cells of a box as Excel reports or fills them. */
import { a1, parseA1 } from "../../../shared/parse/text.ts";
import type { FakeContext } from "./context.ts";
import { FakeExcelError } from "./errors.ts";
import { DESKTOP_CELL_LIMIT } from "./limits.ts";
import { MAX_COLS, MAX_ROWS, type Box, type FakeCell, type FakeSheet } from "./model.ts";

export interface RangeTarget { sheet: FakeSheet; box: Box }

export function parseBox(address: string): Box {
  const a = address.includes("!") ? address.slice(address.lastIndexOf("!") + 1) : address;
  const [from, to = from, extra] = a.replace(/\$/g, "").toUpperCase().split(":") as [string, string?, string?];
  if (extra !== undefined) throw new FakeExcelError("InvalidArgument", `address ${address}`);
  const col = /^[A-Z]{1,3}$/, row = /^\d{1,7}$/;
  if (col.test(from) && col.test(to!)) {
    const c0 = parseA1(`${from}1`)!.col, c1 = parseA1(`${to}1`)!.col;
    if (c0 >= MAX_COLS || c1 >= MAX_COLS) throw new FakeExcelError("InvalidArgument", `address ${address}`);
    return { r0: 0, c0: Math.min(c0, c1), r1: MAX_ROWS - 1, c1: Math.max(c0, c1) };
  }
  if (row.test(from) && row.test(to!)) {
    const r0 = Number(from) - 1, r1 = Number(to) - 1;
    if (r0 < 0 || r1 < 0 || r0 >= MAX_ROWS || r1 >= MAX_ROWS) throw new FakeExcelError("InvalidArgument", `address ${address}`);
    return { r0: Math.min(r0, r1), c0: 0, r1: Math.max(r0, r1), c1: MAX_COLS - 1 };
  }
  const p = parseA1(from), q = parseA1(to!);
  if (!p || !q || p.row < 1 || q.row < 1 || p.row > MAX_ROWS || q.row > MAX_ROWS || p.col >= MAX_COLS || q.col >= MAX_COLS) {
    throw new FakeExcelError("InvalidArgument", `address ${address}`);
  }
  return { r0: Math.min(p.row, q.row) - 1, c0: Math.min(p.col, q.col), r1: Math.max(p.row, q.row) - 1, c1: Math.max(p.col, q.col) };
}

export function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

export function boxAddress(b: Box): string {
  const tl = a1(b.c0, b.r0 + 1);
  return b.r0 === b.r1 && b.c0 === b.c1 ? tl : `${tl}:${a1(b.c1, b.r1 + 1)}`;
}

export const cellCount = (b: Box) => (b.r1 - b.r0 + 1) * (b.c1 - b.c0 + 1);

/** The existing cells inside a range, cheaply for small ranges on big sheets. */
export function cellsIn(t: RangeTarget): [number, number, FakeCell][] {
  const { box, sheet } = t;
  if (cellCount(box) <= sheet.cells.size) {
    const out: [number, number, FakeCell][] = [];
    for (let r = box.r0; r <= box.r1; r++) for (let c = box.c0; c <= box.c1; c++) { const cell = sheet.get(r, c); if (cell) out.push([r, c, cell]); }
    return out;
  }
  return [...sheet.entries()].filter(([r, c]) => r >= box.r0 && r <= box.r1 && c >= box.c0 && c <= box.c1);
}

/** A cell-by-cell answer; null where the desktop gives up on a huge range. */
export function grid<T>(ctx: FakeContext, t: RangeTarget, f: (c: FakeCell | undefined) => T): T[][] | null {
  const { box } = t;
  if (cellCount(box) > DESKTOP_CELL_LIMIT) {
    if (ctx.host.mode === "web") throw new FakeExcelError("ResponsePayloadSizeLimitExceeded", "range too large to read");
    if (ctx.host.cellLimit() === "error") throw new FakeExcelError("RangeExceedsLimit", `${cellCount(box)} cells`);
    return null;
  }
  const out: T[][] = [];
  for (let r = box.r0; r <= box.r1; r++) {
    const row: T[] = [];
    for (let c = box.c0; c <= box.c1; c++) row.push(f(t.sheet.get(r, c)));
    out.push(row);
  }
  return out;
}

/** Each cell of the box with the matching element of a 2-D argument (or the one scalar for all). */
export function eachInput(t: RangeTarget, value: unknown, name: string, fn: (cell: FakeCell, v: unknown, r: number, c: number) => void): void {
  const { box } = t;
  const rows = box.r1 - box.r0 + 1, cols = box.c1 - box.c0 + 1;
  const is2d = Array.isArray(value);
  if (is2d) {
    const v = value as unknown[][];
    if (v.length !== rows || v.some((row) => !Array.isArray(row) || row.length !== cols)) {
      throw new FakeExcelError("InvalidArgument", `${name}: ${v.length}×${(v[0] as unknown[] | undefined)?.length ?? 0} does not fit ${rows}×${cols}`);
    }
  }
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const cell = t.sheet.cell(box.r0 + r, box.c0 + c);
      fn(cell, is2d ? (value as unknown[][])[r]![c] : value, box.r0 + r, box.c0 + c);
      t.sheet.tidy(box.r0 + r, box.c0 + c);
    }
  }
}

/** Office.js' answer for a span of rows or columns: true if all are hidden, false if none, null if some. */
export function allOrNone(from: number, to: number, hidden: Set<number>): boolean | null {
  if (hidden.size === 0) return false;
  let n = 0;
  if (to - from + 1 > hidden.size) { for (const x of hidden) if (x >= from && x <= to) n++; }
  else for (let x = from; x <= to; x++) if (hidden.has(x)) n++;
  return n === 0 ? false : n === to - from + 1 ? true : null;
}
/** Excel reports one value for a multi-cell range only when all cells agree, else null. */
export function common<T>(targets: RangeTarget[], f: (c: FakeCell | undefined) => T): T | null {
  let first: { v: T } | null = null;
  for (const t of targets) {
    for (let r = t.box.r0; r <= t.box.r1; r++) {
      for (let c = t.box.c0; c <= t.box.c1; c++) {
        const v = f(t.sheet.get(r, c));
        if (!first) first = { v };
        else if (first.v !== v) return null;
      }
    }
  }
  return first ? first.v : null;
}

export function eachCell(targets: RangeTarget[], fn: (cell: FakeCell) => void): void {
  for (const t of targets) {
    if (cellCount(t.box) > DESKTOP_CELL_LIMIT) throw new FakeExcelError("RangeExceedsLimit", `${cellCount(t.box)} cells`);
    for (let r = t.box.r0; r <= t.box.r1; r++) for (let c = t.box.c0; c <= t.box.c1; c++) { fn(t.sheet.cell(r, c)); t.sheet.tidy(r, c); }
  }
}
