import type { CellValue, SheetGrid } from "../model.ts";
import { fold } from "../parse/text.ts";

/**
 * A sheet's own conventions, as its legend or notes rows state them ("(x) không áp dụng",
 * "-: không có", "Ghi chú: dấu x là không phát sinh"). A symbol cell then means what the legend
 * says instead of "not a number". Without a legend, "x" and "-" are still read as clerks mean
 * them ("x" not applicable, "-" none) and reported as info at most: `stated` tells the two apart.
 */
export type SymbolMeaning = "not-applicable" | "none" | "unknown";

export interface SheetConventions {
  /** Symbol (trimmed, lower case) to its meaning. */
  symbols: ReadonlyMap<string, SymbolMeaning>;
  /** Whether the sheet wrote a legend; without one the defaults apply. */
  stated: boolean;
  /** 0-based rows the legend occupies: notes, never data. */
  legendRows: number[];
}

const DEFAULTS: ReadonlyMap<string, SymbolMeaning> = new Map([
  ["x", "not-applicable"],
  ["-", "none"],
  ["–", "none"],
  ["—", "none"],
]);

// Folded meanings, longest first so "khong co so lieu" is not read as "khong co".
const MEANINGS: [string, SymbolMeaning][] = [
  ["khong co so lieu", "unknown"],
  ["chua co so lieu", "unknown"],
  ["khong ro", "unknown"],
  ["khong ap dung", "not-applicable"],
  ["khong thuoc dien", "not-applicable"],
  ["khong thuoc pham vi", "not-applicable"],
  ["khong tong hop", "not-applicable"],
  ["not applicable", "not-applicable"],
  ["khong phat sinh", "none"],
  ["khong co", "none"],
  ["bang 0", "none"],
  ["none", "none"],
];

// A symbol then a separator then its meaning; "(x)", "x:", "x =", "dấu x là", "ký hiệu x:".
const ENTRY = /(?:^|[\s;,.(])(?:dau|ky hieu)?\s*\(?\s*([x\-–—*/0]|n\/a|kad|kco)\s*\)?\s*(?::|=|la|-|–|\s)\s*([a-z][a-z\s]*?)(?=$|[;,.(]|\s(?:dau|ky hieu)\b|\s\(?[x\-–—*]\)?\s*(?::|=|la)\s)/g;

function meaningOf(text: string): SymbolMeaning | null {
  const t = text.trim();
  for (const [words, m] of MEANINGS) if (t === words || t.startsWith(`${words} `) || t.startsWith(words)) return m;
  return null;
}

/** Legend entries in one text: "(x) không áp dụng; (-) không có" gives two. */
export function legendEntries(text: string): [string, SymbolMeaning][] {
  // Folding drops "-" as punctuation, so the raw text is lower-cased and only the words folded.
  const lower = text.toLowerCase().replace(/\s+/g, " ");
  const plain = lower.replace(/[^\s\-–—*/()x:=;,.a-z0-9àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]/g, " ");
  const words = plain
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d");
  const out: [string, SymbolMeaning][] = [];
  for (const m of words.matchAll(ENTRY)) {
    const meaning = meaningOf(m[2]!);
    if (meaning) out.push([m[1]!, meaning]);
  }
  return out;
}

const LEGEND_START = ["ghi chu", "chu thich", "chu giai", "ky hieu", "dau", "quy uoc", "luu y"];

const startsWithAny = (f: string) => LEGEND_START.some((w) => f.startsWith(w));

/**
 * Reads a sheet's legend rows. Looked for in text cells that are notes, not headers: rows whose
 * text begins with a legend word, or whose only text is symbol-meaning pairs.
 */
export function readConventions(grid: SheetGrid): SheetConventions {
  const symbols = new Map(DEFAULTS);
  const legendRows: number[] = [];
  let stated = false;
  grid.values.forEach((row, r) => {
    const texts = row.filter((v): v is string => typeof v === "string" && v.trim().length > 0);
    if (texts.length === 0 || texts.length > 3) return;
    const joined = texts.join("; ");
    // The cheap test first: most rows are units or labels, never legends.
    const startsLikeLegend = /^\s*\(?[x\-–—*]\)?\s*[:=]/i.test(joined) || /^\s*\([x\-–—*]\)/i.test(joined) || startsWithAny(fold(joined));
    if (!startsLikeLegend) return;
    const entries = legendEntries(joined);
    if (entries.length === 0) return;
    for (const [sym, meaning] of entries) symbols.set(sym, meaning);
    legendRows.push(r);
    stated = true;
  });
  return { symbols, stated, legendRows };
}

/** What a symbol cell means under the sheet's conventions, or null when it is not a symbol. */
export function symbolMeaning(v: CellValue, conv: SheetConventions): SymbolMeaning | null {
  if (typeof v !== "string") return null;
  const t = v.trim().toLowerCase();
  if (t.length === 0 || t.length > 4) return null;
  return conv.symbols.get(t) ?? conv.symbols.get(t.replace(/^\((.*)\)$/, "$1")) ?? null;
}

/**
 * Every common total label clerks write in the first cells of a total row, folded: the grand
 * total of a commune, district, province or party committee sheet.
 */
export const TOTAL_LABELS = [
  "tong cong",
  "tong so",
  "tong",
  "cong",
  "cong chung",
  "toan dang bo",
  "toan huyen",
  "toan tinh",
  "toan thanh pho",
  "toan thi xa",
  "toan quan",
  "toan xa",
  "toan phuong",
  "toan khoi",
  "toan nganh",
  "toan don vi",
  "tong toan huyen",
  "tong toan tinh",
  "cong toan huyen",
  "cong toan tinh",
  "tong hop chung",
  "tong cong toan",
  "total",
  "grand total",
] as const;

// Short words that start other labels too ("Cộng hòa", "Tổng số đảng viên" as an indicator row).
const EXACT_ONLY: ReadonlySet<string> = new Set(["tong", "cong", "tong so", "total"]);

/** Whether a row label is a grand total ("Tổng cộng", "Toàn Đảng bộ", "Cộng:", "I. Tổng số"). */
export function isGrandTotalLabel(label: string): boolean {
  const f = fold(label).replace(/^(?:[ivx]+|[0-9]+|[a-d])\s+/, "");
  return TOTAL_LABELS.some((w) => f === w || (!EXACT_ONLY.has(w) && f.startsWith(`${w} `)));
}
