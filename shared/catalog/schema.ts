import { z } from "zod";

/**
 * The catalog is data: indicators, families that expand into disaggregated indicators, and the
 * rules tying them together. Hosts read it (and the server publishes it at GET /api/catalog), so
 * its shape is a schema parsed once at load, not a TypeScript-only type.
 */

export const Text = z.object({ vi: z.string().min(1), en: z.string().min(1) });
export type Text = z.infer<typeof Text>;

export const IndicatorCode = z
  .string()
  .regex(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/, "indicator codes are dotted lower-case words");

/** What a single value means, which fixes its parsing, bounds and default aggregation. */
export const ValueType = z.enum(["count", "percent", "yesno", "grade", "number"]);
export type ValueType = z.infer<typeof ValueType>;

export const Group = z.enum([
  "org", "party", "members", "grades", "government", "cadres", "massorg", "democracy", "poverty", "pilot", "training",
]);
export type Group = z.infer<typeof Group>;

export const GradeClass = z.object({
  code: z.string().regex(/^[a-z0-9_]+$/),
  label: Text,
  aliases: z.array(z.string()).default([]),
});
export type GradeClass = z.infer<typeof GradeClass>;

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "days are YYYY-MM-DD");

/**
 * What changes with the administrative structure without a new code: from `validFrom` to
 * `validTo` (inclusive, open when absent) the indicator is labelled, worded and (for a total)
 * made up as given here. by-period.ts applies it for a period.
 */
export const IndicatorPeriod = z.object({
  validFrom: Day.optional(),
  validTo: Day.optional(),
  label: Text.optional(),
  /** Wordings of that period, tried before the indicator's own. */
  aliases: z.array(z.string()).optional(),
  /** A total's parts in that period. */
  of: z.array(IndicatorCode).min(2).optional(),
});
export type IndicatorPeriod = z.infer<typeof IndicatorPeriod>;

const Common = {
  code: IndicatorCode,
  group: Group,
  label: Text,
  /** Header wordings clerks use, besides the labels; matched without diacritics or case. */
  aliases: z.array(z.string()).default([]),
  description: Text.optional(),
  bounds: z.object({ min: z.number().optional(), max: z.number().optional() }).optional(),
  required: z.boolean().default(false),
  /** This indicator counts org units of a level: each unit of that level counts as 1 by itself. */
  countsUnits: z.enum(["commune", "district"]).optional(),
  /** First and last day the indicator exists (inclusive): a kind of unit the structure no longer has (thị trấn after 30/6/2025) ends with it. */
  validFrom: Day.optional(),
  validTo: Day.optional(),
  periods: z.array(IndicatorPeriod).optional(),
};

export const InputIndicator = z.object({
  ...Common,
  kind: z.literal("input"),
  type: ValueType,
  /** For grade indicators: the classes, in order from best to worst. */
  classes: z.array(GradeClass).optional(),
});

/** A rate: sum(numerator) / sum(denominator) × scale, recomputed at every level, never summed. */
export const RatioIndicator = z.object({
  ...Common,
  kind: z.literal("ratio"),
  type: z.literal("percent").default("percent"),
  numerator: z.array(IndicatorCode).min(1),
  denominator: z.array(IndicatorCode).min(1),
  scale: z.number().positive().default(100),
});

/** A total that the workbook may report itself, and that is also the sum of other indicators. */
export const SumIndicator = z.object({
  ...Common,
  kind: z.literal("sum"),
  type: z.literal("count").default("count"),
  of: z.array(IndicatorCode).min(2),
  /** How far a reported total may differ from the sum of its parts before it is an issue. */
  tolerance: z.number().nonnegative().default(0),
});

export const IndicatorDef = z.discriminatedUnion("kind", [InputIndicator, RatioIndicator, SumIndicator]);
export type IndicatorDef = z.infer<typeof IndicatorDef>;

/**
 * A disaggregation (e.g. staff group × measure) written once and expanded into one indicator per
 * combination: code `${prefix}.${dim1}.${dim2}`, label and aliases joined from the dimension items.
 * `{a}` / `{b}` in derived templates stand for the first / second dimension item code.
 */
export const DimItem = z.object({
  code: z.string().regex(/^[a-z0-9_]+$/),
  label: Text,
  aliases: z.array(z.string()).default([]),
});
export const Family = z.object({
  prefix: IndicatorCode,
  group: Group,
  rows: z.array(DimItem).min(1),
  measures: z.array(
    z.object({
      ...DimItem.shape,
      type: ValueType.default("count"),
      bounds: z.object({ min: z.number().optional(), max: z.number().optional() }).optional(),
      /** Measure codes this one cannot exceed within the same row item (women ≤ in post). */
      partOf: z.string().optional(),
    }),
  ),
  /** Rates within one row item: `num`/`den` are measure codes (lists are summed). */
  rates: z
    .array(
      z.object({
        code: z.string().regex(/^[a-z0-9_]+$/),
        label: Text,
        aliases: z.array(z.string()).default([]),
        num: z.array(z.string()).min(1),
        den: z.array(z.string()).min(1),
      }),
    )
    .default([]),
  /** Measures that exclude each other within one row item, so their sum cannot exceed `whole`. */
  partitions: z.array(z.object({ id: z.string(), parts: z.array(z.string()).min(2), whole: z.string() })).default([]),
  /** Totals across row items, per measure: `${prefix}.${code}.${measure}` = Σ rows. */
  totals: z
    .array(z.object({ code: z.string(), label: Text, aliases: z.array(z.string()).default([]), rows: z.array(z.string()).min(2) }))
    .default([]),
});
export type Family = z.infer<typeof Family>;

export const Rule = z.discriminatedUnion("type", [
  /** Each part ≤ whole (graded members ≤ members, villages with a cell ≤ villages). */
  z.object({ type: z.literal("part_le_whole"), id: z.string(), part: IndicatorCode, whole: IndicatorCode, severity: z.enum(["error", "warning"]).default("error") }),
  /** Σ parts ≤ whole, where the parts do not exhaust the whole (cells by kind ≤ cells). */
  z.object({ type: z.literal("parts_le_whole"), id: z.string(), parts: z.array(IndicatorCode).min(2), whole: IndicatorCode, severity: z.enum(["error", "warning"]).default("error") }),
]);
export type Rule = z.infer<typeof Rule>;

export const Target = z.object({
  id: z.string(),
  indicator: IndicatorCode,
  op: z.enum([">=", ">", "<=", "<", "="]),
  value: z.number(),
  /** Where the target comes from (resolution, year); shown in the message. */
  source: Text,
  /** Which org units it applies to: a registry code and everything under it. */
  scope: z.string(),
  year: z.number().int(),
});
export type Target = z.infer<typeof Target>;

export const CatalogSource = z.object({
  version: z.string().regex(/^\d+\.\d+\.\d+$/),
  /**
   * Units of measure of count indicators by code prefix (the longest prefix wins): "members" →
   * người, "org.villages" → thôn. Rates are in %, yes/no and grades need none.
   */
  measureUnits: z.record(z.string(), Text).default({}),
  /** Field abbreviations expanded before headers are matched (ĐV → đảng viên). */
  abbreviations: z.record(z.string(), z.string()),
  indicators: z.array(IndicatorDef),
  families: z.array(Family).default([]),
  rules: z.array(Rule).default([]),
});
export type CatalogSource = z.input<typeof CatalogSource>;
export type CatalogSourceParsed = z.infer<typeof CatalogSource>;
