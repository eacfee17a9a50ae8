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
const MEMO_MAX = 50_000;

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
    return keys.map((key) => ({ key, d: editDistance(k, key, limit) })).filter((x) => x.d <= limit)
      .sort((a, b) => a.d - b.d || a.key.localeCompare(b.key)).slice(0, n).flatMap((x) => folded.get(x.key)!).slice(0, n);
  };
  return {
    units: candidates,
    match(name) {
      const k = nameKey(name);
      if (!k.folded) return { status: "unknown", candidates: [] };
      for (const x of k.alt ? [k, k.alt] : [k]) {
        const exact = toned.get(x.toned);
        if (exact?.length === 1) return { status: "exact", unit: exact[0]! };
        if (exact && exact.length > 1) return { status: "ambiguous", candidates: exact };
      }
      const formerExact = formerByTone.get(k.toned);
      const loose = folded.get(k.folded) ?? (k.alt ? folded.get(k.alt.folded) : undefined);
      if (formerExact?.length === 1 && !loose) return { status: "former", former: formerExact[0]!.unit, successors: formerExact[0]!.successors };
      if (loose?.length === 1) return { status: "exact", unit: loose[0]! };
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
  const dmy = from ? `${from.slice(8, 10)}/${from.slice(5, 7)}/${from.slice(0, 4)}` : "";
  return {
    vi: `${prefixed(former)} nay thuộc ${to}${where}${from ? `, từ ${dmy}` : ""}`,
    en: `${prefixed(former)} is now part of ${to}${where}${from ? `, since ${from}` : ""}`,
  };
}
