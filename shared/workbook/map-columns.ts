// The mapping of a whole header band (or a form's row labels): saved choices first, then each
// indicator to its best column, periods apart, parts beside their whole, rates beside counts.
import type { Catalog } from "../catalog/catalog.ts";
import { CONFIRM_BELOW, MIN_CONFIDENCE, matchHeader, matchPart, type ColumnMapping, type HeaderInput, type MatchResult, type SavedMapping } from "./mapping.ts";
import { partsBeside } from "./parts-beside.ts";
import { isPeriodPart, periodInText, relativePeriod } from "./period.ts";

export interface ColumnsMapped {
  mapping: ColumnMapping[];
  unmapped: ColumnMapping[];
  /** Columns of other periods than the reporting one: earlier values, never this period's data. */
  earlier: ColumnMapping[];
  /** The period the mapped columns hold, when headers name periods. */
  period: string | null;
}

/** The period a header names, as a code, or as an offset for "Kỳ này" / "Kỳ trước". */
function columnPeriod(parts: string[]): { code: string | null; relative: 0 | -1 | null } | null {
  if (parts.length < 2) {
    const only = parts[0] ?? "";
    // A header that is nothing but a year ("2023") under no group names a period too.
    return /^(19|20)[0-9]{2}$/.test(only.trim()) ? { code: only.trim(), relative: null } : null;
  }
  for (const p of parts) {
    if (!isPeriodPart(p)) continue;
    const rel = relativePeriod(p);
    return { code: rel === null ? periodInText(p)?.period ?? null : null, relative: rel };
  }
  return null;
}

/**
 * Maps every header column. Saved choices win; the rest are matched automatically, best scores
 * first, each indicator to one column only (a second column with the same meaning is reported
 * unmapped rather than silently merged). Where headers name periods, the columns of the
 * reporting period (`period`, else the latest the headers name) are mapped as data and the
 * others as earlier values.
 */
/**
 * Sheets of one form (a province's 3,321 communes filling in the same template) have the same
 * headers: the mapping is decided once per catalog and header set, and each sheet gets its own
 * copy, since readers annotate the entries they are given.
 */
const columnsMemo = new WeakMap<Catalog, Map<string, ColumnsMapped>>();
const COLUMNS_MEMO_MAX = 2_000;

export function mapColumns(
  headers: HeaderInput[],
  catalog: Catalog,
  saved?: SavedMapping,
  opts: { period?: string | null } = {},
): ColumnsMapped {
  let m = columnsMemo.get(catalog);
  if (!m) { m = new Map(); columnsMemo.set(catalog, m); }
  let key = `${opts.period ?? ""}\u0002${saved ? JSON.stringify(saved) : ""}`;
  for (const h of headers) key += `\u0002${h.index}\u0003${h.column}\u0003${h.valueKind ?? ""}\u0003${h.partOf ?? ""}\u0003${h.parts.join("\u0003")}`;
  let r = m.get(key);
  if (!r) {
    r = mapColumnsUncached(headers, catalog, saved, opts);
    // Evidence is shared between the copies: frozen, so no reader can change another's.
    for (const e of [...r.mapping, ...r.unmapped, ...r.earlier]) if (e.evidence) Object.freeze(e.evidence);
    if (m.size >= COLUMNS_MEMO_MAX) m.clear();
    m.set(key, r);
  }
  const copy = (e: ColumnMapping): ColumnMapping => ({ ...e });
  return { mapping: r.mapping.map(copy), unmapped: r.unmapped.map(copy), earlier: r.earlier.map(copy), period: r.period };
}

function mapColumnsUncached(
  headers: HeaderInput[],
  catalog: Catalog,
  saved: SavedMapping | undefined,
  opts: { period?: string | null },
): ColumnsMapped {
  const periods = headers.map((h) => columnPeriod(h.parts));
  const codes = [...new Set(periods.map((p) => p?.code).filter((c): c is string => !!c))].sort();
  let current: string | null = null;
  if (codes.length) current = opts.period && codes.includes(opts.period) ? opts.period : codes[codes.length - 1]!;
  const isEarlier = (i: number) => {
    const p = periods[i];
    if (!p) return false;
    if (p.relative !== null) return p.relative < 0;
    return !!p.code && !!current && p.code !== current;
  };
  const now: HeaderInput[] = [];
  const before: HeaderInput[] = [];
  headers.forEach((h, i) => (isEarlier(i) ? before : now).push(h));
  const main = mapPeriod(now, catalog, saved);
  const earlier: ColumnMapping[] = [];
  // Each earlier period is mapped on its own, so the same indicator may appear once per period.
  const byPeriod = new Map<string, HeaderInput[]>();
  for (const h of before) {
    const p = periods[headers.indexOf(h)]!;
    const key = p.code ?? "previous";
    byPeriod.set(key, [...(byPeriod.get(key) ?? []), h]);
  }
  for (const [period, hs] of byPeriod) {
    for (const m of mapPeriod(hs, catalog, saved).mapping) earlier.push({ ...m, period });
  }
  for (const m of main.mapping) { const p = periods[headers.findIndex((h) => h.index === m.index)]; if (p) m.period = p.code ?? current ?? undefined; }
  return { mapping: main.mapping, unmapped: main.unmapped, earlier, period: current };
}

function mapPeriod(
  headers: HeaderInput[],
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
  const layout = partsBeside(headers);
  const columnOf = new Map(headers.map((h) => [h.index, h.column] as const));
  const first = headers
    .filter((h) => !out.has(h.index) && h.parts.length > 0)
    .map((h) => {
      // Values only break a silence: a header that is word for word an indicator's name needs no look at them.
      const plain = matchHeader(h.parts, catalog);
      let m = h.valueKind && plain.confidence < 0.999 ? matchHeader(h.parts, catalog, undefined, { valueKind: h.valueKind }) : plain;
      // A "Tổng số" column is the whole its group names.
      const group = layout.wholeGroup.get(h.index);
      if (group) { const g = matchHeader(group, catalog); if (g.confidence > m.confidence) m = { ...g, evidence: m.evidence }; }
      return { h, m };
    });
  const firstOf = new Map(first.map((a) => [a.h.index, a.m] as const));
  // A part beside its whole is matched once the whole is known, and never as the whole.
  const wholeOf = (h: HeaderInput): { code: string; column: string; said: boolean } | null => {
    const b = layout.beside.get(h.index);
    if (!b) return null;
    const saved = out.get(b.whole)?.indicator;
    const w = saved ?? firstOf.get(b.whole);
    const code = typeof w === "string" ? w : w && w.indicator && w.confidence >= MIN_CONFIDENCE ? w.indicator : null;
    return code ? { code, column: columnOf.get(b.whole)!, said: b.said } : null;
  };
  const asPart = (h: HeaderInput, w: { code: string; column: string; said: boolean }, exclude?: ReadonlySet<string>): MatchResult => {
    const r = matchPart(layout.parts.get(h.index) ?? h.parts, catalog, w.code, w.said, exclude, { valueKind: h.valueKind });
    return { ...r, evidence: { ...(r.evidence ?? { name: h.parts[h.parts.length - 1] ?? "" }), partOf: { column: w.column, indicator: w.code } } };
  };
  const auto = first
    .map(({ h, m }) => { const w = wholeOf(h); return { h, m: w ? asPart(h, w) : m, w }; })
    .sort((a, b) => b.m.confidence - a.m.confidence);
  for (const { h, m, w } of auto) {
    let match = m;
    if (match.indicator && (used.has(match.indicator) || (match.wholeIndicator && used.has(match.wholeIndicator)))) {
      match = w ? asPart(h, w, used) : matchHeader(h.parts, catalog, used, { valueKind: h.valueKind });
      if (match.confidence < m.confidence - 0.15) match = { indicator: null, confidence: match.confidence, evidence: m.evidence };
    }
    const ok = match.indicator && match.confidence >= MIN_CONFIDENCE;
    const entry: ColumnMapping = { column: h.column, index: h.index, header: header(h.parts), indicator: ok ? match.indicator : null, confidence: match.confidence, source: "auto" };
    if (ok && match.wholeIndicator) entry.wholeIndicator = match.wholeIndicator;
    if (match.evidence) entry.evidence = match.evidence;
    if (match.runnerUp) { entry.runnerUp = match.runnerUp; entry.runnerUpScore = match.runnerUpScore; }
    if (ok) { used.add(match.indicator!); if (match.wholeIndicator) used.add(match.wholeIndicator); entry.confirm = match.confidence < CONFIRM_BELOW; }
    out.set(h.index, entry);
  }
  neighbourRates([...out.values()].sort((a, b) => a.index - b.index), catalog, used);
  const all = [...out.values()].sort((a, b) => a.index - b.index);
  return { mapping: all.filter((m) => m.indicator), unmapped: all.filter((m) => !m.indicator) };
}

/**
 * "Số lượng | Tỷ lệ" side by side: a rate column right of a count column it is not yet sure of is
 * the rate of that count when the catalog has exactly one such rate.
 */
function neighbourRates(cols: ColumnMapping[], catalog: Catalog, used: Set<string>): void {
  for (let k = 1; k < cols.length; k++) {
    const left = cols[k - 1]!;
    const col = cols[k]!;
    if (col.source !== "auto" || col.index !== left.index + 1 || !left.indicator) continue;
    if (col.indicator && col.confidence >= CONFIRM_BELOW) continue;
    const saysRate = col.evidence?.unit === "rate" || col.evidence?.values === "rate";
    if (!saysRate) continue;
    const rates = catalog.indicators.filter((i) => i.kind === "ratio" && i.numerator?.length === 1 && i.numerator[0] === left.indicator && !used.has(i.code));
    if (rates.length !== 1) continue;
    if (col.indicator) used.delete(col.indicator);
    col.indicator = rates[0]!.code;
    col.confidence = Math.max(col.confidence, Math.min(0.85, left.confidence));
    col.confirm = col.confidence < CONFIRM_BELOW;
    col.evidence = { ...(col.evidence ?? { name: col.header }), neighbour: left.column };
    used.add(col.indicator);
  }
}
