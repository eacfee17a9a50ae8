import { z } from "zod";

/**
 * How the data-quality scorecard is judged, as the WHO Data Quality Review frames it. Data, so a
 * province can track other indicators over time or use another threshold without code changes.
 */
export const DqrConfig = z.object({
  /** Modified z-score beyond which a value is an outlier against the unit's own history (DHIS2 uses 3.5). */
  outlierZ: z.number().positive().default(3.5),
  /** Earlier periods needed before a value is judged against them. */
  minHistory: z.number().int().min(2).default(3),
  /** Consistency over time: this period against the mean of the previous `periods`. */
  overTime: z.object({
    indicators: z.array(z.string()).min(1),
    periods: z.number().int().min(1).default(3),
    /** A ratio further than this from 1 is flagged (the DQR's ±33%). */
    threshold: z.number().positive().default(0.33),
  }),
});
export type DqrConfig = z.infer<typeof DqrConfig>;

export const DQR_DEFAULT: DqrConfig = DqrConfig.parse({
  overTime: { indicators: ["members.total", "party.cells", "members.admitted", "poverty.poor", "cadres.cbcc.in_post"] },
});
