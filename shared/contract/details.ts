import { z } from "zod";
import { RollupValues } from "./rollups.ts";
import { ApprovalStep } from "./approvals.ts";
import { HistoryEntry } from "./submissions.ts";

/** A unit under the one drilled into, with its values as submitted (rolled up when it has units below it). */
export const DetailRow = z.object({
  unit: z.string(),
  name: z.string(),
  level: z.string(),
  parent: z.string(),
  /** 1 for the units straight below, 2 for theirs (cells of a district's communes), and so on. */
  depth: z.number().int().min(1),
  reported: z.boolean(),
  values: RollupValues,
});
export type DetailRow = z.infer<typeof DetailRow>;

/** A version of the reporting unit's data, its changes limited to the unit drilled into and below it. */
export const DetailVersion = HistoryEntry.extend({
  /** The approval steps taken on this version, newest first. */
  steps: z.array(ApprovalStep.omit({ unit: true, version: true })),
});
export type DetailVersion = z.infer<typeof DetailVersion>;

/** Changed values one answer lists at most, newest first (`htct history` writes them all). */
export const DETAIL_MAX_CHANGES = 50_000;

export const DetailQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });

/**
 * One unit of a period drilled into: the units below it and their values, its own total, and
 * the submission history of the reporting unit that holds its data (the unit itself, or the
 * district a commune reported through), every changed value old → new.
 */
export const DetailResponse = z.object({
  province: z.string(),
  provinceName: z.string(),
  period: z.string(),
  catalogVersion: z.string(),
  computedAt: z.string(),
  unit: z.string(),
  name: z.string(),
  level: z.string(),
  /** The unit whose submissions hold this unit's data (the unit itself for a reporting unit). */
  reportingUnit: z.string(),
  reportingUnitName: z.string(),
  /** The reporting unit's stored version (0 when it has not submitted). */
  version: z.number().int(),
  lastSubmittedAt: z.string().nullable(),
  lastUser: z.string().nullable(),
  total: z.object({ reported: z.boolean(), values: RollupValues }),
  rows: z.array(DetailRow),
  history: z.array(DetailVersion),
  /** More versions exist than `limit` returned, or changes past DETAIL_MAX_CHANGES were left out. */
  historyTruncated: z.boolean(),
  /**
   * The people behind the logins in `lastUser` and the history (who sent, who approved), by the
   * names the assignment table gives them: sheets show a name, a login only where none is known
   * (absent from older servers).
   */
  people: z.record(z.string(), z.string()).optional(),
});
export type DetailResponse = z.infer<typeof DetailResponse>;
