import { periodOf } from "../calendar/period.ts";
import { z } from "zod";
import { Text } from "../catalog/schema.ts";

/**
 * A draft report's template is data: one per report kind, editable (or replaced from a JSON file)
 * without touching code. Paragraph text holds placeholders in braces and optional parts in square
 * brackets; an optional part whose figures are missing (no previous period, no target) is left
 * out, and a paragraph whose required figures are missing is left out whole.
 *
 * Placeholders:
 *   {province} {period} {previous} {yearEarlier}       names and periods in words
 *   {v:CODE}      the province's value (count, or rate at the template's precision)
 *   {chg:CODE}    change against the previous period ("tăng 12", "giảm 0,35 điểm phần trăm")
 *   {yoy:CODE}    change against the same period a year earlier
 *   {target:CODE} the province's target in words and whether it is met
 *   {units.reported} {units.expected} {units.onTime} {units.late} {units.missing} {units.missingNames}
 *   {units.approved} {units.complete} {units.reopened} {units.returned} {units.returnedList}   approval states (the
 *                 rollup's `approval`); all but the first are left out when no unit is in that state
 *   {targets.met} {targets.total} {targets.notMetList}
 *   {targets.unitsNotMet} {targets.unitsNotMetList}   units' own targets not met, by unit name
 *   {InPeriod} {inPeriod}  "Trong năm" / "Trong quý" / "Trong 6 tháng" / "Trong tháng", by the period's kind
 *
 * A paragraph with a change against a period whose figures cover other units says so itself.
 */
export const DraftParagraph = Text;

export const DraftSection = z.object({
  heading: Text,
  paragraphs: z.array(DraftParagraph).min(1),
});

export const DraftTemplate = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  version: z.string().regex(/^\d+\.\d+\.\d+$/),
  /** Period kinds this template reports on: "year", "half", "quarter", "month". */
  periodKinds: z.array(z.enum(["year", "half", "quarter", "month"])).min(1),
  title: Text,
  /** The subject under "BÁO CÁO" in the party document's form ("kết quả … năm 2026"); the title when absent. */
  subject: Text.optional(),
  /** Decimals every rate is computed and printed to. */
  rateDecimals: z.number().int().min(0).max(4).default(2),
  sections: z.array(DraftSection).min(1),
});
export type DraftTemplate = z.infer<typeof DraftTemplate>;
export type DraftTemplateInput = z.input<typeof DraftTemplate>;

export type PeriodKind = DraftTemplate["periodKinds"][number];
export function periodKind(period: string): PeriodKind {
  return periodOf(period).kind;
}
