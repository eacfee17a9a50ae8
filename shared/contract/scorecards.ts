import { z } from "zod";

const OverTime = z.object({ indicator: z.string(), current: z.number(), mean: z.number(), ratio: z.number(), flagged: z.boolean() });

/** GET /api/scorecards/{province}/{period}: shared/quality/scorecard.ts's Scorecard on the wire. */
export const ScorecardResponse = z.object({
  province: z.string(),
  period: z.string(),
  computedAt: z.string(),
  units: z.array(z.object({
    unit: z.string(),
    name: z.string(),
    rank: z.number().int(),
    submitted: z.boolean(),
    completeness: z.number(),
    timeliness: z.number(),
    consistency: z.object({ checked: z.number().int(), failing: z.number().int(), rate: z.number().nullable() }),
    outliers: z.object({ checked: z.number().int(), flagged: z.number().int(), indicators: z.array(z.string()) }),
    overTime: z.array(OverTime),
    score: z.number(),
  })),
  summary: z.object({
    completeness: z.number(),
    timeliness: z.number(),
    consistency: z.number().nullable(),
    outliers: z.number().int(),
    overTime: z.array(OverTime),
  }),
});
export type ScorecardResponse = z.infer<typeof ScorecardResponse>;
