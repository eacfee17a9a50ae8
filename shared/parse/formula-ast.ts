/**
 * An Excel formula as a tree, parsed with Excel's precedence (Microsoft, "Calculation operators
 * and precedence in Excel"): ":" (in references), negation, %, ^, * and /, + and -, &, then the
 * comparisons; all left-associative, so -2^2 is 4 and 2^3^2 is 64, as Excel computes them.
 * The engine (formula-engine.ts) evaluates the tree itself so that IF and IFERROR evaluate only
 * the branch they take, errors travel as values and blank cells read as Excel reads them.
 */
export type FormulaNode =
  | { t: "num"; v: number }
  | { t: "str"; v: string }
  | { t: "bool"; v: boolean }
  | { t: "err"; v: string }
  /** A cell or a range, 0-based and ordered; whole rows ("5:9") and whole columns ("B:B") run to the sheet's last used column or row. */
  | {
    t: "ref"; sheet: string | null; r0: number; r1: number; c0: number; c1: number; wholeRows: boolean; wholeCols?: boolean;
    /** Rows written without "$" in A1 form (0–2: "A$1" none, "A1" one, "A1:B9" two), and which ($ on r0, on r1). */
    relRows?: number; fixedR0?: boolean; fixedR1?: boolean;
  }
  | { t: "neg"; x: FormulaNode }
  | { t: "pct"; x: FormulaNode }
  | { t: "bin"; op: string; a: FormulaNode; b: FormulaNode }
  | { t: "call"; name: string; args: FormulaNode[] }
  /** An empty argument ("IF(A1,,2)"). */
  | { t: "missing" }
  /** A defined name (the book may know it) or anything else the engine does not read. */
  | { t: "unknown"; text: string };

const SHEET = String.raw`(?:'((?:[^']|'')+)'|([\p{L}_][\p{L}\p{N}_.]*))!`;
const CELL = String.raw`(\$?[A-Za-z]{1,3})(\$?[0-9]{1,7})`;
const RE = {
  space: /\s+/y,
  str: /"((?:[^"]|"")*)"/y,
  err: /#(?:NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A)/iy,
  // What Excel writes for a reference to a deleted row of another sheet: 'Số liệu'!#REF!.
  sheetRef: new RegExp(String.raw`${SHEET}#REF!`, "iuy"),
  range: new RegExp(String.raw`(?:${SHEET})?${CELL}(?::${CELL})?(?![\p{L}\p{N}_(])`, "uy"),
  rows: new RegExp(String.raw`(?:${SHEET})?(\$?[0-9]{1,7}):(\$?[0-9]{1,7})(?![\p{L}\p{N}_(.])`, "uy"),
  cols: new RegExp(String.raw`(?:${SHEET})?(\$?[A-Za-z]{1,3}):(\$?[A-Za-z]{1,3})(?![\p{L}\p{N}_(])`, "uy"),
  num: /(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/y,
  name: /[\p{L}_\\][\p{L}\p{N}_.]*/uy,
  op: /<>|<=|>=|[-+*/^&=<>%(),;]/y,
};
const MAX_ROW = 1_048_576;
const MAX_COL = 16_384;

function col(letters: string): number {
  let n = 0;
  for (const ch of letters.replace("$", "").toUpperCase()) n = n * 26 + ch.charCodeAt(0) - 64;
  return n - 1;
}
const row = (s: string) => Number(s.replace("$", "")) - 1;
const sheetName = (q: string | undefined, u: string | undefined) => (q !== undefined ? q.replace(/''/g, "'") : u ?? null);

type Tok = { k: "node"; node: FormulaNode } | { k: "op"; v: string } | { k: "fn"; name: string };

/** A position in the formula's text; a class so that no closure is made per formula. */
class Cursor {
  i = 0;
  constructor(readonly src: string) {}
  at(re: RegExp): RegExpExecArray | null {
    re.lastIndex = this.i;
    const m = re.exec(this.src);
    if (m) this.i = re.lastIndex;
    return m;
  }
}

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  const cur = new Cursor(src);
  let m: RegExpExecArray | null;
  while (cur.i < src.length) {
    const ch = src.charCodeAt(cur.i);
    // Operators and separators first: most of a formula's characters are letters, digits or these.
    if (ch < 48 && ch !== 34 && ch !== 35 && ch !== 36 && ch !== 39 && ch !== 46) {
      if ((m = cur.at(RE.op))) { out.push({ k: "op", v: m[0] }); continue; }
    }
    if (cur.at(RE.space)) continue;
    if ((m = cur.at(RE.str))) { out.push({ k: "node", node: { t: "str", v: m[1]!.replace(/""/g, '"') } }); continue; }
    if (cur.at(RE.sheetRef)) { out.push({ k: "node", node: { t: "err", v: "#REF!" } }); continue; }
    if ((m = cur.at(RE.err))) { out.push({ k: "node", node: { t: "err", v: m[0].toUpperCase() } }); continue; }
    if ((m = cur.at(RE.range))) {
      const [r0, c0] = [row(m[4]!), col(m[3]!)];
      const [r1, c1] = m[5] !== undefined ? [row(m[6]!), col(m[5])] : [r0, c0];
      if (r0 < 0 || r1 < 0 || r0 >= MAX_ROW || r1 >= MAX_ROW || c0 >= MAX_COL || c1 >= MAX_COL) {
        // Beyond the sheet it is a name ("ABC1234567"), not a reference.
        out.push({ k: "node", node: { t: "unknown", text: m[0] } });
        continue;
      }
      const f0 = m[4]!.startsWith("$"), f1 = m[5] !== undefined ? m[6]!.startsWith("$") : f0;
      const relRows = (f0 ? 0 : 1) + (m[5] !== undefined && !f1 ? 1 : 0);
      const swap = r0 > r1;
      out.push({ k: "node", node: { t: "ref", sheet: sheetName(m[1], m[2]), r0: Math.min(r0, r1), r1: Math.max(r0, r1), c0: Math.min(c0, c1), c1: Math.max(c0, c1), wholeRows: false, relRows, fixedR0: swap ? f1 : f0, fixedR1: swap ? f0 : f1 } });
      continue;
    }
    if ((m = cur.at(RE.rows))) {
      const [a, b] = [row(m[3]!), row(m[4]!)];
      out.push({ k: "node", node: { t: "ref", sheet: sheetName(m[1], m[2]), r0: Math.min(a, b), r1: Math.max(a, b), c0: 0, c1: 0, wholeRows: true } });
      continue;
    }
    if ((m = cur.at(RE.cols))) {
      const [a, b] = [col(m[3]!), col(m[4]!)];
      if (a >= MAX_COL || b >= MAX_COL) { out.push({ k: "node", node: { t: "unknown", text: m[0] } }); continue; }
      out.push({ k: "node", node: { t: "ref", sheet: sheetName(m[1], m[2]), r0: 0, r1: 0, c0: Math.min(a, b), c1: Math.max(a, b), wholeRows: false, wholeCols: true } });
      continue;
    }
    if ((m = cur.at(RE.num))) { out.push({ k: "node", node: { t: "num", v: Number(m[0]) } }); continue; }
    if ((m = cur.at(RE.name))) {
      const name = m[0].toUpperCase();
      RE.space.lastIndex = cur.i;
      const after = RE.space.exec(src) ? RE.space.lastIndex : cur.i;
      if (src[after] === "(") { cur.i = after + 1; out.push({ k: "fn", name: name.replace(/^_XLFN\./, "") }); continue; }
      if (name === "TRUE" || name === "FALSE") { out.push({ k: "node", node: { t: "bool", v: name === "TRUE" } }); continue; }
      out.push({ k: "node", node: { t: "unknown", text: m[0] } });
      continue;
    }
    if ((m = cur.at(RE.op))) { out.push({ k: "op", v: m[0] === ";" ? "," : m[0] }); continue; }
    throw new SyntaxError(`unexpected "${src[cur.i]}"`);
  }
  return out;
}

const BINARY: Record<string, number> = { "=": 1, "<>": 1, "<": 1, ">": 1, "<=": 1, ">=": 1, "&": 2, "+": 3, "-": 3, "*": 4, "/": 4, "^": 5 };

/** Recursive descent over the tokens; a class, so no closures are made per formula (thousands a sheet). */
class TreeParser {
  #p = 0;
  constructor(private readonly toks: Tok[]) {}

  run(): FormulaNode {
    const tree = this.expr(0);
    if (this.#p !== this.toks.length) throw new SyntaxError("unexpected text after the formula");
    return tree;
  }
  private peekOp(): string | null { const t = this.toks[this.#p]; return t?.k === "op" ? t.v : null; }
  private primary(): FormulaNode {
    const t = this.toks[this.#p++];
    if (!t) throw new SyntaxError("unexpected end");
    if (t.k === "node") return t.node;
    if (t.k === "fn") {
      const args: FormulaNode[] = [];
      if (this.peekOp() === ")") { this.#p++; return { t: "call", name: t.name, args }; }
      for (;;) {
        const op = this.peekOp();
        args.push(op === "," || op === ")" ? { t: "missing" } : this.expr(0));
        const next = this.peekOp();
        this.#p++;
        if (next === ")") break;
        if (next !== ",") throw new SyntaxError("expected , or )");
      }
      return { t: "call", name: t.name, args };
    }
    if (t.v === "(") {
      const e = this.expr(0);
      if (this.peekOp() !== ")") throw new SyntaxError('expected ")"');
      this.#p++;
      return e;
    }
    throw new SyntaxError(`unexpected "${t.v}"`);
  }
  private postfix(): FormulaNode {
    let x = this.primary();
    while (this.peekOp() === "%") { this.#p++; x = { t: "pct", x }; }
    return x;
  }
  private unary(): FormulaNode {
    const op = this.peekOp();
    if (op === "-") { this.#p++; return { t: "neg", x: this.unary() }; }
    if (op === "+") { this.#p++; return this.unary(); }
    return this.postfix();
  }
  private expr(min: number): FormulaNode {
    let a = this.unary();
    for (let op = this.peekOp(); op !== null && BINARY[op] !== undefined && BINARY[op]! > min; op = this.peekOp()) {
      this.#p++;
      a = { t: "bin", op, a, b: this.expr(BINARY[op]!) };
    }
    return a;
  }
}

/** The formula (without its leading "=") as a tree; a SyntaxError for text Excel would refuse. */
export function parseFormula(src: string): FormulaNode {
  return new TreeParser(tokenize(src)).run();
}

/** Row numbers right after a column's letters (not after "$"): the places a copy down a column changes. */
const ROW_RUN = /(?<=[A-Za-z])[0-9]+/g;

/**
 * A formula's text with each row number after a column's letters made relative to `row`
 * (0-based), and how many there are: "ROUND(C3/B3*100,2)" at row 2 and "ROUND(C4/B4*100,2)" at
 * row 3 have one shape. Only a shape whose every such number is a relative row of a reference
 * in its tree (relativeRows) stands for its copies: a function name (LOG10), a sheet name
 * (Sheet2!) or a number (1E5) keeps its own text.
 */
export function formulaShape(text: string, row: number): { key: string; runs: number } {
  let runs = 0;
  const key = text.replace(ROW_RUN, (d) => { runs++; return `\u0001${Number(d) - 1 - row}`; });
  return { key, runs };
}

/** The rows written without "$" in the tree's A1 references. */
export function relativeRows(n: FormulaNode): number {
  switch (n.t) {
    case "ref": return n.wholeRows ? 0 : n.relRows ?? 0;
    case "neg": case "pct": return relativeRows(n.x);
    case "bin": return relativeRows(n.a) + relativeRows(n.b);
    case "call": { let k = 0; for (const a of n.args) k += relativeRows(a); return k; }
    default: return 0;
  }
}

/** The tree of the same formula copied `dr` rows down (relative rows moved), or null if a row leaves the sheet or a range turns over. */
export function shiftRows(n: FormulaNode, dr: number): FormulaNode | null {
  if (dr === 0) return n;
  switch (n.t) {
    case "ref": {
      if (n.wholeRows || !n.relRows) return n;
      const r0 = n.fixedR0 ? n.r0 : n.r0 + dr, r1 = n.fixedR1 ? n.r1 : n.r1 + dr;
      if (r0 < 0 || r1 >= MAX_ROW || r0 > r1) return null;
      return { ...n, r0, r1 };
    }
    case "neg": case "pct": { const x = shiftRows(n.x, dr); return x === null ? null : x === n.x ? n : { ...n, x }; }
    case "bin": {
      const a = shiftRows(n.a, dr), b = shiftRows(n.b, dr);
      return a === null || b === null ? null : a === n.a && b === n.b ? n : { ...n, a, b };
    }
    case "call": {
      let args: FormulaNode[] | null = null;
      for (let i = 0; i < n.args.length; i++) {
        const x = shiftRows(n.args[i]!, dr);
        if (x === null) return null;
        if (x !== n.args[i]) (args ??= n.args.slice())[i] = x;
      }
      return args ? { ...n, args } : n;
    }
    default: return n;
  }
}

const isLetter = (k: number) => (k >= 65 && k <= 90) || (k >= 97 && k <= 122);
const isDigit = (k: number) => k >= 48 && k <= 57;

/**
 * Whether `b` is `a` copied `dr` rows down as formulaShape reads copies: the same text but for
 * each row number after a column's letters, which is `dr` more. Gives how many such numbers
 * there are, or −1. A loop over the two texts: the common case of a column of copies needs no
 * key string built per formula.
 */
export function copiedDown(a: string, b: string, dr: number): number {
  let i = 0, j = 0, runs = 0;
  const n = a.length, m = b.length;
  while (i < n && j < m) {
    const x = a.charCodeAt(i), y = b.charCodeAt(j);
    if (isDigit(x) && i > 0 && isLetter(a.charCodeAt(i - 1))) {
      if (!isDigit(y) || !isLetter(b.charCodeAt(j - 1))) return -1;
      let u = 0, v = 0;
      while (i < n && isDigit(a.charCodeAt(i))) u = u * 10 + a.charCodeAt(i++) - 48;
      while (j < m && isDigit(b.charCodeAt(j))) v = v * 10 + b.charCodeAt(j++) - 48;
      if (v - u !== dr) return -1;
      runs++;
      continue;
    }
    if (x !== y) return -1;
    i++; j++;
  }
  return i === n && j === m ? runs : -1;
}
