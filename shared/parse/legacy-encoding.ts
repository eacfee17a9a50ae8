import type { CellValue, Issue, SheetGrid } from "../model.ts";
import { a1 } from "./text.ts";

/**
 * Text typed with the pre-Unicode Vietnamese fonts still fills files kept since the 2000s:
 * TCVN3/ABC (.VnTime, .VnArial…) puts each accented letter on one Latin-1 code point
 * ("Tæng sè ®¶ng viªn"), VNI-Windows (VNI-Times…) writes a base letter followed by mark
 * characters ("Toång soá ñaûng vieân"). Excel hands both over as ordinary Unicode strings, so
 * nothing downstream can match a header or a unit name until they are converted back. The
 * conversion returns a new grid and never touches the host's cells: the annotated copy keeps
 * the clerk's text as it was.
 */
export type LegacyEncoding = "tcvn3" | "vni";

// TCVN3 lower-case letters in the order of VIET below; .VnTime has no toned capitals (the
// ...H fonts draw these same codes as capitals).
const VIET = "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ";
const TCVN3 = "µ¸¶·¹¨»¾¼½Æ©ÇÊÈÉË®ÌÐÎÏÑªÒÕÓÔÖ×ÝØÜÞßãáâä«åèæçé¬êíëìîïóñòô\u00adõøö÷ùúýûüþ";
const TCVN3_CAPS: Record<string, string> = { "¡": "Ă", "¢": "Â", "§": "Đ", "£": "Ê", "¤": "Ô", "¥": "Ơ", "¦": "Ư" };

const TCVN3_MAP = new Map<string, string>();
for (let i = 0; i < VIET.length; i++) TCVN3_MAP.set(TCVN3[i]!, VIET[i]!);
for (const [k, v] of Object.entries(TCVN3_CAPS)) TCVN3_MAP.set(k, v);

// VNI: tone marks and vowel marks follow the base letter; lower and upper case marks differ.
const VNI_TONES_LO = { acute: "ù", grave: "ø", hook: "û", tilde: "õ", dot: "ï" } as const;
const VNI_TONES_UP = { acute: "Ù", grave: "Ø", hook: "Û", tilde: "Õ", dot: "Ï" } as const;
type Tone = keyof typeof VNI_TONES_LO;
const TONE_ORDER: Tone[] = ["grave", "acute", "hook", "tilde", "dot"];
// Unicode letter per tone, in TONE_ORDER, for each toned vowel family.
const FAMILIES: Record<string, string> = {
  a: "àáảãạ", ă: "ằắẳẵặ", â: "ầấẩẫậ", e: "èéẻẽẹ", ê: "ềếểễệ", i: "ìíỉĩị", o: "òóỏõọ", ô: "ồốổỗộ", ơ: "ờớởỡợ", u: "ùúủũụ", ư: "ừứửữự", y: "ỳýỷỹỵ",
};

function buildVni(): Map<string, string> {
  const m = new Map<string, string>();
  const add = (seq: string, uni: string): void => {
    m.set(seq, uni);
  };
  for (const upper of [false, true]) {
    const T = upper ? VNI_TONES_UP : VNI_TONES_LO;
    const cap = (s: string): string => (upper ? s.toUpperCase() : s);
    const l = (s: string): string => (upper ? s.toUpperCase() : s);
    // Circumflex: a/e/o + â; with a tone the circumflex and tone merge into one mark.
    const circ = upper ? "Â" : "â";
    const circTones = upper ? ["À", "Á", "Å", "Ã", "Ä"] : ["à", "á", "å", "ã", "ä"];
    const breve = upper ? "Ê" : "ê";
    const breveTones = upper ? ["È", "É", "Ú", "Ü", "Ë"] : ["è", "é", "ú", "ü", "ë"];
    for (const [base, fam] of [["a", "â"], ["e", "ê"], ["o", "ô"]] as const) {
      add(l(base) + circ, cap(fam));
      TONE_ORDER.forEach((_, i) => add(l(base) + circTones[i]!, cap(FAMILIES[fam]![i]!)));
    }
    add(l("a") + breve, cap("ă"));
    TONE_ORDER.forEach((_, i) => add(l("a") + breveTones[i]!, cap(FAMILIES["ă"]![i]!)));
    // ơ and ư are single characters, toned by a following mark.
    const horn: [string, string][] = upper ? [["Ô", "ơ"], ["Ö", "ư"]] : [["ô", "ơ"], ["ö", "ư"]];
    for (const [code, fam] of horn) {
      add(code, cap(fam));
      TONE_ORDER.forEach((t, i) => add(code + T[t], cap(FAMILIES[fam]![i]!)));
    }
    for (const base of ["a", "e", "o", "u", "y"]) TONE_ORDER.forEach((t, i) => add(l(base) + T[t], cap(FAMILIES[base]![i]!)));
    // i has single-character forms, and so has ỵ.
    const iForms = upper ? ["Ì", "Í", "Æ", "Ó", "Ò"] : ["ì", "í", "æ", "ó", "ò"];
    TONE_ORDER.forEach((_, i) => add(iForms[i]!, cap(FAMILIES.i![i]!)));
    add(upper ? "Î" : "î", cap("ỵ"));
    add(upper ? "Ñ" : "ñ", cap("đ"));
  }
  // Plain í/ì decode to themselves; keeping them out lets Unicode text through unchanged.
  m.delete("í");
  m.delete("ì");
  m.delete("Í");
  m.delete("Ì");
  return m;
}
const VNI_MAP = buildVni();

/** TCVN3 text to Unicode; `caps` for the ...H fonts, which draw every letter as a capital. */
export function fromTcvn3(text: string, caps = false): string {
  let out = "";
  for (const ch of text) out += TCVN3_MAP.get(ch) ?? ch;
  return caps ? out.toUpperCase() : out;
}

export function fromVni(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; ) {
    const two = VNI_MAP.get(text.slice(i, i + 2));
    if (two !== undefined && i + 1 < text.length) {
      out += two;
      i += 2;
      continue;
    }
    out += VNI_MAP.get(text[i]!) ?? text[i]!;
    i++;
  }
  return out;
}

// Latin-1 characters no Vietnamese Unicode text contains: their presence is the byte pattern.
const FOREIGN = /[\u00a1-\u00bf\u00c4-\u00c7\u00cb\u00ce\u00cf\u00d1\u00d6-\u00d8\u00db\u00dc\u00de\u00df\u00e4-\u00e7\u00eb\u00ee\u00ef\u00f1\u00f6-\u00f8\u00fb\u00fc\u00fe]/;
const LATIN1 = /[\u00a0-\u00ff]/;
const UNICODE_VIET = /[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9]/;

/** Whether a cell's text could be legacy-encoded at all: foreign Latin-1 letters, no Vietnamese Unicode. */
export function looksLegacy(text: string): boolean {
  return FOREIGN.test(text) && !UNICODE_VIET.test(text);
}

/**
 * How badly a decoding reads as Vietnamese: leftover foreign characters, words with two tones,
 * a vowel followed by its own toned form ("soỏ", what TCVN3 makes of VNI's "soá").
 */
function badness(decoded: string): number {
  let bad = 0;
  for (const word of decoded.split(/[\s\x21-\x40\x5b-\x60\x7b-\x7e]+/)) {
    if (!word) continue;
    if (FOREIGN.test(word)) bad += 2;
    const tones = word.normalize("NFD").match(/[\u0300\u0301\u0303\u0309\u0323]/g)?.length ?? 0;
    if (tones > 1) bad++;
    const base = word.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
    if (/([aeiouy])\1/.test(base)) bad++;
    // No Vietnamese syllable closes "ai", "ao", "au", "ay", "eo" with a consonant ("naỉp" is
    // TCVN3's reading of VNI's "nạp").
    if (/[ae][iouy][bcdghklmnpqrstvx]/.test(base)) bad++;
  }
  return bad;
}

/** The encoding a font name implies, if any. */
export function encodingOfFont(font: string | null | undefined): LegacyEncoding | null {
  if (!font) return null;
  const f = font.trim().toLowerCase();
  if (f.startsWith(".vn")) return "tcvn3";
  if (f.startsWith("vni")) return "vni";
  return null;
}

export function decodeLegacy(text: string, enc: LegacyEncoding, font?: string | null): string {
  if (enc === "vni") return fromVni(text);
  return fromTcvn3(text, !!font && /^\.vn.*h$/i.test(font.trim()));
}

export interface LegacyDecoding {
  /** The sheet with every legacy-encoded cell in Unicode; the input grid is left as it was. */
  grid: SheetGrid;
  /** The encoding most converted cells used; null when nothing was converted. */
  encoding: LegacyEncoding | null;
  /** 0-based [row, col] of each converted cell. */
  converted: [number, number][];
}

/**
 * Converts a sheet cell by cell. A cell's font decides when the host knows it; otherwise the
 * sheet's own evidence does: each candidate cell votes for the decoding that reads better, and
 * cells that read equally well either way follow the sheet's majority (TCVN3 on a tie, the more
 * common of the two).
 */
const UNICODE = 1, PLAIN = 2, LATIN = 3, VOTES_TCVN = 4, VOTES_VNI = 5, VOTES_NONE = 6;
const SEEN_MAX = 100_000;

/** What a text's bytes say, whatever its font: Unicode Vietnamese, plain, Latin-1 only, or legacy (with its vote). */
function textClass(v: string): number {
  if (UNICODE_VIET.test(v)) return UNICODE;
  if (!FOREIGN.test(v)) return LATIN1.test(v) ? LATIN : PLAIN;
  const t = badness(fromTcvn3(v));
  const n = badness(fromVni(v));
  return t < n ? VOTES_TCVN : n < t ? VOTES_VNI : VOTES_NONE;
}

/**
 * `seen`: texts already classified, kept by a caller that decodes many sheets (a workbook of
 * one form per commune repeats every label), so each text's patterns are tested once.
 */
export function decodeLegacyGrid(grid: SheetGrid, fonts?: readonly (readonly (string | null | undefined)[] | undefined)[], seen?: Map<string, number>): LegacyDecoding {
  const candidates: [number, number, string, LegacyEncoding | null][] = [];
  let tcvnVotes = 0;
  let vniVotes = 0;
  let unicodeCells = 0;
  const rows = grid.values;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (typeof v !== "string" || v.length === 0) continue;
      const font = fonts?.[r]?.[c];
      const byFont = encodingOfFont(font);
      let k = seen?.get(v);
      if (k === undefined) {
        k = textClass(v);
        if (seen && seen.size < SEEN_MAX) seen.set(v, k);
      }
      if (k === UNICODE) {
        unicodeCells++;
        continue;
      }
      if (!byFont && k === PLAIN) continue;
      if (!byFont && k === VOTES_TCVN) tcvnVotes++;
      else if (!byFont && k === VOTES_VNI) vniVotes++;
      candidates.push([r, c, v, byFont]);
    }
  }
  // Latin-1 letters Vietnamese also uses ("sè" is TCVN3 for "số") are legacy only on a sheet
  // whose other cells already show the byte pattern.
  if (tcvnVotes + vniVotes === 0 && !candidates.some((c) => c[3] !== null || FOREIGN.test(c[2]))) return { grid, encoding: null, converted: [] };
  const sheetEnc: LegacyEncoding = vniVotes > tcvnVotes ? "vni" : "tcvn3";
  const values = rows.map((row) => row.slice());
  const converted: [number, number][] = [];
  let fontTcvn = 0;
  let fontVni = 0;
  for (const [r, c, v, byFont] of candidates) {
    // "Xã Sông Phan" reads as Unicode and as TCVN3 ("Xó Sụng Phan") alike: on a sheet that also
    // holds Unicode Vietnamese, such a cell is taken as typed unless its font says otherwise.
    if (!byFont && unicodeCells > 0 && !FOREIGN.test(v)) continue;
    let enc = byFont;
    if (!enc) {
      const t = badness(fromTcvn3(v));
      const n = badness(fromVni(v));
      enc = t < n ? "tcvn3" : n < t ? "vni" : sheetEnc;
    } else if (enc === "tcvn3") fontTcvn++;
    else fontVni++;
    const out = decodeLegacy(v, enc, fonts?.[r]?.[c]);
    if (out === v) continue;
    values[r]![c] = out as CellValue;
    converted.push([r, c]);
  }
  if (converted.length === 0) return { grid, encoding: null, converted: [] };
  const encoding: LegacyEncoding = fontTcvn + fontVni > 0 ? (fontVni > fontTcvn ? "vni" : "tcvn3") : sheetEnc;
  return { grid: { ...grid, values }, encoding, converted };
}

const NAMES: Record<LegacyEncoding, string> = { tcvn3: "TCVN3", vni: "VNI-Windows" };

/** What the clerk is told once per sheet. */
export function legacyNotice(enc: LegacyEncoding, cells: number, lang: "vi" | "en"): string {
  return lang === "vi"
    ? `Tệp dùng bảng mã ${NAMES[enc]}; đã đọc theo Unicode (${cells} ô). Tệp gốc giữ nguyên.`
    : `The file uses the ${NAMES[enc]} encoding; it was read as Unicode (${cells} cells). The file itself is unchanged.`;
}

const TO_TCVN3 = new Map<string, string>([...TCVN3_MAP].map(([k, v]) => [v, k]));
const TO_VNI = new Map<string, string>([...VNI_MAP].map(([k, v]) => [v, k]));
TO_VNI.set("í", "í").set("ì", "ì").set("Í", "Í").set("Ì", "Ì");

/**
 * Unicode to TCVN3, as a .VnTime font would store it: for benchmark copies and tests. Toned
 * capitals have no .VnTime code and are written as the lower-case letter, as clerks' files do.
 */
export function toTcvn3(text: string): string {
  let out = "";
  for (const ch of text.normalize("NFC")) out += TO_TCVN3.get(ch) ?? TO_TCVN3.get(ch.toLowerCase()) ?? ch;
  return out;
}

export function toVni(text: string): string {
  let out = "";
  for (const ch of text.normalize("NFC")) out += TO_VNI.get(ch) ?? ch;
  return out;
}

/**
 * A sheet as the reader should see it, and the one info issue that says it was converted. The
 * first converted cells are named so the clerk can see which text was read differently.
 */
export function decodeSheet(grid: SheetGrid, lang: "vi" | "en", fonts?: Parameters<typeof decodeLegacyGrid>[1], seen?: Map<string, number>): { grid: SheetGrid; issue: Issue | null } {
  const d = decodeLegacyGrid(grid, fonts, seen);
  if (!d.encoding) return { grid, issue: null };
  const r0 = (grid.origin?.row ?? 0) + 1;
  const c0 = grid.origin?.col ?? 0;
  const cells = d.converted.slice(0, 20).map(([r, c]) => a1(c + c0, r + r0));
  return {
    grid: d.grid,
    issue: {
      severity: "info",
      rule: "legacy_encoding",
      sheet: grid.name,
      cells,
      unit: null,
      indicators: [],
      message: legacyNotice(d.encoding, d.converted.length, lang),
      hint: lang === "vi" ? "Nên chuyển tệp sang Unicode (Unikey: Công cụ chuyển mã) để lần sau không phải đọc lại." : "Consider converting the file to Unicode (e.g. Unikey's converter) so it need not be re-read next time.",
    },
  };
}
