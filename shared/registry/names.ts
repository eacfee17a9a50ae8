import { dayMonthYear } from "../calendar/period.ts";
import { editDistance } from "../parse/text.ts";

/** What matching reads of a unit (the registry's U has it); structural, so this module imports no registry type. */
export interface NamedUnit {
  code: string; name: string; aliases: readonly string[];
  predecessors?: readonly string[] | undefined; validFrom?: string | undefined; validTo?: string | undefined;
}

/**
 * Unit names read as a careful Vietnamese reader reads them. Two keys per name, both without the
 * type words in front ("Xã", "P.", "TT.", "Đặc khu", "Đảng ủy xã", "Chi bộ", upper case or not):
 * `toned` keeps every letter's marks, with the tone mark's place in the syllable not mattering
 * ("Hoà" = "Hòa", "Thuỷ" = "Thủy"); `folded` drops all marks. Tone marks tell units apart:
 * "Tân Thành" and "Tân Thạnh" are two communes of Tây Ninh, so a folded name decides only when
 * it names one unit in scope.
 */

const TONES = /[\u0300\u0301\u0303\u0309\u0323]/g;
const MARKS = /[\u0300-\u036f]/g;

/** A letter's parts: its letters without the tone, the tone's code (hex), all marks dropped. */
type Letter = readonly [toned: string, tone: string, folded: string];
const letters = new Map<string, Letter>();

// Names are keyed letter by letter from a table filled on first sight: normalising and running
// regular expressions per word was the cold cost of building a province's index.
function letter(ch: string): Letter {
  let l = letters.get(ch);
  if (!l) {
    const d = ch.normalize("NFD");
    const tone = d.match(TONES)?.[0] ?? "";
    l = [d.replace(TONES, "").normalize("NFC"), tone ? tone.codePointAt(0)!.toString(16) : "", d.replace(MARKS, "").replace(/đ/g, "d")];
    letters.set(ch, l);
  }
  return l;
}

/** One syllable's letters (circumflex, breve, horn kept) followed by its tone, wherever the mark sat. */
function tonedSyllable(word: string): string {
  let base = "";
  let tone = "";
  for (const ch of word) {
    if (ch.charCodeAt(0) < 0x80) { base += ch; continue; }
    const l = letter(ch);
    base += l[0];
    if (!tone) tone = l[1];
  }
  return base + tone;
}

function foldWord(word: string): string {
  let out = "";
  for (const ch of word) out += ch.charCodeAt(0) < 0x80 ? ch : letter(ch)[2];
  return out;
}

/**
 * Words that may come before a unit's own name: a party organisation ("đảng ủy", "đảng bộ", "chi
 * bộ", "ban chấp hành đảng bộ"), then the unit's type in full or abbreviated. Type words are
 * compared with their marks when the text has marks: "Phương Liệt", "Quan Sơn", "Tĩnh Gia" and
 * "Xà Phiên" are names, not "Phường", "Quận", "Tỉnh", "Xã" before a name.
 */
const PARTY = [["ban", "chap", "hanh", "dang", "bo"], ["bch", "dang", "bo"], ["dang", "uy"], ["dang", "bo"], ["chi", "bo"]];
const TYPE = [["thành", "phố"], ["thị", "trấn"], ["thị", "xã"], ["đặc", "khu"], ["phường"], ["huyện"], ["quận"], ["tỉnh"], ["xã"], ["tp"], ["tt"], ["tx"], ["đk"]];
// The type words' keys, made once: every name's key compares against them (the cold cost of an index).
const keyed = (l: readonly string[]) => ({ n: l.length, toned: l.map(tonedSyllable), folded: l.map(foldWord) });
const PARTY_KEYS = PARTY.map(keyed);
const TYPE_KEYS = TYPE.map(keyed);
/** One letter is an abbreviation only with its dot ("X. Sơn Mỹ", "P.Ba Đình"). */
const LETTER = ["p", "x", "h", "q"];

export interface NameKey {
  toned: string;
  folded: string;
  /** The keys with the type word kept, for a name that begins like one ("Phuong Liet" written without marks). */
  alt: { toned: string; folded: string } | null;
}

const memo = new Map<string, NameKey>();
// Holds a 100,000-unit sheet's names: with a bound below a sheet's names, every pass over them
// (the index, then the rows' matching) recomputed every key, and a 100k transposed read cost
// 12.5× a 10k one. The keys' strings are the index's own, so an entry costs an object or two.
const MEMO_MAX = 200_000;

/** The keys of a name as written in a row or a title (no unit's name runs past 120 characters). */
export function nameKey(text: string): NameKey {
  const t = text.length > 120 ? text.slice(0, 120) : text;
  let k = memo.get(t);
  if (!k) {
    k = keyOf(t);
    if (memo.size >= MEMO_MAX) memo.clear();
    memo.set(t, k);
  }
  return k;
}

const TOKEN = /([\p{L}\p{N}]+)(\s*\.)?/gu;

/** Whether the words from `at` begin with the type words `l` (and a name follows them). */
function startsWith(have: readonly string[], at: number, want: readonly string[]): boolean {
  if (have.length - at <= want.length) return false;
  for (let i = 0; i < want.length; i++) if (have[at + i] !== want[i]) return false;
  return true;
}

// No closures or iterator spreads here: every name of an index passes through, and their
// allocations were most of the index's cold cost.
function keyOf(text: string): NameKey {
  const norm = text.normalize("NFC").toLocaleLowerCase("vi");
  const marked = /[^\x00-\x7f]/.test(norm);
  const words: string[] = [];
  const dotted: boolean[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(norm); m; m = TOKEN.exec(norm)) { words.push(m[1]!); dotted.push(m[2] !== undefined); }
  const folded = words.map(foldWord);
  const toned = marked ? words.map(tonedSyllable) : words;
  let at = 0;
  for (const l of PARTY_KEYS) if (startsWith(folded, at, l.folded)) { at += l.n; break; }
  const kept = at;
  let typed = false;
  for (const l of TYPE_KEYS) if (marked ? startsWith(toned, at, l.toned) : startsWith(folded, at, l.folded)) { at += l.n; typed = true; break; }
  if (!typed && words.length - at > 1 && LETTER.includes(words[at]!) && dotted[at]) at += 1;
  return { ...keyFrom(toned, folded, at), alt: at > kept ? keyFrom(toned, folded, kept) : null };
}

function keyFrom(toned: readonly string[], folded: readonly string[], from: number): { toned: string; folded: string } {
  return { toned: toned.slice(from).join(" "), folded: folded.slice(from).join("") };
}

const WORD = /[\p{L}\p{N}]+/gu;
/**
 * Whether a word of the written name carries marks other than the registry's same word (words
 * compared from the end, where the unit's own name is; a registry written without marks, or
 * words that do not line up, say nothing).
 */
function markConflict(written: string, registry: string): boolean {
  const a = written.normalize("NFC").toLocaleLowerCase("vi").match(WORD) ?? [];
  const b = registry.normalize("NFC").toLocaleLowerCase("vi").match(WORD) ?? [];
  for (let i = 1; i <= Math.min(a.length, b.length); i++) {
    const x = a[a.length - i]!, y = b[b.length - i]!;
    if (foldWord(x) !== foldWord(y)) return false;
    if (/[^\x00-\x7f]/.test(x) && /[^\x00-\x7f]/.test(y) && tonedSyllable(x) !== tonedSyllable(y)) return true;
  }
  return false;
}

export type NameMatch<U extends NamedUnit = NamedUnit> =
  | { status: "exact"; unit: U }
  /** Matched without its marks, or one or two letters off: the registry's spelling is reported. */
  | { status: "fuzzy"; unit: U; distance: number }
  /** Written without the marks that tell two or more units in scope apart. */
  | { status: "ambiguous"; candidates: U[] }
  /** The name of a unit that no longer exists: what it became. */
  | { status: "former"; former: U; successors: U[] }
  | { status: "unknown"; candidates: U[] };

export interface NameMatcher<U extends NamedUnit = NamedUnit> {
  match(name: string): NameMatch<U>;
  /**
   * Whether `match(name)` would name anything (any status but "unknown"). The same answer, but a
   * name no unit in scope is near skips the closest-names scan: a sheet of thousands of names
   * none of which is known would otherwise compare each with every name of the country.
   */
  knows(name: string): boolean;
  /**
   * False only when `match(name)` is surely "unknown" here and in any part of this scope: no
   * name of it is the name's key, nor within the edits a misspelling may have.
   */
  near(name: string): boolean;
  readonly units: readonly U[];
}

/** A unit that existed earlier, with the units in scope it went into. */
export interface Former<U extends NamedUnit = NamedUnit> { unit: U; successors: U[] }

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const l = m.get(k);
  if (!l) m.set(k, [v]); else if (!l.includes(v)) l.push(v);
}

/**
 * Indexed once for a set of candidates (a province's communes, a district's): every lookup is a
 * map hit; the edit-distance scan runs only for a name no index knows.
 */
export function createNameMatcher<U extends NamedUnit>(candidates: readonly U[], former: readonly Former<U>[] = []): NameMatcher<U> {
  const toned = new Map<string, U[]>();
  const folded = new Map<string, U[]>();
  for (const u of candidates) {
    for (const n of [u.name, ...u.aliases]) {
      const k = nameKey(n);
      if (!k.folded) continue;
      for (const x of k.alt ? [k, k.alt] : [k]) { push(toned, x.toned, u); push(folded, x.folded, u); }
    }
  }
  const formerByFold = new Map<string, Former<U>[]>();
  const formerByTone = new Map<string, Former<U>[]>();
  for (const f of former) {
    const k = nameKey(f.unit.name);
    push(formerByFold, k.folded, f);
    push(formerByTone, k.toned, f);
  }
  const keys = [...folded.keys()];
  const closest = (k: string, n = 3): U[] => {
    const limit = Math.max(3, Math.floor(k.length / 2));
    // Only the keys within the limit get an object: most of the scope is farther.
    const near: { key: string; d: number }[] = [];
    for (const key of keys) { const d = editDistance(k, key, limit); if (d <= limit) near.push({ key, d }); }
    return near.sort((a, b) => a.d - b.d || a.key.localeCompare(b.key)).slice(0, n).flatMap((x) => folded.get(x.key)!).slice(0, n);
  };
  let nearby: PairSet | null = null;
  const matcher: NameMatcher<U> = {
    units: candidates,
    knows(name) {
      return matcher.near(name) && matcher.match(name).status !== "unknown";
    },
    near(name) {
      const k = nameKey(name);
      if (!k.folded) return false;
      const allowed = k.folded.length >= 8 ? 2 : 1;
      // Every answer but a fuzzy one comes from a map hit; a fuzzy one needs a key of the scope
      // within `allowed` edits, which shares a string of at most `allowed` deletions from each
      // side with this one (the deletion index below; a hit is only a candidate, match decides).
      // A key this short could be near an empty one: left to match.
      const hit = toned.has(k.toned) || folded.has(k.folded) || formerByTone.has(k.toned) || formerByFold.has(k.folded)
        || (k.alt !== null && (toned.has(k.alt.toned) || folded.has(k.alt.folded))) || k.folded.length <= allowed;
      if (!hit) {
        const index = (nearby ??= deletionIndex(keys));
        if (!deletionHashes(k.folded, allowed, (x, y) => index.has(x, y))) return false;
      }
      return true;
    },
    match(name) {
      const k = nameKey(name);
      if (!k.folded) return { status: "unknown", candidates: [] };
      // The type written with the name tells apart units that share it ("Phường mẫu 01" beside
      // "Xã mẫu 01"): the typed key decides when it names one unit.
      if (k.alt) {
        const typed = toned.get(k.alt.toned);
        if (typed?.length === 1 && (toned.get(k.toned)?.length ?? 0) > 1) return { status: "exact", unit: typed[0]! };
        const typedLoose = folded.get(k.alt.folded);
        if (typedLoose?.length === 1 && !toned.has(k.toned) && (folded.get(k.folded)?.length ?? 0) > 1) return { status: "exact", unit: typedLoose[0]! };
      }
      for (const x of k.alt ? [k, k.alt] : [k]) {
        const exact = toned.get(x.toned);
        if (exact?.length === 1) return { status: "exact", unit: exact[0]! };
        if (exact && exact.length > 1) return { status: "ambiguous", candidates: exact };
      }
      const formerExact = formerByTone.get(k.toned);
      const loose = folded.get(k.folded) ?? (k.alt ? folded.get(k.alt.folded) : undefined);
      if (formerExact?.length === 1 && !loose) return { status: "former", former: formerExact[0]!.unit, successors: formerExact[0]!.successors };
      // Written without marks (all or some), the name is the unit's; a word written with other
      // marks than the registry's ("mẩu" for "mẫu", a wrong tone) is the unit misspelt.
      if (loose?.length === 1) return markConflict(name, loose[0]!.name) ? { status: "fuzzy", unit: loose[0]!, distance: 1 } : { status: "exact", unit: loose[0]! };
      if (loose && loose.length > 1) return { status: "ambiguous", candidates: loose };
      const formerLoose = formerByFold.get(k.folded);
      if (formerLoose?.length === 1) return { status: "former", former: formerLoose[0]!.unit, successors: formerLoose[0]!.successors };
      const near = closest(k.folded);
      const allowed = k.folded.length >= 8 ? 2 : 1;
      const best = near[0];
      if (best) {
        const d = Math.min(...[best.name, ...best.aliases].map((n) => editDistance(k.folded, nameKey(n).folded, allowed + 1)));
        // A near name decides only when nothing else is as near.
        const tied = near.filter((u) => u !== best && Math.min(...[u.name, ...u.aliases].map((n) => editDistance(k.folded, nameKey(n).folded, allowed + 1))) === d);
        if (d <= allowed && !tied.length) return { status: "fuzzy", unit: best, distance: d };
      }
      return { status: "unknown", candidates: near };
    },
  };
  return matcher;
}

/**
 * Hashes of every string made of `s` by deleting at most `upTo` (≤ 2) characters, `s` included,
 * passed to `emit` until it returns true. Hashes, not strings: the index of a country's names
 * holds ~40 per name, and slicing them out was the index's whole cost. Two polynomial hashes,
 * each of the pieces left around the deleted letters, so no string is built; a collision of
 * both only sends a name on to `match`, which decides.
 */
const B1 = 131;
const B2 = 257;
const pow1: number[] = [1];
const pow2: number[] = [1];
function deletionHashes(s: string, upTo: number, emit: (x: number, y: number) => boolean): boolean {
  const n = s.length;
  while (pow1.length <= n) { pow1.push(Math.imul(pow1[pow1.length - 1]!, B1)); pow2.push(Math.imul(pow2[pow2.length - 1]!, B2)); }
  const P1 = new Int32Array(n + 1);
  const P2 = new Int32Array(n + 1);
  for (let k = 0; k < n; k++) {
    const c = s.charCodeAt(k);
    P1[k + 1] = (Math.imul(P1[k]!, B1) + c) | 0;
    P2[k + 1] = (Math.imul(P2[k]!, B2) + c) | 0;
  }
  // The hash of s[a, b) from the prefixes; of two or three pieces joined, by shifting the first.
  const h1 = (a: number, b: number) => (P1[b]! - Math.imul(P1[a]!, pow1[b - a]!)) | 0;
  const h2 = (a: number, b: number) => (P2[b]! - Math.imul(P2[a]!, pow2[b - a]!)) | 0;
  // The length goes into the first hash: strings of different lengths never meet.
  const mix = (x: number, len: number) => x ^ Math.imul(len + 1, 0x9e3779b1);
  if (emit(mix(P1[n]!, n), P2[n]!)) return true;
  if (upTo < 1) return false;
  for (let i = 0; i < n; i++) {
    const x = (Math.imul(P1[i]!, pow1[n - 1 - i]!) + h1(i + 1, n)) | 0;
    const y = (Math.imul(P2[i]!, pow2[n - 1 - i]!) + h2(i + 1, n)) | 0;
    if (emit(mix(x, n - 1), y)) return true;
  }
  if (upTo < 2) return false;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const x = (Math.imul(P1[i]!, pow1[n - 2 - i]!) + Math.imul(h1(i + 1, j), pow1[n - 1 - j]!) + h1(j + 1, n)) | 0;
      const y = (Math.imul(P2[i]!, pow2[n - 2 - i]!) + Math.imul(h2(i + 1, j), pow2[n - 1 - j]!) + h2(j + 1, n)) | 0;
      if (emit(mix(x, n - 2), y)) return true;
    }
  }
  return false;
}

/**
 * A set of hash pairs in two typed arrays (open addressing): the ~300,000 pairs of a country's
 * names as a Set of numbers would be as many heap objects.
 */
class PairSet {
  readonly #a: Int32Array;
  readonly #b: Int32Array;
  readonly #used: Uint8Array;
  readonly #mask: number;
  readonly #shift: number;
  constructor(expected: number) {
    let size = 16;
    let bits = 4;
    while (size < expected * 2) { size *= 2; bits++; }
    this.#shift = 32 - bits;
    this.#a = new Int32Array(size);
    this.#b = new Int32Array(size);
    this.#used = new Uint8Array(size);
    this.#mask = size - 1;
  }
  #slot(x: number, y: number): number {
    // The product's high bits: its low bits depend on the hashes' low bits alone.
    let i = Math.imul(x ^ Math.imul(y, 0x85ebca6b), 0xc2b2ae35) >>> this.#shift;
    while (this.#used[i] && (this.#a[i] !== x || this.#b[i] !== y)) i = (i + 1) & this.#mask;
    return i;
  }
  add(x: number, y: number): void {
    const i = this.#slot(x, y);
    if (!this.#used[i]) { this.#used[i] = 1; this.#a[i] = x; this.#b[i] = y; }
  }
  has(x: number, y: number): boolean {
    return this.#used[this.#slot(x, y)] === 1;
  }
}

/** The deletion index of `keys` (up to two deletions each). */
function deletionIndex(keys: readonly string[]): PairSet {
  let expected = 0;
  for (const k of keys) expected += 1 + k.length + (k.length * (k.length - 1)) / 2;
  const set = new PairSet(expected);
  for (const k of keys) deletionHashes(k, 2, (x, y) => { set.add(x, y); return false; });
  return set;
}

/**
 * The units that ended before `day` and went (wholly or in part) into `candidates`: their names
 * are former names in the candidates' scope.
 */
export function formerUnitsOf<U extends NamedUnit>(registry: readonly U[], candidates: readonly U[], day: string): Former<U>[] {
  const byCode = new Map(registry.map((u) => [u.code, u]));
  const out = new Map<string, Former<U>>();
  for (const s of candidates) {
    for (const p of s.predecessors ?? []) {
      const u = byCode.get(p);
      if (!u || !u.validTo || u.validTo >= day) continue;
      const f = out.get(p) ?? { unit: u, successors: [] };
      f.successors.push(s);
      out.set(p, f);
    }
  }
  return [...out.values()];
}

/** "Xã Vĩnh Tế nay thuộc Phường Vĩnh Tế, An Giang, từ 01/07/2025": by name, since codes are reused. */
export function formerNameMessage<U extends NamedUnit>(former: U, successors: readonly U[], province: U | null, prefixed: (u: U) => string): { vi: string; en: string } {
  const to = successors.map(prefixed).join(", ");
  const from = successors[0]?.validFrom;
  const where = province ? `, ${province.name}` : "";
  const dmy = from ? dayMonthYear(from) : "";
  return {
    vi: `${prefixed(former)} nay thuộc ${to}${where}${from ? `, từ ${dmy}` : ""}`,
    en: `${prefixed(former)} is now part of ${to}${where}${from ? `, since ${from}` : ""}`,
  };
}
