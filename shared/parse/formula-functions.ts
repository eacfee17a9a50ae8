/**
 * The worksheet functions clerks use, with Excel's semantics (each note cites Microsoft's
 * function page where a result is subtle). Arguments arrive evaluated, each with whether it was
 * a reference: SUM counts text and TRUE typed as arguments but ignores them in cells ("SUM
 * function"). IF, IFERROR, IFNA and IFS are lazy and live in the engine, which evaluates only the
 * branch taken. A function not here is handed to hot-formula-parser's library by the engine.
 */
import { compare, E, finite, isRange, scalar, textNumber, toBool, toNum, toText, XErr, type XScalar, type XValue } from "./formula-values.ts";

export interface Arg { v: XValue; ref: boolean }
export type XFunction = (args: Arg[]) => XValue;

function* cellsOf(a: Arg): Generator<XScalar> {
  if (isRange(a.v)) { for (const row of a.v.cells) yield* row; } else yield a.v;
}

/**
 * The numbers of the arguments as SUM, AVERAGE, MIN and MAX take them: in references only
 * numbers (text, logicals, blanks skipped; an error is the result); typed arguments coerced.
 */
function numbers(args: Arg[]): number[] | XErr {
  const out: number[] = [];
  for (const a of args) {
    if (a.ref || isRange(a.v)) {
      for (const c of cellsOf(a)) { if (c instanceof XErr) return c; if (typeof c === "number") out.push(c); }
    } else if (a.v !== null) {
      const n = toNum(a.v);
      if (n instanceof XErr) return n;
      out.push(n);
    }
  }
  return out;
}

const agg = (f: (ns: number[]) => number | XErr): XFunction => (args) => { const ns = numbers(args); return ns instanceof XErr ? ns : f(ns); };

/** Decimal shift without binary drift: 1.005 shifted by 2 is 100.5 exactly, as Excel rounds it. */
function shift(x: number, digits: number): number {
  // An integer shifted down is the integer over a power of ten, correctly rounded as the string is.
  if (digits < 0 && digits >= -15 && Number.isInteger(x) && x < 1e15 && x > -1e15) return x / POW10[-digits]!;
  const [m, e] = Number(x.toPrecision(15)).toExponential().split("e");
  return Number(`${m}e${Number(e) + digits}`);
}
const POW10 = Array.from({ length: 16 }, (_, i) => 10 ** i);
/**
 * how(shift(x, digits)) without strings when the answer cannot depend on the decimal shift's
 * last bits: x × 10^digits in floating point is within 10^-13 (relative) of the decimal shift,
 * so when `how` gives the same integer on both sides of that margin it gives it for the
 * decimal shift too. Only values at a rounding boundary (2.675, 1.005) take the string path.
 */
function roundShifted(how: (x: number) => number, x: number, digits: number): number {
  if (digits >= 0 && digits <= 15 && x < 1e15) {
    const y = x * POW10[digits]!;
    const margin = y * 1e-13 + 1e-300;
    const a = how(y - margin);
    if (a === how(y + margin)) return a === 0 ? 0 : a; // never -0 from below zero's margin
  }
  return how(shift(x, digits));
}

/** ROUND/ROUNDUP/ROUNDDOWN on the magnitude, sign kept: Excel rounds half away from zero ("ROUND function"). */
const rounding = (how: (x: number) => number): XFunction => ([x, d]) => {
  const n = toNum(x?.v ?? null);
  const k = toNum(d?.v ?? null);
  if (n instanceof XErr) return n;
  if (k instanceof XErr) return k;
  const digits = Math.trunc(k);
  const r = shift(roundShifted(how, Math.abs(n), digits), -digits);
  return finite(n < 0 ? -r : r);
};

/** A criterion of COUNTIF/SUMIF(S): ">5", "<>x", "", "Đạt", 5, "a*" ("COUNTIF function"). */
function criterion(c: XValue): (v: XScalar) => boolean {
  const s = scalar(c);
  if (s === null) return (v) => v === 0;
  if (typeof s === "number") return (v) => (typeof v === "number" ? v === s : typeof v === "string" && textNumber(v) === s);
  if (typeof s === "boolean") return (v) => v === s;
  if (s instanceof XErr) return (v) => v instanceof XErr && v.code === s.code;
  const m = /^(<=|>=|<>|<|>|=)?([\s\S]*)$/.exec(s)!;
  const op = m[1] ?? "=";
  const rest = m[2]!;
  const n = textNumber(rest);
  if (rest === "") {
    // "" and "=" match blank cells; "<>" matches every cell that is not blank.
    if (op === "=") return (v) => v === null || v === "";
    if (op === "<>") return (v) => v !== null && v !== "";
    return () => false;
  }
  if (n !== null) {
    const test = (d: number) => (op === "=" ? d === 0 : op === "<>" ? d !== 0 : op === "<" ? d < 0 : op === ">" ? d > 0 : op === "<=" ? d <= 0 : d >= 0);
    return (v) => (typeof v === "number" ? test(v - n) : op === "<>");
  }
  if (op === "=" || op === "<>") {
    // Wildcards: ? one character, * any run, ~ escapes them.
    const re = wildcard(rest);
    const eq = (v: XScalar) => typeof v === "string" && re.test(v);
    return op === "=" ? eq : (v) => !eq(v);
  }
  return (v) => {
    if (typeof v !== "string") return false;
    const d = compare(v, rest) as number;
    return op === "<" ? d < 0 : op === ">" ? d > 0 : op === "<=" ? d <= 0 : d >= 0;
  };
}

const grid = (a: Arg | undefined): XScalar[][] => (!a ? [] : isRange(a.v) ? a.v.cells : [[a.v as XScalar]]);

/** The cells of SUMIFS-style pairs that meet every criterion, as [row, col] in the first range; #VALUE! when shapes differ. */
function matching(pairs: Arg[]): [number, number][] | XErr {
  if (pairs.length < 2 || pairs.length % 2) return E.value;
  const first = grid(pairs[0]);
  const tests: { g: XScalar[][]; ok: (v: XScalar) => boolean }[] = [];
  for (let i = 0; i < pairs.length; i += 2) {
    const g = grid(pairs[i]);
    if (g.length !== first.length || g[0]?.length !== first[0]?.length) return E.value;
    tests.push({ g, ok: criterion(pairs[i + 1]!.v) });
  }
  const out: [number, number][] = [];
  first.forEach((row, r) => row.forEach((_, c) => { if (tests.every((t) => t.ok(t.g[r]![c]!))) out.push([r, c]); }));
  return out;
}
const sumAt = (g: XScalar[][], at: [number, number][]) => {
  let sum = 0, n = 0;
  for (const [r, c] of at) { const v = g[r]?.[c]; if (typeof v === "number") { sum += v; n++; } }
  return { sum, n };
};

function lookup(key: XValue, table: XScalar[][], exact: boolean): number | XErr {
  const k = scalar(key);
  if (k instanceof XErr) return k;
  if (exact) { const i = table.findIndex((row) => compare(row[0] ?? null, k) === 0 && row[0] !== null); return i < 0 ? E.na : i; }
  // Approximate: the last row whose key is not above the one sought, the first column sorted ("VLOOKUP function").
  let best = -1;
  for (let i = 0; i < table.length; i++) {
    const v = table[i]![0] ?? null;
    if (v === null || typeof v !== typeof k) continue;
    if ((compare(v, k) as number) <= 0) best = i; else break;
  }
  return best < 0 ? E.na : best;
}

/** A one-row or one-column range as a list (MATCH's lookup_array); null for a larger one. */
function vector(g: XScalar[][]): XScalar[] | null {
  if (g.length === 1) return g[0]!;
  if (g.every((row) => row.length === 1)) return g.map((row) => row[0]!);
  return null;
}

/** An optional number argument (truncated), `dflt` when left out; an empty argument is 0. */
function intArg(a: Arg | undefined, dflt: number): number | XErr {
  if (!a) return dflt;
  const n = toNum(a.v);
  return n instanceof XErr ? n : Math.trunc(n);
}

/** The text criterion of an exact MATCH: ? one character, * any run, ~ escapes them, case ignored ("MATCH function"). */
function wildcard(k: string): RegExp {
  return new RegExp(`^${k.replace(/~([*?~])|([*?])|([.+^${}()|[\]\\])/g, (_, lit, wild, meta) => (lit ? `\\${lit}` : wild ? (wild === "*" ? "[\\s\\S]*" : "[\\s\\S]") : `\\${meta}`))}$`, "iu");
}

/**
 * "MATCH function": the 1-based position of the key in a row or column. 0: the first value
 * equal to it (text wildcards allowed); 1 or left out: the largest value not above it, the list
 * sorted ascending; -1: the smallest value not below it, the list sorted descending. No such
 * value, or a lookup_array of more than one row and column, is #N/A.
 */
function match(key: XValue, list: XScalar[], mode: number): number | XErr {
  const k = scalar(key);
  if (k instanceof XErr) return k;
  if (k === null) return E.na;
  if (mode === 0) {
    const re = typeof k === "string" && /[*?~]/.test(k) ? wildcard(k) : null;
    const i = list.findIndex((v) => v !== null && (re ? typeof v === "string" && re.test(v) : compare(v, k) === 0));
    return i < 0 ? E.na : i + 1;
  }
  let best = -1;
  for (let i = 0; i < list.length; i++) {
    const v = list[i]!;
    if (v === null || v instanceof XErr || typeof v !== typeof k) continue;
    const d = compare(v, k) as number;
    if (mode > 0 ? d <= 0 : d >= 0) best = i; else break;
  }
  return best < 0 ? E.na : best + 1;
}

/** The cells that meet every criterion of *IFS pairs, read from another range of the same shape. */
function ifsValues(target: Arg | undefined, pairs: Arg[]): number[] | XErr {
  const at = matching(pairs);
  if (at instanceof XErr) return at;
  const g = grid(target);
  const first = grid(pairs[0]);
  if (g.length !== first.length || g[0]?.length !== first[0]?.length) return E.value;
  const out: number[] = [];
  for (const [r, c] of at) { const v = g[r]![c]!; if (typeof v === "number") out.push(v); }
  return out;
}

export const FUNCTIONS: Record<string, XFunction> = {
  SUM: agg((ns) => finite(ns.reduce((s, n) => s + n, 0))),
  // "AVERAGE function": cells with text, logicals or nothing are ignored; no number at all is #DIV/0!.
  AVERAGE: agg((ns) => (ns.length ? ns.reduce((s, n) => s + n, 0) / ns.length : E.div0)),
  // "MIN function"/"MAX function": no number in the arguments gives 0.
  MIN: agg((ns) => (ns.length ? Math.min(...ns) : 0)),
  MAX: agg((ns) => (ns.length ? Math.max(...ns) : 0)),
  PRODUCT: agg((ns) => finite(ns.reduce((s, n) => s * n, 1))),
  // "COUNT function": numbers in references; typed numbers and numeric text; errors never counted.
  COUNT: (args) => {
    let n = 0;
    for (const a of args) {
      if (a.ref || isRange(a.v)) { for (const c of cellsOf(a)) if (typeof c === "number") n++; }
      else if (typeof a.v === "number" || typeof a.v === "boolean" || (typeof a.v === "string" && textNumber(a.v) !== null)) n++;
    }
    return n;
  },
  // "COUNTA function": every cell that is not empty, errors included.
  COUNTA: (args) => { let n = 0; for (const a of args) for (const c of cellsOf(a)) if (c !== null && !(c === "" && a.ref)) n++; return n; },
  COUNTBLANK: (args) => { let n = 0; for (const a of args) for (const c of cellsOf(a)) if (c === null || c === "") n++; return n; },
  COUNTIF: ([range, crit]) => { if (!range || !crit) return E.value; const ok = criterion(crit.v); let n = 0; for (const c of cellsOf(range)) if (ok(c)) n++; return n; },
  COUNTIFS: (args) => { const at = matching(args); return at instanceof XErr ? at : at.length; },
  // "SUMIF function": sum_range is read from its top-left cell with the size of range.
  SUMIF: ([range, crit, sum]) => {
    if (!range || !crit) return E.value;
    const g = grid(range), ok = criterion(crit.v), s = sum ? grid(sum) : g;
    const at: [number, number][] = [];
    g.forEach((row, r) => row.forEach((v, c) => { if (ok(v)) at.push([r, c]); }));
    return sumAt(s, at).sum;
  },
  SUMIFS: ([sum, ...pairs]) => { const at = matching(pairs); if (at instanceof XErr) return at; const g = grid(sum); if (g.length !== grid(pairs[0]).length) return E.value; return sumAt(g, at).sum; },
  AVERAGEIF: ([range, crit, avg]) => {
    if (!range || !crit) return E.value;
    const g = grid(range), ok = criterion(crit.v), s = avg ? grid(avg) : g;
    const at: [number, number][] = [];
    g.forEach((row, r) => row.forEach((v, c) => { if (ok(v)) at.push([r, c]); }));
    const { sum, n } = sumAt(s, at);
    return n ? sum / n : E.div0;
  },
  ROUND: rounding(Math.round),
  ROUNDUP: rounding(Math.ceil),
  ROUNDDOWN: rounding(Math.floor),
  INT: ([x]) => { const n = toNum(x?.v ?? null); return n instanceof XErr ? n : Math.floor(n); },
  ABS: ([x]) => { const n = toNum(x?.v ?? null); return n instanceof XErr ? n : Math.abs(n); },
  // "MOD function": the result has the divisor's sign; a zero divisor is #DIV/0!.
  MOD: ([x, d]) => { const n = toNum(x?.v ?? null), m = toNum(d?.v ?? null); if (n instanceof XErr) return n; if (m instanceof XErr) return m; return m === 0 ? E.div0 : n - m * Math.floor(n / m); },
  // "AND function"/"OR function": logicals and numbers count; text and blanks in references are skipped; none at all is #VALUE!.
  AND: (args) => logical(args, (bs) => bs.every(Boolean)),
  OR: (args) => logical(args, (bs) => bs.some(Boolean)),
  NOT: ([x]) => { const b = toBool(x?.v ?? null); return b instanceof XErr ? b : !b; },
  TRUE: () => true,
  FALSE: () => false,
  NA: () => E.na,
  ISERROR: ([x]) => scalar(x?.v ?? null) instanceof XErr,
  ISNA: ([x]) => { const s = scalar(x?.v ?? null); return s instanceof XErr && s.code === "#N/A"; },
  ISBLANK: ([x]) => scalar(x?.v ?? null) === null,
  ISNUMBER: ([x]) => typeof scalar(x?.v ?? null) === "number",
  ISTEXT: ([x]) => typeof scalar(x?.v ?? null) === "string",
  // N(): a number as itself, TRUE as 1, an error as that error, anything else 0 (the htct template's rates guard with it).
  N: ([x]) => { const s = scalar(x?.v ?? null); return s instanceof XErr ? s : typeof s === "number" ? s : s === true ? 1 : 0; },
  CONCATENATE: (args) => { let s = ""; for (const a of args) { const t = toText(a.v); if (t instanceof XErr) return t; s += t; } return s; },
  // "VLOOKUP function": FALSE looks for an exact match (#N/A without one); TRUE or omitted, the closest key not above it.
  VLOOKUP: ([key, table, colNo, approx]) => {
    if (!key || !table || !colNo) return E.value;
    const k = toNum(colNo.v);
    if (k instanceof XErr) return k;
    const g = grid(table);
    if (k < 1) return E.value;
    if (k > (g[0]?.length ?? 0)) return E.ref;
    const exact = approx ? toBool(approx.v) : true;
    if (exact instanceof XErr) return exact;
    const i = lookup(key.v, g, !exact);
    return i instanceof XErr ? i : (g[i]![Math.trunc(k) - 1] ?? null);
  },
  // "HLOOKUP function": VLOOKUP along the first row, the answer from row row_index_num.
  HLOOKUP: ([key, table, rowNo, approx]) => {
    if (!key || !table || !rowNo) return E.value;
    const k = toNum(rowNo.v);
    if (k instanceof XErr) return k;
    const g = grid(table);
    if (k < 1) return E.value;
    if (k > g.length) return E.ref;
    const exact = approx ? toBool(approx.v) : true;
    if (exact instanceof XErr) return exact;
    const columns = (g[0] ?? []).map((_, c) => g.map((row) => row[c] ?? null));
    const i = lookup(key.v, columns, !exact);
    return i instanceof XErr ? i : (g[Math.trunc(k) - 1]![i] ?? null);
  },
  MATCH: ([key, arr, type]) => {
    if (!key || !arr) return E.value;
    const list = vector(grid(arr));
    if (!list) return E.na;
    const t = intArg(type, 1);
    if (t instanceof XErr) return t;
    return match(key.v, list, Math.sign(t));
  },
  /**
   * "INDEX function" (array form): the cell at row_num and column_num of the range; in a single
   * row or column one number picks along it; 0 for the row (column) gives the whole column
   * (row). Beyond the range is #REF!, a negative number #VALUE!.
   */
  INDEX: ([arr, rowNo, colNo, area]) => {
    if (!arr || !rowNo) return E.value;
    const g = grid(arr);
    const nr = g.length, nc = g[0]?.length ?? 0;
    const a = intArg(area, 1);
    if (a instanceof XErr) return a;
    if (a !== 1) return E.ref;
    let r = intArg(rowNo, 0), c = intArg(colNo, colNo ? 0 : -1);
    if (r instanceof XErr) return r;
    if (c instanceof XErr) return c;
    if (c === -1) {
      // One number: along a single row or column; in a larger range, the whole row.
      if (nr === 1 && nc > 1) { c = r; r = 1; } else c = nc === 1 ? 1 : 0;
    }
    if (r < 0 || c < 0) return E.value;
    if (r > nr || c > nc) return E.ref;
    if (r > 0 && c > 0) return g[r - 1]![c - 1] ?? null;
    if (r > 0) return { cells: [g[r - 1]!.slice()] };
    if (c > 0) return { cells: g.map((row) => [row[c - 1] ?? null]) };
    return { cells: g };
  },
  // "SUMPRODUCT function": ranges of one shape multiplied cell by cell and added; a cell that is not a number counts as 0; shapes that differ are #VALUE!.
  SUMPRODUCT: (args) => {
    if (!args.length) return E.value;
    const gs = args.map(grid);
    const nr = gs[0]!.length, nc = gs[0]![0]?.length ?? 0;
    if (gs.some((g) => g.length !== nr || (g[0]?.length ?? 0) !== nc)) return E.value;
    let sum = 0;
    for (let r = 0; r < nr; r++) {
      for (let c = 0; c < nc; c++) {
        let p = 1;
        for (const g of gs) {
          const v = g[r]![c]!;
          if (v instanceof XErr) return v;
          p *= typeof v === "number" ? v : 0;
        }
        sum += p;
      }
    }
    return finite(sum);
  },
  // "AVERAGEIFS function": no cell meeting every criterion is #DIV/0!.
  AVERAGEIFS: ([avg, ...pairs]) => { const ns = ifsValues(avg, pairs); return ns instanceof XErr ? ns : ns.length ? ns.reduce((s, n) => s + n, 0) / ns.length : E.div0; },
  // "MAXIFS function"/"MINIFS function": no cell meeting every criterion gives 0.
  MAXIFS: ([range, ...pairs]) => { const ns = ifsValues(range, pairs); return ns instanceof XErr ? ns : ns.length ? Math.max(...ns) : 0; },
  MINIFS: ([range, ...pairs]) => { const ns = ifsValues(range, pairs); return ns instanceof XErr ? ns : ns.length ? Math.min(...ns) : 0; },
};

function logical(args: Arg[], f: (bs: boolean[]) => boolean): XValue {
  const bs: boolean[] = [];
  for (const a of args) {
    if (a.ref || isRange(a.v)) {
      for (const c of cellsOf(a)) { if (c instanceof XErr) return c; if (typeof c === "number" || typeof c === "boolean") bs.push(Boolean(c)); }
    } else {
      const b = toBool(a.v);
      if (b instanceof XErr) return b;
      bs.push(b);
    }
  }
  return bs.length ? f(bs) : E.value;
}
