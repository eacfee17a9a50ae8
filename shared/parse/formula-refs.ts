/**
 * Cell references in an Excel formula, and what deleting a row does to them. A reference is a
 * cell (`C5`, `$C$5`), a range (`C5:C14`) or whole rows (`5:9`), optionally on another sheet
 * (`Sheet2!A5`, `'Báo cáo'!C3:C9`); text in double quotes is never read as references. Deleting
 * a row does what Excel does to every formula of the workbook that points at that sheet: rows
 * below move up, a range across the row shrinks, a reference to the row alone becomes #REF!.
 */
export interface FormulaRef {
  /** Where the reference stands in the formula (UTF-16 offsets, end exclusive). */
  start: number;
  end: number;
  /** The sheet named before `!` (quotes and doubled apostrophes undone), or null for the formula's own sheet. */
  sheet: string | null;
  /** The text before the cell part, as written ("Sheet2!", "'Báo cáo'!", or ""). */
  prefix: string;
  /** 1-based rows the reference covers; cols is null for whole rows. */
  rows: [number, number];
  cols: [number, number] | null;
}

const SHEET = String.raw`(?:'(?<q>(?:[^']|'')+)'|(?<u>[\p{L}_][\p{L}\p{N}_.]*))!`;
const COL = String.raw`\$?[A-Z]{1,3}`;
const ROW = String.raw`\$?[0-9]{1,7}`;
// Not inside a name, a number or another reference; not followed by "(" (LOG10(…) is a function).
const TOKEN = new RegExp(
  String.raw`(?<![\p{L}\p{N}_.$'!:])(?<pre>${SHEET})?(?:(?<ac>${COL})(?<ar>${ROW})(?::(?<bc>${COL})(?<br>${ROW}))?|(?<r1>${ROW}):(?<r2>${ROW}))(?![\p{L}\p{N}_(!:.])`,
  "gu",
);
const MAX_ROW = 1_048_576;
const MAX_COL = 16_384;

const num = (s: string) => Number(s.replace("$", ""));
function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.replace("$", "")) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

/** The parts of a formula outside double-quoted text, with their offsets. */
function codeParts(formula: string): { text: string; at: number }[] {
  const out: { text: string; at: number }[] = [];
  const re = /"(?:[^"]|"")*"?/g;
  let last = 0;
  for (let m = re.exec(formula); m; m = re.exec(formula)) {
    out.push({ text: formula.slice(last, m.index), at: last });
    last = m.index + m[0].length;
  }
  out.push({ text: formula.slice(last), at: last });
  return out;
}

interface Token { ref: FormulaRef; groups: Record<string, string | undefined> }

function tokens(formula: string): Token[] {
  const out: Token[] = [];
  for (const part of codeParts(formula)) {
    for (const m of part.text.matchAll(TOKEN)) {
      const g = m.groups ?? {};
      const rows: [number, number] = g.ar !== undefined ? [num(g.ar), num(g.br ?? g.ar)] : [num(g.r1!), num(g.r2!)];
      const cols: [number, number] | null = g.ac !== undefined ? [colIndex(g.ac), colIndex(g.bc ?? g.ac)] : null;
      // Beyond the sheet's last row or column it is a name, not a reference ("ABC1234567").
      if (rows.some((r) => r < 1 || r > MAX_ROW) || cols?.some((c) => c > MAX_COL)) continue;
      const sheet = g.q !== undefined ? g.q.replace(/''/g, "'") : g.u ?? null;
      out.push({ ref: { start: part.at + m.index!, end: part.at + m.index! + m[0].length, sheet, prefix: g.pre ?? "", rows, cols }, groups: g });
    }
  }
  return out;
}

/** Every reference in the formula, in order. */
export function formulaRefs(formula: string): FormulaRef[] {
  return tokens(formula).map((t) => t.ref);
}

const sameSheet = (a: string, b: string) => a.toLocaleUpperCase() === b.toLocaleUpperCase();

/**
 * The formula after row `row` (1-based) of sheet `sheet` is deleted, for a formula that sits on
 * `formulaSheet` (its unprefixed references are to that sheet). References to other sheets and
 * text in quotes stay as they are.
 */
export function shiftForDeletedRow(formula: string, at: { formulaSheet: string; sheet: string; row: number }): string {
  const del = at.row;
  let out = "";
  let last = 0;
  for (const { ref, groups: g } of tokens(formula)) {
    if (!sameSheet(ref.sheet ?? at.formulaSheet, at.sheet)) continue;
    const [a, b] = ref.rows;
    const lo = Math.min(a, b), hi = Math.max(a, b);
    let text: string;
    if (lo === del && hi === del) text = `${ref.prefix}#REF!`;
    else {
      const nlo = lo > del ? lo - 1 : lo, nhi = hi >= del ? hi - 1 : hi;
      // The written order (C14:C5) is kept; "$" stays where it was.
      const [na, nb] = a <= b ? [nlo, nhi] : [nhi, nlo];
      const row = (written: string, n: number) => `${written.startsWith("$") ? "$" : ""}${n}`;
      text = g.ac !== undefined
        ? `${ref.prefix}${g.ac}${row(g.ar!, na)}${g.bc !== undefined ? `:${g.bc}${row(g.br!, nb)}` : ""}`
        : `${ref.prefix}${row(g.r1!, na)}:${row(g.r2!, nb)}`;
    }
    out += formula.slice(last, ref.start) + text;
    last = ref.end;
  }
  return out + formula.slice(last);
}

/**
 * The formula as copied `dr` rows down and `dc` columns across (a shared formula's copy, as the
 * file stores it): references without "$" move, absolute parts stay, text in quotes is kept.
 */
export function shiftRelative(formula: string, dr: number, dc: number): string {
  let out = "";
  let last = 0;
  const rowOf = (written: string) => (written.startsWith("$") ? written : String(Number(written) + dr));
  const colOf = (written: string) => (written.startsWith("$") ? written : columnName(colIndex(written) + dc));
  for (const { ref, groups: g } of tokens(formula)) {
    const text = g.ac !== undefined
      ? `${ref.prefix}${colOf(g.ac)}${rowOf(g.ar!)}${g.bc !== undefined ? `:${colOf(g.bc)}${rowOf(g.br!)}` : ""}`
      : `${ref.prefix}${rowOf(g.r1!)}:${rowOf(g.r2!)}`;
    out += formula.slice(last, ref.start) + text;
    last = ref.end;
  }
  return out + formula.slice(last);
}

function columnName(n: number): string {
  let s = "";
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}
