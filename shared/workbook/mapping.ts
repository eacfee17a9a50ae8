import { z } from "zod";
import type { Catalog, Indicator } from "../catalog/catalog.ts";
import { foldExpand } from "../parse/text.ts";

/** How one column was understood. */
export interface ColumnMapping {
  /** Column letters in the sheet. */
  column: string;
  /** 0-based grid column. */
  index: number;
  header: string;
  indicator: string | null;
  /** For "52/53" columns: the whole goes to this indicator, the part to `indicator`. */
  wholeIndicator?: string;
  confidence: number;
  source: "auto" | "saved";
}

/**
 * A mapping the clerk saved: keys are column letters ("F") or header texts; values an indicator
 * code, `{part, whole}` for a "52/53" column, or null to ignore the column.
 */
export const SavedMapping = z.record(
  z.string().min(1).max(300),
  z.union([z.string().max(100), z.object({ part: z.string().max(100), whole: z.string().max(100) }), z.null()]),
);
export type SavedMapping = z.infer<typeof SavedMapping>;

export const MIN_CONFIDENCE = 0.6;
const STOP = new Set(["nguoi", "don", "vi", "tinh", "dvt", "chi", "tieu", "so", "luong", "cua", "cac", "va", "trong", "do", "o", "tai"]);
const RATE_WORDS = ["ty le", "%"];

interface Phrase { tokens: string[]; set: Set<string> }
interface Candidate { ind: Indicator; phrases: Phrase[]; rowPhrases?: Phrase[]; measurePhrases?: Phrase[] }

function phrase(text: string, abbreviations: Record<string, string>): Phrase {
  const tokens = foldExpand(text, abbreviations).split(" ").filter((t) => t && !STOP.has(t));
  return { tokens, set: new Set(tokens) };
}

/**
 * Similarity of a header to an alias: exact, the alias contained in the header (scored by how
 * much of the header it covers), or token overlap (Dice). Stop words ("số", "người", "đơn vị
 * tính") are dropped first, since clerks add them freely.
 */
function similarity(h: Phrase, a: Phrase): number {
  if (a.tokens.length === 0 || h.tokens.length === 0) return 0;
  let common = 0;
  for (const t of a.set) if (h.set.has(t)) common++;
  if (common === a.set.size && common === h.set.size) return 1;
  // One shared word is chance ("cột lạ" vs "cốt cán"), not a match.
  const dice = common >= 2 ? (2 * common) / (a.set.size + h.set.size) : 0;
  const contained = common === a.set.size ? 0.55 + 0.45 * (a.set.size / h.set.size) : 0;
  return Math.max(dice, contained);
}

interface Index { all: Candidate[]; byToken: Map<string, number[]> }
const cache = new WeakMap<Catalog, Index>();
function candidates(catalog: Catalog): Index {
  let c = cache.get(catalog);
  if (c) return c;
  const ab = catalog.abbreviations;
  const all: Candidate[] = catalog.indicators.map((ind) => ({
    ind,
    phrases: [ind.label.vi, ind.label.en, ind.code.replace(/[._]/g, " "), ...ind.aliases].map((t) => phrase(t, ab)),
    rowPhrases: ind.dims ? [ind.dims.rowLabel.vi, ...ind.dims.rowAliases].map((t) => phrase(t, ab)) : undefined,
    measurePhrases: ind.dims ? [ind.dims.measureLabel.vi, ...ind.dims.measureAliases].map((t) => phrase(t, ab)) : undefined,
  }));
  // Only indicators sharing a word with a header can score above zero: index them by word.
  const byToken = new Map<string, number[]>();
  all.forEach((cand, i) => {
    const words = new Set([...cand.phrases, ...(cand.rowPhrases ?? []), ...(cand.measurePhrases ?? [])].flatMap((p) => p.tokens));
    for (const w of words) byToken.set(w, [...(byToken.get(w) ?? []), i]);
  });
  c = { all, byToken };
  cache.set(catalog, c);
  return c;
}

function best(h: Phrase, list: Phrase[]): number {
  let b = 0;
  for (const p of list) b = Math.max(b, similarity(h, p));
  return b;
}

/** Scores a column header (its parts, group first) against one indicator. */
interface HeaderPhrases { whole: Phrase; group: Phrase | null; sub: Phrase | null }

function score(h: HeaderPhrases, cand: Candidate, isRate: boolean): number {
  let s = best(h.whole, cand.phrases);
  if (cand.rowPhrases && cand.measurePhrases && h.group && h.sub) {
    // Two-level headers: the group names the row item, the last part names the measure.
    s = Math.max(s, Math.min(best(h.group, cand.rowPhrases), best(h.sub, cand.measurePhrases)));
  }
  // "Tỷ lệ …" or "%" in a header points to a rate, its absence to a count — unless the header is
  // word for word one of the indicator's own names.
  const indIsRate = cand.ind.kind === "ratio";
  if (isRate !== indIsRate && s < 0.999) s *= 0.7;
  return s;
}

export interface MatchResult { indicator: string | null; confidence: number; wholeIndicator?: string; runnerUp?: string }

/** Best indicator for a header, with its confidence (0–1). */
export function matchHeader(parts: string[], catalog: Catalog, exclude?: ReadonlySet<string>): MatchResult {
  if (parts.length === 0) return { indicator: null, confidence: 0 };
  const ab = catalog.abbreviations;
  const flat = foldExpand(parts.join(" "), ab);
  const isRate = RATE_WORDS.some((w) => flat.includes(w));
  // "Thôn có chi bộ/Tổng số thôn": a part and a whole in one column.
  const last = parts[parts.length - 1]!;
  if (last.includes("/")) {
    const [l, r] = [last.slice(0, last.lastIndexOf("/")), last.slice(last.lastIndexOf("/") + 1)];
    const prefix = parts.slice(0, -1);
    const left = matchHeader([...prefix, l], catalog, exclude);
    const right = matchHeader([...prefix, r], catalog, exclude);
    if (left.indicator && right.indicator && isPartOf(catalog, left.indicator, right.indicator)) {
      return { indicator: left.indicator, wholeIndicator: right.indicator, confidence: Math.min(left.confidence, right.confidence) };
    }
  }
  const hp: HeaderPhrases = {
    whole: phrase(parts.join(" "), ab),
    group: parts.length >= 2 ? phrase(parts.slice(0, -1).join(" "), ab) : null,
    sub: parts.length >= 2 ? phrase(last, ab) : null,
  };
  let top: Candidate | null = null;
  let topScore = 0;
  let second: Candidate | null = null;
  let secondScore = 0;
  const index = candidates(catalog);
  const shortlist = new Set<number>();
  for (const t of [...hp.whole.tokens, ...(hp.sub?.tokens ?? [])]) for (const i of index.byToken.get(t) ?? []) shortlist.add(i);
  for (const i of shortlist) {
    const cand = index.all[i]!;
    if (exclude?.has(cand.ind.code)) continue;
    const s = score(hp, cand, isRate);
    if (s > topScore) { second = top; secondScore = topScore; top = cand; topScore = s; }
    else if (s > secondScore) { second = cand; secondScore = s; }
  }
  if (!top) return { indicator: null, confidence: 0 };
  // A near tie means the header does not really say which: lower the confidence.
  const margin = topScore - secondScore;
  const confidence = Math.round(Math.min(1, topScore - (margin < 0.05 ? 0.1 : 0)) * 100) / 100;
  return { indicator: top.ind.code, confidence, runnerUp: second?.ind.code };
}

export function isPartOf(catalog: Catalog, part: string, whole: string): boolean {
  for (const r of catalog.rules) {
    if (r.type === "part_le_whole" && r.part === part && r.whole === whole) return true;
    if (r.type === "parts_le_whole" && r.whole === whole && r.parts.includes(part)) return true;
  }
  for (const ind of catalog.indicators) {
    if (ind.kind === "ratio" && ind.numerator?.includes(part) && ind.denominator?.includes(whole)) return true;
  }
  return false;
}

/**
 * Maps every header column. Saved choices win; the rest are matched automatically, best scores
 * first, each indicator to one column only (a second column with the same meaning is reported
 * unmapped rather than silently merged).
 */
export function mapColumns(
  headers: { index: number; column: string; parts: string[] }[],
  catalog: Catalog,
  saved?: SavedMapping,
): { mapping: ColumnMapping[]; unmapped: ColumnMapping[] } {
  const used = new Set<string>();
  const out = new Map<number, ColumnMapping>();
  const header = (parts: string[]) => parts.join(" | ");
  for (const h of headers) {
    const key = saved && (h.column in saved ? h.column : header(h.parts) in saved ? header(h.parts) : null);
    if (!saved || key === null || key === undefined) continue;
    const choice = saved[key];
    if (choice === null || choice === undefined) {
      out.set(h.index, { column: h.column, index: h.index, header: header(h.parts), indicator: null, confidence: 1, source: "saved" });
    } else if (typeof choice === "string") {
      if (!catalog.byCode.has(choice)) continue;
      used.add(choice);
      out.set(h.index, { column: h.column, index: h.index, header: header(h.parts), indicator: choice, confidence: 1, source: "saved" });
    } else if (catalog.byCode.has(choice.part) && catalog.byCode.has(choice.whole)) {
      used.add(choice.part); used.add(choice.whole);
      out.set(h.index, { column: h.column, index: h.index, header: header(h.parts), indicator: choice.part, wholeIndicator: choice.whole, confidence: 1, source: "saved" });
    }
  }
  const auto = headers
    .filter((h) => !out.has(h.index) && h.parts.length > 0)
    .map((h) => ({ h, m: matchHeader(h.parts, catalog) }))
    .sort((a, b) => b.m.confidence - a.m.confidence);
  for (const { h, m } of auto) {
    let match = m;
    if (match.indicator && (used.has(match.indicator) || (match.wholeIndicator && used.has(match.wholeIndicator)))) {
      match = matchHeader(h.parts, catalog, used);
      if (match.confidence < m.confidence - 0.15) match = { indicator: null, confidence: match.confidence };
    }
    const ok = match.indicator && match.confidence >= MIN_CONFIDENCE;
    const entry: ColumnMapping = { column: h.column, index: h.index, header: header(h.parts), indicator: ok ? match.indicator : null, confidence: match.confidence, source: "auto" };
    if (ok && match.wholeIndicator) entry.wholeIndicator = match.wholeIndicator;
    if (ok) { used.add(match.indicator!); if (match.wholeIndicator) used.add(match.wholeIndicator); }
    out.set(h.index, entry);
  }
  const all = [...out.values()].sort((a, b) => a.index - b.index);
  return { mapping: all.filter((m) => m.indicator), unmapped: all.filter((m) => !m.indicator) };
}
