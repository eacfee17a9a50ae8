// The one formula engine of the product: the preview recomputes its workbook with it, and the
// reader computes formulas a file was saved without results for (files written by tools other
// than Excel), so totals and rates are checked either way. The formula is parsed and evaluated
// here (formula-ast.ts, formula-values.ts, formula-functions.ts) so that IF and IFERROR take
// only their branch, errors are values and blank cells read as in Excel; hot-formula-parser
// (MIT) evaluates with both branches and throws on an error, so it is kept only as the library
// of the functions not written here (its formula.js functions).
import { Parser } from "hot-formula-parser";
import { copiedDown, formulaShape, parseFormula, relativeRows, shiftRows, type FormulaNode } from "./formula-ast.ts";
import { FUNCTIONS, type Arg } from "./formula-functions.ts";
import { compare, E, finite, isRange, scalar, toBool, toNum, toText, XErr, type XRange, type XScalar, type XValue } from "./formula-values.ts";

export type FormulaValue = string | number | boolean;

/** A sheet as the engine sees it: 0-based cells, each a value or a formula ("=SUM(B2:B9)"). */
export interface FormulaSheet {
  /** A key unique in the book (the sheet's id or name). */
  readonly key: string;
  value(r: number, c: number): FormulaValue;
  /** The cell's formula with its leading "=", or null. */
  formula(r: number, c: number): string | null;
  /** The last used column (0-based), for whole-row references to another sheet. */
  lastColumn(): number;
  /** The last used row (0-based), for whole-column references ("B:B"); without it they cannot be computed. */
  lastRow?(): number;
}

export interface FormulaBook {
  sheet(name: string): FormulaSheet | null;
  /** A defined name's definition as the workbook holds it ("'Biểu 02'!$B$5:$B$9", "0.5"), seen from `from`; null when the book has no such name. */
  name?(name: string, from: FormulaSheet): string | null;
}

/** What the reader asks of an engine: a formula cell's value, or null when it cannot compute it. */
export interface FormulaEngine {
  valueAt(sheet: FormulaSheet, r: number, c: number, unknown: FormulaValue | null): FormulaValue | null;
}
export type FormulaEngineFactory = (book: FormulaBook) => FormulaEngine;

/** The core's engine for hosts that read files (ReadOptions.formulaEngine). */
export const formulaEngine: FormulaEngineFactory = (book) => new FormulaEvaluator(book);

/** A range larger than this reads as empty (a hostile "A1:XFD1048576" never allocates a million rows). */
export const MAX_RANGE_CELLS = 1_000_000;
const ERRORS = new Set(["#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"]);

/** A cell being computed, in the map of computed cells. */
const VISITING: unique symbol = Symbol("visiting");

/** A sheet's computed cells of one row, by column. */
type Done = (FormulaValue | typeof VISITING | undefined)[];

/** A formula's tree as parsed at `row`, its text there and how many row numbers it holds (formulaShape). */
interface Shape { tree: FormulaNode; row: number; text: string; runs: number }

/** Thrown when a formula needs what the engine cannot compute (a function it does not know, a defined name). */
class Uncomputable extends Error {}

/** A cell's stored value as Excel's calculation sees it: "" is a blank, "#DIV/0!" an error. */
function stored(v: FormulaValue): XScalar {
  if (v === "") return null;
  if (typeof v === "string" && ERRORS.has(v)) return new XErr(v);
  return v;
}

/** Functions whose arguments are evaluated only when taken: the branch IF does not take never runs. */
const LAZY = new Set(["IF", "IFERROR", "IFNA", "IFS"]);
/** Functions whose result is a reference (a range of some sheet), not a value. */
const REFERENCE = new Set(["INDIRECT", "OFFSET"]);
const MAX_ROWS = 1_048_576;
const MAX_COLS = 16_384;
/** Defined names defined by names: deeper than this is taken for a circle. */
const MAX_NAME_DEPTH = 16;

/** A rectangle of a sheet, 0-based and ordered: what a reference, INDIRECT, OFFSET or a defined name stands for. */
interface Target { sheet: FormulaSheet; r0: number; r1: number; c0: number; c1: number }

/** Whether the node stands for a reference: SUM and COUNT then skip text and logicals in it, as in cells. */
function isReference(n: FormulaNode): boolean {
  return n.t === "ref" || n.t === "unknown" || (n.t === "call" && REFERENCE.has(n.name));
}

/** An R1C1 reference with absolute numbers ("R5C2", "R2C2:R9C3"); null for anything else (relative forms are not read). */
function r1c1(text: string): { sheet: string | null; r0: number; r1: number; c0: number; c1: number } | null {
  const m = /^(?:(?:'((?:[^']|'')+)'|([\p{L}_][\p{L}\p{N}_.]*))!)?R([0-9]+)C([0-9]+)(?::R([0-9]+)C([0-9]+))?$/iu.exec(text.trim());
  if (!m) return null;
  const [ra, ca] = [Number(m[3]) - 1, Number(m[4]) - 1];
  const [rb, cb] = m[5] !== undefined ? [Number(m[5]) - 1, Number(m[6]) - 1] : [ra, ca];
  return { sheet: m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2] ?? null, r0: Math.min(ra, rb), r1: Math.max(ra, rb), c0: Math.min(ca, cb), c1: Math.max(ca, cb) };
}

/** What a formula cell is worth, every formula it reads computed first (once), circles an error, never a hang. */
export class FormulaEvaluator {
  // Per sheet, by row × 16,384 + column: no string is built per cell read.
  readonly #done = new Map<string, Done[]>();
  #lastKey: string | null = null;
  #lastDone: Done[] | null = null;
  readonly #trees = new Map<string, FormulaNode | null>();
  /** Trees by formulaShape, with the row they were parsed at. */
  readonly #shapes = new Map<string, Shape>();
  /** By sheet, each column's last shape. */
  readonly #lastInColumn = new Map<string, (Shape | undefined)[]>();
  #library: Parser | null = null;
  #nameDepth = 0;

  constructor(private readonly book: FormulaBook) {}

  /**
   * The cell's value: its own when it holds no formula, else the formula's result. `unknown`
   * is returned for a formula the engine cannot compute (a function it does not know, which
   * Excel would compute).
   */
  valueAt(sheet: FormulaSheet, r: number, c: number, unknown: FormulaValue | null = null): FormulaValue | null {
    const f = sheet.formula(r, c);
    if (!f) return sheet.value(r, c);
    let done: Done[];
    if (this.#lastKey === sheet.key) done = this.#lastDone!;
    else {
      let d = this.#done.get(sheet.key);
      if (!d) { d = []; this.#done.set(sheet.key, d); }
      this.#lastKey = sheet.key;
      this.#lastDone = d;
      done = d;
    }
    // By row, then column: a map of 1.5 million computed cells cost more than computing them.
    const row = (done[r] ??= []);
    const known = row[c];
    if (known === VISITING) return "#REF!";
    if (known !== undefined) return known;
    // Marked while it is computed: a formula that comes back to itself is a circle.
    row[c] = VISITING;
    let v: FormulaValue | null;
    try { v = this.#result(f.charCodeAt(0) === 61 ? f.slice(1) : f, sheet, r, c); } catch (e) { if (!(e instanceof Uncomputable)) { row[c] = undefined; throw e; } v = null; }
    const out = v === null ? unknown : v;
    row[c] = out === null ? undefined : out;
    return out;
  }

  /**
   * The formula's tree: a copy of a formula down a column ("C3/B3" on row 3, "C4/B4" on row 4) is
   * the first copy's tree moved, not parsed again. Keeping a tree per text kept 1.5 million trees
   * for a 10,000-row sheet saved without results, and collecting them was most of its time.
   */
  #tree(text: string, row: number, col: number, sheet: string): FormulaNode | null {
    // The column's last shape first: a column of copies is checked against it in one loop.
    let last = this.#lastInColumn.get(sheet);
    if (!last) { last = []; this.#lastInColumn.set(sheet, last); }
    const prev = last[col];
    if (prev && copiedDown(prev.text, text, row - prev.row) === prev.runs) {
      const moved = shiftRows(prev.tree, row - prev.row);
      if (moved) return moved;
    }
    const known = this.#trees.get(text);
    if (known !== undefined) return known;
    const { key, runs } = formulaShape(text, row);
    const shape = runs > 0 ? this.#shapes.get(key) : undefined;
    if (shape) {
      const moved = shiftRows(shape.tree, row - shape.row);
      if (moved) { last[col] = shape; return moved; }
    }
    let tree: FormulaNode | null;
    try { tree = parseFormula(text); } catch { tree = null; }
    if (tree && runs > 0 && !shape && relativeRows(tree) === runs) {
      const made = { tree, row, text, runs };
      this.#shapes.set(key, made);
      last[col] = made;
    } else this.#trees.set(text, tree);
    return tree;
  }

  #result(text: string, own: FormulaSheet, row: number, col: number): FormulaValue | null {
    const tree = this.#tree(text, row, col, own.key);
    if (tree === null) return null;
    const v = scalar(this.#eval(tree, own));
    // A formula that reads a blank cell shows 0, as in Excel.
    if (v === null) return 0;
    if (v instanceof XErr) return v.code;
    return typeof v === "number" ? (Number.isFinite(v) ? v : "#NUM!") : v;
  }

  /** A referenced cell: a formula it holds is computed; one the engine cannot compute is its stored value, or makes this formula uncomputable. */
  #cell(sheet: FormulaSheet, r: number, c: number): XScalar {
    const v = this.valueAt(sheet, r, c, null);
    if (v !== null) return stored(v);
    const saved = sheet.value(r, c);
    if (saved === "") throw new Uncomputable();
    return stored(saved);
  }

  /** The values a reference stands for: one cell's value, or the range's. */
  #read(t: Target): XValue {
    if (t.r0 === t.r1 && t.c0 === t.c1) return this.#cell(t.sheet, t.r0, t.c0);
    if ((t.r1 - t.r0 + 1) * (t.c1 - t.c0 + 1) > MAX_RANGE_CELLS) return { cells: [] } satisfies XRange;
    const cells: XScalar[][] = [];
    for (let r = t.r0; r <= t.r1; r++) { const row: XScalar[] = []; for (let c = t.c0; c <= t.c1; c++) row.push(this.#cell(t.sheet, r, c)); cells.push(row); }
    return { cells } satisfies XRange;
  }

  /** What a reference node stands for: a written reference, INDIRECT, OFFSET or a defined name; an error as Excel gives it. */
  #target(n: FormulaNode, own: FormulaSheet): Target | XErr {
    if (n.t === "ref") {
      const sheet = n.sheet === null ? own : this.book.sheet(n.sheet);
      if (!sheet) return E.ref;
      if (n.wholeCols) {
        if (!sheet.lastRow) throw new Uncomputable();
        return { sheet, r0: 0, r1: Math.max(0, sheet.lastRow()), c0: n.c0, c1: n.c1 };
      }
      return { sheet, r0: n.r0, r1: n.r1, c0: n.c0, c1: n.wholeRows ? Math.max(0, sheet.lastColumn()) : n.c1 };
    }
    if (n.t === "unknown") {
      const tree = this.#name(n.text, own);
      return isReference(tree) ? this.#nameTarget(tree, own) : E.value;
    }
    if (n.t === "call" && n.name === "INDIRECT") return this.#indirect(n.args, own);
    if (n.t === "call" && n.name === "OFFSET") return this.#offset(n.args, own);
    return E.value;
  }

  #nameTarget(tree: FormulaNode, own: FormulaSheet): Target | XErr {
    this.#nameDepth++;
    try { return this.#target(tree, own); } finally { this.#nameDepth--; }
  }

  /** A defined name's definition as a tree; a name the book does not know cannot be computed (Excel would say #NAME? only if it has none either). */
  #name(text: string, own: FormulaSheet): FormulaNode {
    if (this.#nameDepth >= MAX_NAME_DEPTH) throw new Uncomputable();
    const def = this.book.name?.(text, own) ?? null;
    if (def === null) throw new Uncomputable();
    const src = def.replace(/^=/, "");
    let tree = this.#trees.get(src);
    if (tree === undefined) {
      try { tree = parseFormula(src); } catch { tree = null; }
      this.#trees.set(src, tree);
    }
    if (tree === null) throw new Uncomputable();
    return tree;
  }

  /** "INDIRECT function": the reference named by text, A1 style (the sheet's name may lead it) or, with FALSE, R1C1; a text that names none is #REF!. */
  #indirect(args: FormulaNode[], own: FormulaSheet): Target | XErr {
    if (args.length < 1 || args.length > 2) return E.value;
    const text = toText(this.#eval(args[0]!, own));
    if (text instanceof XErr) return text;
    const style = args[1] && args[1].t !== "missing" ? toBool(this.#eval(args[1], own)) : true;
    if (style instanceof XErr) return style;
    if (!style) {
      const r = r1c1(text);
      if (!r) return E.ref;
      const sheet = r.sheet === null ? own : this.book.sheet(r.sheet);
      return sheet && r.r1 < MAX_ROWS && r.c1 < MAX_COLS ? { sheet, r0: r.r0, r1: r.r1, c0: r.c0, c1: r.c1 } : E.ref;
    }
    let tree: FormulaNode;
    try { tree = parseFormula(text.trim().replace(/^=/, "")); } catch { return E.ref; }
    if (tree.t === "ref") return this.#target(tree, own);
    // A defined name given as text: its reference; a name that is not one is #REF!.
    if (tree.t === "unknown" && this.book.name?.(tree.text, own)) return this.#target(tree, own);
    return E.ref;
  }

  /** "OFFSET function": the reference moved by rows and columns, of the given height and width (the reference's own when left out); off the sheet, or a height or width under 1, is #REF!. */
  #offset(args: FormulaNode[], own: FormulaSheet): Target | XErr {
    if (args.length < 3 || args.length > 5) return E.value;
    if (!isReference(args[0]!)) return E.value;
    const base = this.#target(args[0]!, own);
    if (base instanceof XErr) return base;
    const num = (i: number, dflt: number): number | XErr => {
      const a = args[i];
      if (!a || a.t === "missing") return dflt;
      const v = toNum(this.#eval(a, own));
      return v instanceof XErr ? v : Math.trunc(v);
    };
    const rows = num(1, 0), cols = num(2, 0), height = num(3, base.r1 - base.r0 + 1), width = num(4, base.c1 - base.c0 + 1);
    for (const v of [rows, cols, height, width]) if (v instanceof XErr) return v;
    const [dr, dc, h, w] = [rows, cols, height, width] as number[];
    if (h! < 1 || w! < 1) return E.ref;
    const r0 = base.r0 + dr!, c0 = base.c0 + dc!;
    const r1 = r0 + h! - 1, c1 = c0 + w! - 1;
    if (r0 < 0 || c0 < 0 || r1 >= MAX_ROWS || c1 >= MAX_COLS) return E.ref;
    return { sheet: base.sheet, r0, r1, c0, c1 };
  }

  /** A value over each cell of a range (array arithmetic, as SUMPRODUCT((C5:C20="Tốt")*1) needs), or over the value itself. */
  #each(x: XValue, f: (v: XScalar) => XScalar): XValue {
    return isRange(x) && !(x.cells.length === 1 && x.cells[0]!.length === 1) ? { cells: x.cells.map((row) => row.map(f)) } : f(scalar(x));
  }

  #eval(n: FormulaNode, own: FormulaSheet): XValue {
    switch (n.t) {
      case "num": case "str": case "bool": return n.v;
      case "err": return new XErr(n.v);
      case "missing": return null;
      case "unknown": {
        // A defined name: the range it names, or the value of the formula it stands for.
        const tree = this.#name(n.text, own);
        this.#nameDepth++;
        try {
          if (isReference(tree)) { const t = this.#target(tree, own); return t instanceof XErr ? t : this.#read(t); }
          return this.#eval(tree, own);
        } finally { this.#nameDepth--; }
      }
      case "ref": { const t = this.#target(n, own); return t instanceof XErr ? t : this.#read(t); }
      case "neg": return this.#each(this.#eval(n.x, own), (v) => { const x = toNum(v); return x instanceof XErr ? x : -x; });
      case "pct": return this.#each(this.#eval(n.x, own), (v) => { const x = toNum(v); return x instanceof XErr ? x : x / 100; });
      case "bin": return this.#binaryOver(n.op, this.#eval(n.a, own), this.#eval(n.b, own));
      case "call":
        if (REFERENCE.has(n.name)) { const t = this.#target(n, own); return t instanceof XErr ? t : this.#read(t); }
        return LAZY.has(n.name) ? this.#lazy(n.name, n.args, own) : this.#call(n.name, n.args, own);
    }
  }

  /**
   * An operator over ranges works cell by cell (Excel's array arithmetic): a single row or
   * column is repeated along the other operand, cells beyond a smaller range are #N/A.
   */
  #binaryOver(op: string, a: XValue, b: XValue): XValue {
    const multi = (x: XValue): x is XRange => isRange(x) && !(x.cells.length === 1 && x.cells[0]!.length === 1);
    if (!multi(a) && !multi(b)) return this.#binary(op, a, b);
    const dims = (x: XValue): [number, number] => (multi(x) ? [x.cells.length, x.cells[0]?.length ?? 0] : [1, 1]);
    const [ra, ca] = dims(a), [rb, cb] = dims(b);
    const rows = Math.max(ra, rb), cols = Math.max(ca, cb);
    const at = (x: XValue, nr: number, nc: number, r: number, c: number): XScalar => {
      if (!multi(x)) return scalar(x);
      const rr = nr === 1 ? 0 : r, cc = nc === 1 ? 0 : c;
      return rr < nr && cc < nc ? x.cells[rr]![cc]! : E.na;
    };
    const cells: XScalar[][] = [];
    for (let r = 0; r < rows; r++) {
      const row: XScalar[] = [];
      for (let c = 0; c < cols; c++) row.push(this.#binary(op, at(a, ra, ca, r, c), at(b, rb, cb, r, c)) as XScalar);
      cells.push(row);
    }
    return { cells };
  }

  #binary(op: string, a: XValue, b: XValue): XValue {
    if (op === "&") { const x = toText(a), y = toText(b); return x instanceof XErr ? x : y instanceof XErr ? y : x + y; }
    if (op === "=" || op === "<>" || op === "<" || op === ">" || op === "<=" || op === ">=") {
      const d = compare(a, b);
      if (d instanceof XErr) return d;
      return op === "=" ? d === 0 : op === "<>" ? d !== 0 : op === "<" ? d < 0 : op === ">" ? d > 0 : op === "<=" ? d <= 0 : d >= 0;
    }
    const x = toNum(a), y = toNum(b);
    if (x instanceof XErr) return x;
    if (y instanceof XErr) return y;
    switch (op) {
      case "+": return finite(x + y);
      case "-": return finite(x - y);
      case "*": return finite(x * y);
      // Any number over zero, 0/0 included, is #DIV/0! ("#DIV/0! error").
      case "/": return y === 0 ? E.div0 : finite(x / y);
      case "^": return x === 0 && y === 0 ? E.num : finite(x ** y);
    }
    return E.value;
  }

  /** IF, IFERROR, IFNA, IFS: only the argument chosen is evaluated ("IF function", "IFERROR function"). */
  #lazy(name: string, args: FormulaNode[], own: FormulaSheet): XValue {
    if (name === "IF") {
      if (args.length < 2 || args.length > 3) return E.value;
      const cond = scalar(this.#arg(own, args, 0));
      const b = cond instanceof XErr ? cond : typeof cond === "string" ? (cond.toUpperCase() === "TRUE" ? true : cond.toUpperCase() === "FALSE" ? false : E.value) : Boolean(cond);
      if (b instanceof XErr) return b;
      // IF(c,x) is FALSE when c is false; an empty branch IF(c,,y) is 0.
      if (b) return args[1]!.t === "missing" ? 0 : this.#arg(own, args, 1);
      return args.length < 3 ? false : args[2]!.t === "missing" ? 0 : this.#arg(own, args, 2);
    }
    if (name === "IFS") {
      for (let i = 0; i + 1 < args.length; i += 2) {
        const cond = scalar(this.#arg(own, args, i));
        if (cond instanceof XErr) return cond;
        if (cond === true || (typeof cond === "number" && cond !== 0)) return this.#arg(own, args, i + 1);
      }
      return E.na;
    }
    if (args.length !== 2) return E.value;
    const v = this.#arg(own, args, 0);
    const s = scalar(v);
    const caught = name === "IFERROR" ? s instanceof XErr : s instanceof XErr && s.code === "#N/A";
    return caught ? (args[1]!.t === "missing" ? 0 : this.#arg(own, args, 1)) : v;
  }

  #arg(own: FormulaSheet, args: FormulaNode[], i: number): XValue {
    const n = args[i];
    return n ? this.#eval(n, own) : null;
  }

  #call(name: string, nodes: FormulaNode[], own: FormulaSheet): XValue {
    // SUMIF's sum_range is read from its top-left cell with the size of range ("SUMIF function").
    if ((name === "SUMIF" || name === "AVERAGEIF") && nodes[0]?.t === "ref" && nodes[2]?.t === "ref") {
      const [r, s] = [nodes[0], nodes[2]];
      nodes = [r, nodes[1]!, { ...s, r1: s.r0 + (r.r1 - r.r0), c1: s.c0 + (r.c1 - r.c0), wholeRows: false }];
    }
    const args: Arg[] = nodes.map((n) => ({ v: this.#eval(n, own), ref: isReference(n) }));
    const f = FUNCTIONS[name];
    return f ? f(args) : this.#fromLibrary(name, args);
  }

  /** A function not written here, from hot-formula-parser's library; one it does not know either makes the formula uncomputable. */
  #fromLibrary(name: string, args: Arg[]): XValue {
    if (!/^[A-Z][A-Z0-9.]*$/.test(name)) throw new Uncomputable();
    const plain = (v: XScalar): unknown => (v instanceof XErr ? v.code : v);
    const values = args.map((a) => (isRange(a.v) ? a.v.cells.map((row) => row.map(plain)) : plain(a.v)));
    const p = (this.#library ??= new Parser());
    p.setFunction("HTCTARG", (params) => values[Number(params[0])] ?? null);
    const { error, result } = p.parse(`${name}(${values.map((_, i) => `HTCTARG(${i})`).join(",")})`);
    if (error === "#NAME?" || error === "#ERROR!") throw new Uncomputable();
    if (error) return new XErr(ERRORS.has(error) ? error : "#VALUE!");
    if (typeof result === "number") return finite(result);
    if (typeof result === "string") return ERRORS.has(result) ? new XErr(result) : result;
    if (typeof result === "boolean") return result;
    if (result === null || result === undefined) return null;
    throw new Uncomputable();
  }
}
