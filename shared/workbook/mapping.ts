import { z } from "zod";
import type { Catalog, Indicator } from "../catalog/catalog.ts";
import { foldExpand } from "../parse/text.ts";
import { best, phrase, phraseOfFolded, similarity, type Phrase } from "./similarity.ts";
import { subjectFit, subjectOfCode, subjectsIn, withoutSubject } from "./header-subjects.ts";
import { measureUnit, valueRole } from "./labels.ts";
import { isPeriodPart, periodInText } from "./period.ts";


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
  /** The period the column holds, when its header names one ("Năm 2022", "Kỳ trước"). */
  period?: string;
  /** What the match rested on, and the best other reading, for "why this indicator". */
  evidence?: Evidence;
  runnerUp?: string;
  runnerUpScore?: number;
  /** Automatic and below CONFIRM_BELOW: used, but the clerk is asked to confirm it. */
  confirm?: boolean;
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
/** Automatic matches below this are used but shown as "please confirm this column". */
export const CONFIRM_BELOW = 0.8;
const RATE_WORDS = ["ty le", "%"];

interface Candidate {
  ind: Indicator;
  phrases: Phrase[];
  rowPhrases?: Phrase[];
  measurePhrases?: Phrase[];
  /** Who the indicator is about (subjects.ts), and its names without the subject's words. */
  subject?: string;
  bare?: Phrase[];
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
    ...subjectNames(ind, ab),
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

function subjectNames(ind: Indicator, ab: Record<string, string>): Pick<Candidate, "subject" | "bare"> {
  const subject = subjectOfCode(ind.code);
  if (!subject) return {};
  const bare = [ind.label.vi, ...ind.aliases].map((t) => phraseOfFolded(withoutSubject(foldExpand(t, ab)))).filter((p) => p.tokens.length > 0);
  return { subject, bare };
}

/** Scores a column header (its parts, group first) against one indicator. */
interface HeaderPhrases {
  whole: Phrase;
  group: Phrase | null;
  sub: Phrase | null;
  /** The subjects the header names: its leaf's own, else the nearest group's that names one. */
  subjects: ReadonlySet<string>;
  /** When the subject comes from a group: the leaf without grading words, to meet the subject's bare names. */
  bareLeaf: Phrase | null;
}

/** Weights of a subject's fit: a reader never takes a column under "Xếp loại chi bộ" for party members. */
const FIT_WEIGHT = { match: 1, neutral: 1, near: 0.85, conflict: 0.5 } as const;

function score(h: HeaderPhrases, cand: Candidate, isRate: boolean, rateWeight: number, unitSaid: boolean): number {
  const whole = best(h.whole, cand.phrases);
  let s = whole;
  if (h.sub && h.group) {
    // The sub-header is the column's own name; the group above it only gives context, so a group
    // word cannot carry a match on its own ("Tổ chức đảng | Chi bộ đạt TSVM" is about cells, not
    // about the mass organisations' "tổ chức vững mạnh").
    const leaf = best(h.sub, cand.phrases);
    s = Math.max(0.75 * leaf + 0.25 * whole, 0.92 * whole);
    if (whole >= 0.999) s = 1;
    // A candidate that shares no word with the sub-header matches the group, not the column
    // ("Tổng số đảng viên | nữ" is not the members' total).
    else if (!h.sub.tokens.some((t) => cand.phrases.some((p) => p.set.has(t)))) s = Math.min(s, 0.6 * whole);
    if (cand.rowPhrases && cand.measurePhrases) {
      // Two-level headers: the group names the row item, the last part names the measure.
      s = Math.max(s, Math.min(best(h.group, cand.rowPhrases), best(h.sub, cand.measurePhrases)));
    }
  }
  const fit = subjectFit(h.subjects, cand.subject);
  // Under a group naming the subject, the leaf names the grade or the measure: "Xếp loại chi bộ |
  // Hoàn thành tốt nhiệm vụ" is "Chi bộ trực thuộc HTTNV" without the subject's words.
  // A leaf that shares nothing with the indicator beyond the subject matched the group only
  // ("Hội Nông dân | Số hội viên" is not the association's grade).
  if (fit === "match" && h.bareLeaf?.tokens.length && cand.bare) {
    // A one-word grade ("Tốt") is met only by itself: "Hoàn thành tốt nhiệm vụ" is another scale.
    const bare = best(h.bareLeaf, h.bareLeaf.set.size > 1 ? cand.bare.filter((p) => p.set.size > 1) : cand.bare);
    // Below the threshold even when the group is word for word the indicator's name ("Hội Cựu
    // chiến binh | Số chi hội" is not the association's grade).
    s = bare === 0 ? Math.min(s, 0.55 * whole) : Math.max(s, 0.97 * bare);
  }
  s *= FIT_WEIGHT[fit];
  // "Tỷ lệ …", "%" or rate-like values point to a rate, their absence to a count — unless the
  // header is word for word one of the indicator's own names.
  const indIsRate = cand.ind.kind === "ratio" || cand.ind.type === "percent";
  // A unit written apart ("HTTNV | %") is the header's word on it even when the name is exact.
  if (isRate !== indIsRate && (s < 0.999 || unitSaid)) s *= rateWeight;
  return s;
}

/** What a column's values look like: rates (decimals within 0–100), counts (whole numbers, some above 100), or either. */
export type ValueKind = "rate" | "count" | null;

export function valueKindOf(values: readonly unknown[]): ValueKind {
  let n = 0, decimals = 0, over100 = 0, percentText = 0;
  for (const v of values) {
    if (typeof v === "number" && Number.isFinite(v)) {
      n++;
      if (!Number.isInteger(v)) decimals++;
      if (v > 100) over100++;
    } else if (typeof v === "string" && /%\s*$/.test(v)) { n++; percentText++; }
  }
  if (n < 2) return null;
  if (percentText / n >= 0.5) return "rate";
  if (over100 > 0 && decimals === 0) return "count";
  if (decimals / n >= 0.3 && over100 === 0) return "rate";
  return null;
}

export interface HeaderContext {
  /** The column's values (or a sample of them). */
  valueKind?: ValueKind;
}

export interface MatchResult {
  indicator: string | null;
  confidence: number;
  wholeIndicator?: string;
  runnerUp?: string;
  runnerUpScore?: number;
  /** What the match rested on, for the pane's "why": the header's own words, the group, the unit, the period, the values. */
  evidence?: Evidence;
}

export interface Evidence {
  name: string;
  group?: string;
  unit?: "rate" | "count";
  period?: string;
  values?: "rate" | "count";
  /** The column to the left whose count this column is the rate of. */
  neighbour?: string;
  /** "Tổng số | Trong đó: …": the whole this column is a part of (its column and indicator). */
  partOf?: { column: string; indicator: string };
}

/** Splits the header's parts into its name, its group, its unit of measure and its period. */
export function headerEvidence(parts: string[]): { name: string[]; evidence: Evidence } {
  const name: string[] = [];
  const evidence: Evidence = { name: "" };
  for (const p of parts) {
    // Units of measure ("%", "người") are hints, not name; "Số lượng", "Tổng số" stay in the
    // name too, since families name a measure by them.
    const unit = measureUnit(p);
    if (unit && parts.length > 1) { evidence.unit = unit; continue; }
    const role = valueRole(p);
    if ((role === "count" || role === "rate") && parts.length > 1) evidence.unit = role;
    if (isPeriodPart(p) && parts.length > 1) { evidence.period = periodInText(p)?.period ?? p; continue; }
    // "Tỷ lệ chi bộ TSVM (%)": the trailing unit is a hint, the rest the name.
    const m = /^(.*\S)\s*\((%|người|hộ|tổ chức|chi bộ|đảng viên|ng)\)$/u.exec(p.trim());
    if (m) { evidence.unit = m[2] === "%" ? "rate" : "count"; name.push(m[1]!); continue; }
    name.push(p);
  }
  if (name.length === 0) name.push(...parts.filter((p) => !isPeriodPart(p)).slice(-1));
  if (name.length === 0) name.push(parts[parts.length - 1] ?? "");
  evidence.name = name[name.length - 1]!;
  if (name.length > 1) evidence.group = name.slice(0, -1).join(" | ");
  return { name, evidence };
}

/**
 * Headers repeat: the same form reaches the province from every commune, and a sheet's headers
 * are scored once to decide its layout and again to map it. Results are kept per catalog
 * (frozen, so no caller changes a shared answer), up to a bound.
 */
const memo = new WeakMap<Catalog, Map<string, MatchResult>>();
const MEMO_MAX = 50_000;

/** Best indicator for a header, with its confidence (0–1). */
export function matchHeader(rawParts: string[], catalog: Catalog, exclude?: ReadonlySet<string>, context: HeaderContext = {}): MatchResult {
  if (rawParts.length === 0) return { indicator: null, confidence: 0 };
  if (exclude?.size) return scoreHeader(rawParts, catalog, exclude, context);
  let m = memo.get(catalog);
  if (!m) { m = new Map(); memo.set(catalog, m); }
  const key = `${context.valueKind ?? ""}\u0001${rawParts.join("\u0001")}`;
  let r = m.get(key);
  if (!r) {
    r = scoreHeader(rawParts, catalog, undefined, context);
    if (r.evidence) Object.freeze(r.evidence);
    Object.freeze(r);
    if (m.size >= MEMO_MAX) m.clear();
    m.set(key, r);
  }
  return r;
}

/**
 * Whether a one-part header could score `threshold` or more against any indicator, bounded
 * from its words alone: only words the catalog uses can be shared, and the similarity
 * (exact, containment, Dice) cannot exceed what that many shared words give. A transposed
 * sheet has a header per unit ("Xã mẫu 01"); bounding them spares scoring 100,000 names
 * against the catalog, which is what made wide sheets slow. Conservative: true when unsure.
 */
export function mayMatch(rawParts: string[], catalog: Catalog, threshold: number): boolean {
  if (rawParts.length !== 1) return true;
  const { name: parts, evidence } = headerEvidence(rawParts);
  if (evidence.unit !== undefined || parts.length !== 1 || parts[0]!.includes("/")) return true;
  const h = phrase(parts[0]!, catalog.abbreviations);
  const n = h.set.size;
  if (n === 0) return false;
  const { byToken } = candidates(catalog);
  let k = 0;
  for (const t of h.set) if (byToken.has(t)) k++;
  if (k === n) return true;
  const dice = k >= 2 ? (2 * k) / (k + n) : 0;
  const contained = k > 0 ? 0.55 + 0.45 * (k / n) : 0;
  // Confidences are rounded to hundredths, so stay half a hundredth below.
  return Math.max(dice, contained) >= threshold - 0.005;
}

/** The leaf's own subjects, else those of the nearest group part that names one. */
function headerSubjects(parts: string[], ab: Record<string, string>): { subjects: ReadonlySet<string>; fromGroup: boolean } {
  for (let k = parts.length - 1; k >= 0; k--) {
    const found = subjectsIn(foldExpand(parts[k]!, ab));
    if (found.size) return { subjects: found, fromGroup: k < parts.length - 1 };
  }
  return { subjects: new Set(), fromGroup: false };
}

function scoreHeader(rawParts: string[], catalog: Catalog, exclude: ReadonlySet<string> | undefined, context: HeaderContext): MatchResult {
  const ab = catalog.abbreviations;
  const { name: parts, evidence } = headerEvidence(rawParts);
  if (context.valueKind) evidence.values = context.valueKind;
  const flat = foldExpand(parts.join(" "), ab);
  const headerSaysRate = evidence.unit === "rate" || RATE_WORDS.some((w) => flat.includes(w));
  const headerSaysCount = evidence.unit === "count";
  // The header's word is stronger evidence than the values, which only break a silence.
  const isRate = headerSaysRate || (!headerSaysCount && context.valueKind === "rate");
  const unitSaid = evidence.unit !== undefined && rawParts.length > parts.length;
  const rateWeight = headerSaysRate || headerSaysCount ? 0.7 : context.valueKind ? 0.85 : 0.7;
  // "Thôn có chi bộ/Tổng số thôn": a part and a whole in one column.
  const last = parts[parts.length - 1]!;
  if (last.includes("/")) {
    const [l, r] = [last.slice(0, last.lastIndexOf("/")), last.slice(last.lastIndexOf("/") + 1)];
    const prefix = parts.slice(0, -1);
    const left = matchHeader([...prefix, l], catalog, exclude);
    const right = matchHeader([...prefix, r], catalog, exclude);
    if (left.indicator && right.indicator && isPartOf(catalog, left.indicator, right.indicator)) {
      return { indicator: left.indicator, wholeIndicator: right.indicator, confidence: Math.min(left.confidence, right.confidence), evidence };
    }
  }
  // A unit "%" written apart says "Tỷ lệ" for the name ("Đảng viên | HTNV | %" is the rate of HTNV members).
  const rateWords = unitSaid && evidence.unit === "rate" && !flat.includes("ty le") ? "ty le " : "";
  const { subjects, fromGroup } = headerSubjects(parts, ab);
  const hp: HeaderPhrases = {
    whole: phrase(rateWords + parts.join(" "), ab),
    group: parts.length >= 2 ? phrase(parts.slice(0, -1).join(" "), ab) : null,
    sub: parts.length >= 2 ? phrase(rateWords + last, ab) : null,
    subjects,
    bareLeaf: fromGroup ? phraseOfFolded(withoutSubject(foldExpand(rateWords + last, ab))) : null,
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
    const s = score(hp, cand, isRate, rateWeight, unitSaid);
    if (s > topScore) { second = top; secondScore = topScore; top = cand; topScore = s; }
    else if (s > secondScore) { second = cand; secondScore = s; }
  }
  if (!top) return { indicator: null, confidence: 0, evidence };
  // A near tie means the header does not really say which: lower the confidence.
  const margin = topScore - secondScore;
  const confidence = Math.round(Math.min(1, topScore - (margin < 0.05 ? 0.1 : 0)) * 100) / 100;
  return { indicator: top.ind.code, confidence, runnerUp: second?.ind.code, runnerUpScore: Math.round(secondScore * 100) / 100, evidence };
}

/** The indicators the catalog holds as parts of a whole: its sum's terms, and every part a rule sets under it. */
export function partsOf(catalog: Catalog, whole: string): Set<string> {
  const out = new Set<string>(catalog.byCode.get(whole)?.of ?? []);
  for (const r of catalog.rules) {
    if (r.type === "part_le_whole" && r.whole === whole) out.add(r.part);
    if (r.type === "parts_le_whole" && r.whole === whole) for (const p of r.parts) out.add(p);
  }
  return out;
}

/**
 * A column that is a part beside its whole ("Số thôn, tổ dân phố | Tổng số | Trong đó: Số
 * thôn"): never the whole itself; the catalog's parts of that whole first, its leaf read as a
 * shorthand within the whole ("Số thôn" beside all villages is the thôn, bản). `said`: the header
 * says "Trong đó", so a reading that is no part of the whole is no reading of it.
 */
export function matchPart(rawParts: string[], catalog: Catalog, whole: string, said: boolean, exclude?: ReadonlySet<string>, context: HeaderContext = {}): MatchResult {
  const ex = new Set(exclude ?? []);
  ex.add(whole);
  const plain = scoreHeader(rawParts, catalog, ex, context);
  const ab = catalog.abbreviations;
  const { all } = candidates(catalog);
  const byCode = new Map(all.map((c) => [c.ind.code, c] as const));
  const wholeWords = new Set((byCode.get(whole)?.phrases ?? []).flatMap((p) => p.tokens));
  const { name } = headerEvidence(rawParts);
  const leaf = phrase(name[name.length - 1]!, ab);
  const related = partsOf(catalog, whole);
  const evidence: Evidence = { ...(plain.evidence ?? { name: name[name.length - 1]! }) };
  let top: string | null = null;
  let topScore = 0;
  let secondScore = 0;
  for (const code of related) {
    const cand = byCode.get(code);
    if (!cand || ex.has(code) || cand.ind.kind === "ratio") continue;
    let s = 0;
    for (const p of cand.phrases) {
      const covered = leaf.tokens.length > 0 && leaf.tokens.every((t) => p.set.has(t)) ? 0.55 + 0.45 * (leaf.set.size / p.set.size) : 0;
      const own = phraseOfFolded(p.tokens.filter((t) => !wholeWords.has(t)).join(" "));
      s = Math.max(s, similarity(leaf, p), covered, similarity(leaf, own));
    }
    if (s > topScore) { secondScore = topScore; topScore = s; top = code; } else if (s > secondScore) secondScore = s;
  }
  const round = (x: number) => Math.round(x * 100) / 100;
  const partScore = round(Math.min(0.95, topScore - (topScore - secondScore < 0.05 ? 0.1 : 0)));
  if (top && partScore >= MIN_CONFIDENCE && partScore >= plain.confidence - 0.05) {
    return { indicator: top, confidence: partScore, evidence, runnerUp: plain.indicator ?? undefined, runnerUpScore: plain.confidence };
  }
  if (plain.indicator && (related.has(plain.indicator) || isPartOf(catalog, plain.indicator, whole))) return { ...plain, evidence };
  // "Trong đó: nữ" under the members graded excellent is the women among them, not all women.
  if (!said) return { ...plain, evidence };
  return { indicator: null, confidence: plain.confidence, evidence, runnerUp: plain.indicator ?? undefined, runnerUpScore: plain.confidence };
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

export interface HeaderInput {
  index: number;
  column: string;
  parts: string[];
  /** The index of the header this one is a part of ("- Trong đó: nữ" under "Tổng số đảng viên"), when the reader knows it. */
  partOf?: number;
  /** What the column's values look like, when known. */
  valueKind?: ValueKind;
}
