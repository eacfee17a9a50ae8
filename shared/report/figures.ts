import type { Catalog } from "../catalog/catalog.ts";
import type { Lang } from "../model.ts";
import type { Target } from "../catalog/schema.ts";
import { formatNumber } from "../messages/issues.ts";

/**
 * How the product prints a figure for people (sheets, the draft report): counts as whole numbers
 * with Vietnamese grouping, rates as percentages at a fixed precision. The precision is what the
 * rate is computed to, so a printed rate is always reproducible from its printed counts.
 */
export const RATE_DECIMALS = 2;

export function isRateCode(catalog: Catalog, code: string): boolean {
  const ind = catalog.byCode.get(code);
  return !!ind && (ind.kind === "ratio" || ind.type === "percent");
}

/** A rate rounded to the precision it is shown at (the value every later comparison uses). */
export function roundRate(v: number, decimals = RATE_DECIMALS): number {
  const f = 10 ** decimals;
  return Math.round(v * f + Math.sign(v) * 1e-9) / f;
}

export function formatFigure(catalog: Catalog, code: string, v: number, lang: Lang, decimals = RATE_DECIMALS): string {
  if (isRateCode(catalog, code)) return `${formatNumber(roundRate(v, decimals), lang, decimals)}%`;
  return formatNumber(v, lang, Number.isInteger(v) ? 0 : undefined);
}

const OP_WORDS: Record<Lang, Record<Target["op"], string>> = {
  vi: { ">=": "ít nhất", ">": "trên", "<=": "không quá", "<": "dưới", "=": "bằng" },
  en: { ">=": "at least", ">": "more than", "<=": "at most", "<": "less than", "=": "exactly" },
};

/**
 * A target in words: "Tỷ lệ chi bộ trực thuộc đạt TSVM: ít nhất 50%". A count target of zero
 * ("no weak cell") reads as "không có" / "none".
 */
export function targetInWords(catalog: Catalog, t: Pick<Target, "indicator" | "op" | "value">, lang: Lang): string {
  const ind = catalog.byCode.get(t.indicator);
  const label = ind?.label[lang] ?? t.indicator;
  if (!isRateCode(catalog, t.indicator) && t.value === 0 && (t.op === "<=" || t.op === "=")) return `${label}: ${lang === "vi" ? "không có" : "none"}`;
  // A rate cannot pass 100%: "at least 100%" is every one of them.
  if (isRateCode(catalog, t.indicator) && t.value === 100 && (t.op === ">=" || t.op === "=")) return `${label}: ${lang === "vi" ? "đạt 100%" : "100%"}`;
  const unit = isRateCode(catalog, t.indicator) ? "%" : ind?.measureUnit ? ` ${ind.measureUnit[lang]}` : "";
  return `${label}: ${OP_WORDS[lang][t.op]} ${formatNumber(t.value, lang)}${unit}`;
}

export type Attained = "met" | "not_met" | "no_data";
export const ATTAINED_WORDS: Record<Lang, Record<Attained, string>> = {
  vi: { met: "Đạt", not_met: "Chưa đạt", no_data: "Chưa có số liệu" },
  en: { met: "Met", not_met: "Not met", no_data: "No data" },
};
export const attained = (met: boolean | null): Attained => (met === null ? "no_data" : met ? "met" : "not_met");
