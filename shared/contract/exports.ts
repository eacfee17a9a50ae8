import { z } from "zod";
import { Dhis2Mapping } from "./dhis2-mapping.ts";
import { ErrorBody } from "./errors.ts";

/** POST /api/exports/{province}/{period}: the format and the instance's mapping file. */
export const ExportRequest = z.strictObject({
  format: z.enum(["adx", "dhis2-csv"]),
  mapping: Dhis2Mapping,
  /** The province total as its own org unit too; DHIS2 counts it twice unless its province has no children there. */
  includeAggregates: z.boolean().default(false),
});
export type ExportRequest = z.infer<typeof ExportRequest>;

/** 422 when the mapping does not cover everything that has data: all of it, listed. */
export const ExportUnmappedBody = ErrorBody.extend({
  error: z.literal("unmapped"),
  unmapped: z.object({
    indicators: z.array(z.object({ code: z.string(), label: z.string(), units: z.number().int() })),
    orgUnits: z.array(z.object({ code: z.string(), name: z.string() })),
  }),
});
export type ExportUnmappedBody = z.infer<typeof ExportUnmappedBody>;

/** 422 as well when nothing would be exported ("nothing_to_export"): no unit reported, or all is ignored. */
export const ExportRefusedBody = z.union([ExportUnmappedBody, ErrorBody.extend({ error: z.literal("nothing_to_export") })]);
