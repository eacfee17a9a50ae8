import { periodOf } from "../calendar/period.ts";
import { z } from "zod";
import { IndicatorCodeWire, UnitCode } from "./codes.ts";

/**
 * How the catalog and the registry meet a DHIS2 instance: catalog code → data element (and its
 * category option combo for CSV, its category options for ADX), org-unit code → DHIS2 org unit.
 * Data, kept in a JSON file beside the instance it describes. Identifiers are DHIS2 UIDs or
 * codes: letters, digits and `_ . -`, starting with a letter or digit, so that nothing in an
 * export can be read as markup or as a spreadsheet formula.
 */
export const Dhis2Id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,49}$/, "DHIS2 identifiers are 1–50 letters, digits, _ . -, starting with a letter or digit");

/** An ADX category becomes an XML attribute name: a letter first, and none of ADX's own names. */
const AdxCategory = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]{0,49}$/, "ADX category codes are letters, digits and _, starting with a letter")
  .refine((k) => !["dataElement", "value", "annotation"].includes(k) && !/^xml/i.test(k), "this name is ADX's own");

export const Dhis2Element = z.strictObject({
  dataElement: Dhis2Id,
  /** For dhis2-csv; DHIS2's default combo when absent. */
  categoryOptionCombo: Dhis2Id.optional(),
  /** For ADX: category code → option code, written as attributes of the data value. */
  categories: z.record(AdxCategory, Dhis2Id).optional(),
});
export type Dhis2Element = z.infer<typeof Dhis2Element>;

const Dhis2MappingShape = z.strictObject({
  /** Data set the values belong to (ADX groups name it). */
  dataSet: Dhis2Id,
  attributeOptionCombo: Dhis2Id.optional(),
  dataElements: z.record(IndicatorCodeWire, Dhis2Element),
  orgUnits: z.record(UnitCode, Dhis2Id),
  /**
   * Catalog codes deliberately not exported. Rates are never exported (DHIS2 computes its
   * indicators from the counts), so they need no entry here.
   */
  ignore: z.array(IndicatorCodeWire).default([]),
});

/**
 * DHIS2 stores one value per data element, category option combo, org unit and period: two
 * indicators on the same element and combo would overwrite each other on import, and an element
 * disaggregated in CSV but not in ADX (or the other way) would collapse in one of the formats.
 */
export const Dhis2Mapping = Dhis2MappingShape.superRefine((m, ctx) => {
  const csvKeys = new Map<string, string>();
  const adxKeys = new Map<string, string>();
  const shared = new Map<string, number>();
  for (const e of Object.values(m.dataElements)) shared.set(e.dataElement, (shared.get(e.dataElement) ?? 0) + 1);
  for (const [code, e] of Object.entries(m.dataElements)) {
    const cats = Object.entries(e.categories ?? {}).sort(([a], [b]) => a.localeCompare(b));
    if ((e.categoryOptionCombo === undefined) !== (cats.length === 0)) {
      ctx.addIssue({ code: "custom", path: ["dataElements", code], message: "categoryOptionCombo (CSV) and categories (ADX) go together: give both or neither, so that both formats carry the same disaggregation" });
    }
    const csv = `${e.dataElement}|${e.categoryOptionCombo ?? ""}`;
    const adx = `${e.dataElement}|${cats.map(([k, v]) => `${k}=${v}`).join(",")}`;
    for (const [keys, key, what] of [[csvKeys, csv, "categoryOptionCombo"], [adxKeys, adx, "categories"]] as const) {
      const other = keys.get(key);
      if (other !== undefined) {
        ctx.addIssue({ code: "custom", path: ["dataElements", code], message: `"${other}" and "${code}" go to the same data element ${e.dataElement} with the same ${what}: DHIS2 would keep only one of them` });
      } else keys.set(key, code);
    }
    if ((shared.get(e.dataElement) ?? 0) > 1 && cats.length === 0) {
      ctx.addIssue({ code: "custom", path: ["dataElements", code], message: `data element ${e.dataElement} is shared by several indicators: each needs its own categoryOptionCombo and categories` });
    }
  }
});
export type Dhis2Mapping = z.infer<typeof Dhis2Mapping>;
export type Dhis2MappingInput = z.input<typeof Dhis2Mapping>;

/** DHIS2's period identifiers: 2015, 201506, 2015Q2, 2015S1. */
export function dhis2Period(period: string): string {
  const p = periodOf(period);
  switch (p.kind) {
    case "year": return String(p.year);
    case "half": return `${p.year}S${p.index}`;
    case "quarter": return `${p.year}Q${p.index}`;
    case "month": return `${p.year}${String(p.index).padStart(2, "0")}`;
  }
}

const ISO_DURATION = { year: "P1Y", half: "P6M", quarter: "P3M", month: "P1M" } as const;

/** ADX's ISO 8601 periods: start date / duration (2015-01-01/P1Y, 2015-04-01/P3M). */
export function adxPeriod(period: string): string {
  const p = periodOf(period);
  return `${p.firstDay}/${ISO_DURATION[p.kind]}`;
}
