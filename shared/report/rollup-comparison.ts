import type { Catalog } from "../catalog/catalog.ts";
import type { Lang } from "../model.ts";
import { rollupUnits, type ReconstructedRollup, type RollupResponse } from "../contract/rollups.ts";
import type { Reconstruction } from "../rollup/reconstruct.ts";
import { isRateCode, roundRate } from "./figures.ts";
import { periodInSentence, previousPeriod, yearEarlier } from "./period-words.ts";

type Cell = string | number;
type Values = Record<string, number>;

/** What an earlier period's figures of one unit of this period rest on: a reconstruction's, without its id. */
export type EarlierFigures = Omit<Reconstruction, "unitId">;

/** An earlier period in the units of this one: the province and each reporting unit of this period. */
export interface EarlierPeriod {
  period: string;
  totals: EarlierFigures;
  units: ReadonlyMap<string, EarlierFigures>;
  names: Readonly<Record<string, string>>;
}

/** A comparison source as hosts fetch it: the earlier rollup itself (same units) or its reconstruction in this period's units. */
export type Comparable = RollupResponse | ReconstructedRollup;

const own = (values: Values): EarlierFigures => ({ values, reconstructed: false, from: [], missing: [], split: [], approximate: [] });

/** `lang` names an earlier province as text does ("tỉnh Đắk Nông (cũ)"); without it, by its registry name. */
export function earlierPeriod(x: Comparable, lang?: Lang): EarlierPeriod {
  if ("inUnitsOf" in x) {
    const former = lang ? Object.fromEntries(Object.entries(x.former ?? {}).map(([c, n]) => [c, n[lang]])) : {};
    return { period: x.period, totals: x.totals, units: new Map(x.units.map((u) => [u.unit, u])), names: { ...x.names, ...former, [x.province]: x.name, ...Object.fromEntries(x.units.map((u) => [u.unit, u.name])) } };
  }
  return {
    period: x.period, totals: own(x.totals),
    units: new Map(rollupUnits(x).filter((d) => d.submitted).map((d) => [d.unit, own(d.values)])),
    names: Object.fromEntries(rollupUnits(x).map((d) => [d.unit, d.name])),
  };
}

/**
 * The earlier periods a period is compared with, fetched by `one` (null: nothing to compare):
 * the previous period, or when it has no figures the one before it (Lâm Đồng's 2026 after the
 * reorganisation of 2025, whose year its communes never reported, compares with 2024 rebuilt in
 * its units), and the same period a year earlier (for a year, the previous one). Each period
 * is fetched once.
 */
export async function fetchComparisons(period: string, one: (p: string) => Promise<Comparable | null>): Promise<{ previous: Comparable | null; yearEarlier: Comparable | null }> {
  const memo = new Map<string, Promise<Comparable | null>>();
  const get = (p: string | null): Promise<Comparable | null> => {
    if (!p) return Promise.resolve(null);
    const hit = memo.get(p) ?? one(p);
    memo.set(p, hit);
    return hit;
  };
  const prevP = previousPeriod(period), yoyP = yearEarlier(period);
  const [prev, yoy] = await Promise.all([get(prevP), get(yoyP)]);
  const previous = prev ?? (prevP ? await get(previousPeriod(prevP)) : null);
  return { previous, yearEarlier: yoyP === prevP ? previous : yoy };
}

/** Whether an earlier period has any figure to compare with. */
export function hasFigures(x: Comparable): boolean {
  const e = earlierPeriod(x);
  return Object.keys(e.totals.values).length > 0 || [...e.units.values()].some((u) => Object.keys(u.values).length > 0);
}

export interface ComparisonRow {
  /** heading: a block's title; unit / total: figures; note: why a figure is approximate. */
  kind: "heading" | "unit" | "total" | "note";
  label: string;
  /** One cell per header column; the label sits in the first. */
  values: Cell[];
  formats: string[];
  /** The figures include a split unit's whole figure (the basis cell says so, and a note why). */
  approximate: boolean;
}

/** Column (of the descriptive ones) where a comparison row says what its figures rest on. */
export const BASIS_COL = 2;
/** Excel's "neutral" fill, on the basis cell of approximate figures. */
export const APPROXIMATE_FILL = "#FFEB9C";

const WORDS = {
  vi: {
    total: "Toàn tỉnh", inUnits: "theo đơn vị của kỳ này", change: (w: string) => `Tăng (+), giảm (−) so với ${w}`,
    noData: "Không có số liệu kỳ so sánh", rebuilt: "Tính lại từ các đơn vị cũ", approx: "gần đúng (*)", lacking: "thiếu số liệu của",
    coverage: (a: number, b: number, n: number, when: string) => `${a}/${n} đơn vị báo cáo, so với ${b}/${n} ${when}`,
    common: (k: number, cover: string) => `Chỉ so sánh ${k} đơn vị có số liệu cả hai kỳ (${cover}); tỷ lệ không so sánh`,
    noteRebuilt: "Tính lại từ các đơn vị cũ: đơn vị hình thành khi sắp xếp đơn vị hành chính được tính bằng tổng số liệu của các đơn vị trước sắp xếp; tỷ lệ tính lại từ tử số và mẫu số đã cộng.",
    noteSplit: (n: string, to: string) => `(*) Gần đúng: ${n} được chia cho ${to}; không có số liệu tách riêng nên mỗi đơn vị mới được tính toàn bộ số liệu của ${n}, vì vậy số liệu kỳ trước của các đơn vị này cao hơn thực tế và không cộng dồn được.`,
  },
  en: {
    total: "Province total", inUnits: "in this period's units", change: (w: string) => `Change on ${w}`,
    noData: "No figures for that period", rebuilt: "Rebuilt from the former units", approx: "approximate (*)", lacking: "no figures for",
    coverage: (a: number, b: number, n: number, when: string) => `${a}/${n} units reported, against ${b}/${n} in ${when}`,
    common: (k: number, cover: string) => `Only the ${k} units with figures in both periods compared (${cover}); rates not compared`,
    noteRebuilt: "Rebuilt from the former units: a unit formed in a reorganisation is given the sum of its predecessors' figures; rates are recomputed from the summed numerators and denominators.",
    noteSplit: (n: string, to: string) => `(*) Approximate: ${n} was split between ${to}; with no figures for the parts, each new unit is given the whole of ${n}'s figures, so these units' earlier figures are too high and do not add up.`,
  },
} as const;

export interface ComparisonInput {
  catalog: Catalog;
  lang: Lang;
  rollup: RollupResponse;
  /** Indicator codes of the columns after the descriptive ones. */
  codes: readonly string[];
  /** Number of descriptive columns before the indicators. */
  lead: number;
  indFormat: (code: string) => string;
  changeFormat: (code: string) => string;
  cellValue: (code: string, v: number | undefined) => Cell;
}

/**
 * The comparison rows of the rollup sheet: for each earlier period, its figures for every unit of
 * this period and the province (a reorganised unit's from its predecessors, said so in the
 * basis column), then the change of each (counts, and percentage points between the rates as
 * shown, so that a reader gets the same from the printed figures); notes say what "rebuilt" means
 * and why a split unit's successors are approximate.
 */
export function comparisonRows(input: ComparisonInput, compared: { what: string; other: EarlierPeriod }[]): ComparisonRow[] {
  const { catalog, lang, rollup, codes, lead } = input;
  const w = WORDS[lang];
  const blank = (): Cell[] => Array.from({ length: lead }, () => "");
  const textFormats = () => Array.from({ length: lead }, () => "@");
  const line = (kind: ComparisonRow["kind"], label: string): ComparisonRow =>
    ({ kind, label, values: [label, ...blank().slice(1), ...codes.map(() => "")], formats: [...textFormats(), ...codes.map(() => "@")], approximate: false });
  const name = (other: EarlierPeriod, c: string) => other.names[c] ?? c;
  const basis = (other: EarlierPeriod, e: EarlierFigures | undefined): string => {
    if (!e || !Object.keys(e.values).length) return w.noData;
    if (!e.reconstructed) return "";
    const parts = [`${w.rebuilt}: ${e.from.map((c) => name(other, c)).join(", ")}`];
    if (e.approximate.length) parts.push(w.approx);
    if (e.missing.length) parts.push(`${w.lacking} ${e.missing.map((c) => name(other, c)).join(", ")}`);
    return parts.join("; ");
  };
  const change = (a: number | undefined, b: number | undefined, c: string): Cell => {
    if (a === undefined || b === undefined) return "";
    return isRateCode(catalog, c) ? roundRate(roundRate(a) - roundRate(b)) : a - b;
  };
  const out: ComparisonRow[] = [];
  let rebuilt = false;
  const splits = new Map<string, { other: EarlierPeriod; to: Set<string> }>();
  // A unit counts as reported when its figures are in the rollup (with approved data only, approved units alone).
  const units = rollupUnits(rollup).map((d) => ({ code: d.unit, name: d.name, values: d.values, submitted: d.submitted && Object.keys(d.values).length > 0 }));
  const has = (e: EarlierFigures | undefined) => !!e && Object.keys(e.values).length > 0;
  for (const { what, other } of compared) {
    const when = periodInSentence(other.period, lang);
    const rows = [...units.map((u) => ({ ...u, e: other.units.get(u.code), kind: "unit" as const })),
      { code: rollup.province, name: `${w.total} (${when})`, values: rollup.totals, e: other.totals, kind: "total" as const }];
    for (const r of rows) {
      if (r.e?.reconstructed && Object.keys(r.e.values).length) rebuilt = true;
      for (const s of r.e?.split ?? []) {
        const entry = splits.get(s) ?? { other, to: new Set<string>() };
        if (r.kind === "unit") entry.to.add(r.name);
        splits.set(s, entry);
      }
    }
    const anyRebuilt = rows.some((r) => r.e?.reconstructed);
    out.push(line("heading", `${what} (${when})${anyRebuilt ? `, ${w.inUnits}` : ""}`));
    for (const r of rows) {
      const b = basis(other, r.e);
      out.push({
        kind: r.kind, label: r.name, approximate: !!r.e?.approximate.length,
        values: [r.name, r.code, b, ...blank().slice(3), ...codes.map((c) => input.cellValue(c, r.e?.values[c]))],
        formats: [...textFormats(), ...codes.map(input.indFormat)],
      });
    }
    const label = w.change(when);
    out.push(line("heading", label));
    // Like with like: when the two periods' figures cover different units, the province's change
    // is the sum of the changes of the units with figures in both (never a unit that did not
    // report counted as a fall), and its row says how many units each period covers.
    const now = units.filter((u) => u.submitted).length;
    const then = units.filter((u) => has(other.units.get(u.code))).length;
    const same = units.every((u) => u.submitted === has(other.units.get(u.code)));
    const covered = units.filter((u) => has(other.units.get(u.code)));
    // Every unit with earlier figures reported now: this period's figures of those units against
    // the earlier total (exact, a split unit's parts counted once). Otherwise only the units with
    // figures in both and no split, unit by unit.
    const nested = covered.every((u) => u.submitted);
    const common = nested ? covered : covered.filter((u) => u.submitted && !other.units.get(u.code)!.approximate.length);
    const commonChange = (c: string): Cell => {
      if (isRateCode(catalog, c)) return "";
      if (nested) {
        const b = other.totals.values[c];
        const as = common.map((u) => u.values[c]);
        return b === undefined || as.some((a) => a === undefined) ? "" : as.reduce<number>((x, y) => x + y!, 0) - b;
      }
      const ds = common.flatMap((u) => { const a = u.values[c], b = other.units.get(u.code)!.values[c]; return a === undefined || b === undefined ? [] : [a - b]; });
      return ds.length ? ds.reduce((x, y) => x + y, 0) : "";
    };
    for (const r of rows) {
      const rowName = r.kind === "total" ? w.total : r.name;
      const pooled = r.kind === "total" && !same;
      const cover = w.coverage(now, then, units.length, when);
      const b = pooled ? [w.common(common.length, cover), basis(other, r.e)].filter(Boolean).join("; ") : basis(other, r.e);
      out.push({
        kind: r.kind, label: rowName, approximate: !!r.e?.approximate.length,
        values: [rowName, r.code, b, ...blank().slice(3), ...codes.map((c) => (pooled ? commonChange(c) : change(r.values[c], r.e?.values[c], c)))],
        formats: [...textFormats(), ...codes.map(input.changeFormat)],
      });
    }
  }
  if (rebuilt) out.push(line("note", w.noteRebuilt));
  for (const [code, { other, to }] of splits) {
    if (!to.size) continue;
    out.push(line("note", w.noteSplit(name(other, code), [...to].join(", "))));
  }
  return out;
}
