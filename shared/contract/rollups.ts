import { z } from "zod";
import { Period, UnitCode } from "./codes.ts";
import { ApprovalState, UnitLevelApproval } from "./approvals.ts";

export const RollupValues = z.record(z.string(), z.number());

export const Completeness = z.object({
  /** Reporting units of the province in the period (districts before July 2025, communes since). */
  unitsExpected: z.number().int(),
  unitsReported: z.number().int(),
  districtsExpected: z.number().int(),
  districtsReported: z.number().int(),
  communesExpected: z.number().int(),
  communesReported: z.number().int(),
  /** With approved data only: the units whose figures the totals count (approved ones); absent otherwise. */
  unitsCounted: z.number().int().optional(),
});

/**
 * Where the unit's data stands in the approval workflow (the states of /api/approvals), so that
 * a returned or unapproved unit is never read as final. `by` is a login: for the API, never
 * printed on a sheet or in a report.
 */
export const RollupApproval = z.object({
  state: ApprovalState,
  /** The data version the state refers to (0 when none). */
  version: z.number().int(),
  by: z.string().nullable(),
  at: z.string().nullable(),
  comment: z.string().nullable(),
  /** Each approval level's state, lowest first (absent from older servers and snapshots). */
  levels: z.array(UnitLevelApproval).optional(),
});
export type RollupApproval = z.infer<typeof RollupApproval>;
export const NO_APPROVAL: RollupApproval = { state: "none", version: 0, by: null, at: null, comment: null };

/** One reporting unit of the province: a district in the old structure, a commune in the new. */
export const UnitRollup = z.object({
  unit: z.string(),
  level: z.string(),
  /** Same as unit, for older clients. */
  district: z.string(),
  name: z.string(),
  submitted: z.boolean(),
  version: z.number().int(),
  /** First accepted submission (what on-time is judged by) and latest one. */
  firstSubmittedAt: z.string().nullable(),
  lastSubmittedAt: z.string().nullable(),
  /**
   * From the server's receipt time against this unit's deadline: missing = not received yet,
   * overdue = not received after it; reconstructed = a period before the unit existed, its
   * figures rebuilt from its predecessors' (nothing was due from it; see `reconstructed`).
   */
  status: z.enum(["on_time", "late", "missing", "overdue", "reconstructed"]),
  /** Days past the deadline (started days) when late or overdue, else 0. */
  daysLate: z.number().int(),
  /** The unit's deadline (its level's, from the reporting calendar). */
  dueAt: z.string(),
  communesExpected: z.number().int(),
  communesReported: z.number().int(),
  values: RollupValues,
  /** Absent from older servers and older stored snapshots: read as none. */
  approval: RollupApproval.default(NO_APPROVAL),
  /** Only in a rollup rebuilt from the predecessors (RollupResponse.reconstructed): what this row rests on. */
  reconstructed: z.object({ from: z.array(z.string()), missing: z.array(z.string()), split: z.array(z.string()), approximate: z.array(z.string()) }).optional(),
});
export type UnitRollup = z.infer<typeof UnitRollup>;

export const TargetAttainment = z.object({
  id: z.string(),
  indicator: z.string(),
  scope: z.string(),
  op: z.enum([">=", ">", "<=", "<", "="]),
  target: z.number(),
  actual: z.number().nullable(),
  /** null when the indicator has no value at the target's scope. */
  met: z.boolean().nullable(),
  source: z.object({ vi: z.string(), en: z.string() }),
});
export type TargetAttainment = z.infer<typeof TargetAttainment>;

/**
 * Stored values the period's registry no longer places (a unit ended, removed or moved after its
 * data was stored, kept by an import with \`keepStranded\`): still counted in the totals, listed
 * here so that nobody mistakes the total for the registry's units alone.
 */
export const UnplacedRollup = z.object({
  unit: z.string(),
  reportingUnit: z.string(),
  reason: z.enum(["gone", "moved"]),
  /** The stranded unit's own rolled-up values when it was a whole reporting unit, else {}. */
  values: RollupValues,
});
export type UnplacedRollup = z.infer<typeof UnplacedRollup>;

export const RollupResponse = z.object({
  province: z.string(),
  name: z.string(),
  period: z.string(),
  catalogVersion: z.string(),
  computedAt: z.string(),
  dueAt: z.string(),
  locked: z.boolean(),
  completeness: Completeness,
  totals: RollupValues,
  /** The reporting units (the name is older than the two-tier structure). */
  districts: z.array(UnitRollup),
  targets: z.array(TargetAttainment),
  /** Present only when some stored values have no place in the period's registry. */
  unplaced: z.array(UnplacedRollup).optional(),
  /**
   * True when asked for approved data only (?approved=only, as DHIS2's "approved data only"
   * analytics setting): the totals and the province's targets count approved units alone, and
   * the other units' figures are left out of their rows. Absent otherwise.
   */
  approvedOnly: z.boolean().optional(),
  /**
   * Present only when the province did not exist in the period (formed in a reorganisation
   * later): the period's figures rebuilt from its predecessors' in the units of `inUnitsOf`
   * (today's), never a report anybody sent. `missing` names the earlier units with no figures
   * (the total lacks them); `approximate` says some figures include a split unit's whole;
   * `note` says all that in words, for every output to print beside the figures.
   */
  reconstructed: z.object({
    inUnitsOf: z.string(),
    from: z.array(z.string()),
    missing: z.array(z.string()),
    approximate: z.boolean(),
    names: z.record(z.string(), z.string()),
    note: z.object({ vi: z.string(), en: z.string() }),
  }).optional(),
});
export type RollupResponse = z.infer<typeof RollupResponse>;

/**
 * A rollup's rows, one per reporting unit. The wire's name for them is older than the two-tier
 * structure and stays for old clients; code reads the rows through this, not by that name.
 */
export function rollupUnits(r: Pick<RollupResponse, "districts">): RollupResponse["districts"] {
  return r.districts;
}

/** GET rollups/{province}/{period}?approved=only: count approved units' data only. */
export const RollupQuery = z.strictObject({ approved: z.literal("only").optional() });
export type RollupQuery = z.infer<typeof RollupQuery>;

export const PeriodInfo = z.object({
  period: z.string(),
  locked: z.boolean(),
  lockedBy: z.string().nullable(),
  lockedAt: z.string().nullable(),
  dueAt: z.string(),
  /** A lock or unlock begun and not finished (more than 99 reporting units); lock or unlock again to complete it. */
  lockPending: z.enum(["lock", "unlock"]).optional(),
  /**
   * Set when the period is a predecessor province's, not the province's own: a province formed in
   * the 2025 reorganisation lists its predecessors' periods for its staff to read (read only),
   * each saying whose it is ("tỉnh Bình Thuận (cũ)"). Absent for the province's own periods and
   * from older servers.
   */
  predecessor: z.object({ province: z.string(), name: z.object({ vi: z.string(), en: z.string() }) }).optional(),
});
export type PeriodInfo = z.infer<typeof PeriodInfo>;

export const PeriodsResponse = z.object({ province: z.string(), periods: z.array(PeriodInfo) });
export type PeriodsResponse = z.infer<typeof PeriodsResponse>;

export const ConsolidationRequest = z.strictObject({
  province: UnitCode.optional(),
  period: Period,
  /** Also compute and store each province's data-quality scorecard (the nightly job does). */
  scorecards: z.boolean().optional(),
});
export type ConsolidationRequest = z.infer<typeof ConsolidationRequest>;

export const ConsolidationResponse = z.object({
  period: z.string(),
  computedAt: z.string(),
  provinces: z.array(
    z.object({
      province: z.string(),
      districtsReported: z.number().int(),
      districtsExpected: z.number().int(),
      /** Reporting units of the period (districts before July 2025, communes since); absent from older servers. */
      unitsReported: z.number().int().optional(),
      unitsExpected: z.number().int().optional(),
      /** Snapshot rows written (province + districts); 0 when nothing changed since the last run. */
      rowsWritten: z.number().int(),
      unchanged: z.boolean(),
      /** Idempotency records past their retention deleted from the period (absent from older servers). */
      answersExpired: z.number().int().optional(),
    }),
  ),
});
export type ConsolidationResponse = z.infer<typeof ConsolidationResponse>;

/**
 * A period's figures in the units of another period (GET rollups/{province}/{period}/in/{units}):
 * each unit of the later structure with its predecessors' figures summed, rates recomputed,
 * and what that rests on.
 */
export const ReconstructedUnit = z.object({
  unit: z.string(),
  name: z.string(),
  level: z.string(),
  values: RollupValues,
  /** False when the unit existed in the period itself (its own figures). */
  reconstructed: z.boolean(),
  from: z.array(z.string()),
  missing: z.array(z.string()),
  split: z.array(z.string()),
  /** Indicators whose value includes a split unit's whole figure (approximate). */
  approximate: z.array(z.string()),
});
export type ReconstructedUnit = z.infer<typeof ReconstructedUnit>;

export const ReconstructedRollup = z.object({
  province: z.string(),
  name: z.string(),
  period: z.string(),
  inUnitsOf: z.string(),
  computedAt: z.string(),
  totals: ReconstructedUnit,
  units: z.array(ReconstructedUnit),
  /** Names of the earlier units named in from, missing and split (absent from older servers). */
  names: z.record(z.string(), z.string()).optional(),
  /** How to name the earlier provinces among them in text, from the registry: "tỉnh Đắk Nông (cũ)" (absent from older servers). */
  former: z.record(z.string(), z.object({ vi: z.string(), en: z.string() })).optional(),
});
export type ReconstructedRollup = z.infer<typeof ReconstructedRollup>;
