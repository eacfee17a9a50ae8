/**
 * Folding for matching: Vietnamese letters without their marks, lower case, punctuation as spaces.
 * Clerks type headers and unit names with and without diacritics, so matching always folds both
 * sides. NFD splits most marks off; đ/Đ has no decomposition and is mapped by hand.
 */
const folded = new Map<string, string>();
const FOLD_MEMO_MAX = 100_000;

export function fold(text: string): string {
  // The same labels, headers and unit names come back on every sheet and every form: NFD
  // normalisation is the costly part, so short texts are folded once.
  if (text.length > 200) return foldText(text);
  let f = folded.get(text);
  if (f === undefined) {
    f = foldText(text);
    if (folded.size >= FOLD_MEMO_MAX) folded.clear();
    folded.set(text, f);
  }
  return f;
}

/**
 * The fold of texts joined by spaces ("12 Số chi bộ 38", a row's first cells), from the folds of
 * each: folding works character by character and collapses separators, so this equals
 * fold(texts.join(" ")), while the cells, which repeat from form to form, hit the memo and the
 * joined line, new on every form, is never folded.
 */
export function foldJoined(texts: readonly string[]): string {
  let out = "";
  for (const t of texts) {
    const f = fold(t);
    if (f) out = out ? `${out} ${f}` : f;
  }
  return out;
}

function foldText(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[^a-z0-9%/]+/g, " ")
    .trim();
}

/** Folds, then expands field abbreviations word by word (ĐV → dang vien). */
export function foldExpand(text: string, abbreviations: Record<string, string>): string {
  const words = fold(text).replace(/[%/]/g, " $& ").split(/\s+/).filter(Boolean);
  return words.map((w) => abbreviations[w] ?? w).join(" ");
}

/** Levenshtein distance with an early exit above `max` (returns max + 1 then). */
// Two rows reused across calls: unknown names are compared with every name in scope, and the
// arrays allocated per call (and per row) were most of that scan's cost.
let rowA = new Int32Array(128);
let rowB = new Int32Array(128);
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  if (rowA.length <= n) { rowA = new Int32Array(n + 1); rowB = new Int32Array(n + 1); }
  let prev = rowA;
  let cur = rowB;
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const ca = a.charCodeAt(i - 1);
    cur[0] = i;
    let best = i;
    for (let j = 1; j <= n; j++) {
      const sub = prev[j - 1]! + (ca === b.charCodeAt(j - 1) ? 0 : 1);
      const del = prev[j]! + 1;
      const ins = cur[j - 1]! + 1;
      const v = sub < del ? (sub < ins ? sub : ins) : del < ins ? del : ins;
      cur[j] = v;
      if (v < best) best = v;
    }
    if (best > max) return max + 1;
    const t = prev; prev = cur; cur = t;
  }
  return prev[n]!;
}

/** Column index (0-based) to letters: 0 → A, 27 → AB. */
export function columnLetters(index: number): string {
  let s = "";
  let n = index + 1;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** A1 address from 0-based column and 1-based row. */
export function a1(col: number, row: number): string {
  return `${columnLetters(col)}${row}`;
}

/** Parses "AB12" into 0-based column and 1-based row; null when it is not an address. */
export function parseA1(address: string): { col: number; row: number } | null {
  const m = /^\$?([A-Z]{1,3})\$?([1-9][0-9]{0,6})$/.exec(address.toUpperCase());
  if (!m) return null;
  let col = 0;
  for (const ch of m[1]!) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { col: col - 1, row: Number(m[2]) };
}
