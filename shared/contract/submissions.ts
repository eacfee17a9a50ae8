import { z } from "zod";
import { CatalogVersion, IndicatorCodeWire, Period, SafeText, UnitCode } from "./codes.ts";
import { ErrorBody, IssueSchema } from "./errors.ts";
import { MAX_ABS_VALUE } from "../parse/bounds.ts";
import { RollupResponse } from "./rollups.ts";

/** Limits that keep one submission inside one Table Storage transaction (4 MiB, 1 MiB per entity). */
export const LIMITS = {
  /** Request bodies above this answer 413 before they are parsed. */
  maxBodyBytes: 1_048_576,
  maxUnits: 400,
  maxValuesPerUnit: 600,
  maxTextValue: 200,
  maxAbsValue: MAX_ABS_VALUE,
} as const;

/** A value as a clerk's workbook holds it: a number, Vietnamese text ("24,07%", "1.716", "Tốt") or null to clear it. */
export const CellInput = z.union([
  z.number().min(-LIMITS.maxAbsValue).max(LIMITS.maxAbsValue),
  SafeText(LIMITS.maxTextValue),
  z.null(),
]);
export type CellInput = z.infer<typeof CellInput>;

export const UnitValues = z
  .record(IndicatorCodeWire, CellInput)
  .refine((v) => Object.keys(v).length <= LIMITS.maxValuesPerUnit, `at most ${LIMITS.maxValuesPerUnit} values per unit`);

export const SubmissionUnit = z.strictObject({ unit: UnitCode, values: UnitValues });

export const SubmissionSource = z.strictObject({
  workbook: SafeText(260),
  sheet: SafeText(100),
  fingerprint: SafeText(128),
});

export const SubmissionMode = z.enum(["merge", "replace"]);
export type SubmissionMode = z.infer<typeof SubmissionMode>;

const SubmissionFields = z.strictObject({
  province: UnitCode,
  /** The reporting unit: a district before July 2025, a commune since (any level the registry has). */
  unit: UnitCode.optional(),
  /** The older clients' name for `unit`; accepted, never sent. */
  district: UnitCode.optional(),
  period: Period,
  catalogVersion: CatalogVersion,
  /** The unit's stored version the clerk's data was based on; null for a first submission. */
  baseVersion: z.number().int().min(0).max(1e9).nullable(),
  mode: SubmissionMode,
  units: z
    .array(SubmissionUnit)
    .min(1)
    .max(LIMITS.maxUnits)
    .refine((u) => new Set(u.map((x) => x.unit)).size === u.length, "each unit at most once"),
  source: SubmissionSource,
});

/**
 * A submission as parsed: `unit` from either spelling (both only when they agree), so that the
 * rest of the server and the request hash see one shape whichever the client sent.
 */
export const SubmissionRequest = SubmissionFields
  .superRefine((r, ctx) => {
    if (!r.unit && !r.district) ctx.addIssue({ code: "custom", path: ["unit"], message: "the reporting unit (unit) is required" });
    else if (r.unit && r.district && r.unit !== r.district) ctx.addIssue({ code: "custom", path: ["district"], message: "district, when sent with unit, must be the same code" });
  })
  .transform(({ district, unit, ...rest }) => ({ ...rest, unit: (unit ?? district)! }));
export type SubmissionRequest = z.output<typeof SubmissionRequest>;

export const ImportSummary = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  deleted: z.number().int(),
});
export type ImportSummary = z.infer<typeof ImportSummary>;

export const SubmissionAccepted = z.object({
  submissionId: z.string(),
  version: z.number().int(),
  /**
   * Every value sent equals the stored one: no version was made and the approval state (a
   * "complete" mark, an approval) stands; `version` and `submissionId` are the stored version's.
   */
  unchanged: z.boolean().default(false),
  summary: ImportSummary,
  warnings: z.array(IssueSchema),
  rollup: RollupResponse,
});
export type SubmissionAccepted = z.infer<typeof SubmissionAccepted>;

export const StoredValue = z.union([z.number(), z.string(), z.null()]);

export const Conflict = z.object({
  unit: z.string(),
  indicator: z.string(),
  /** The value at the submission's base version, what the clerk sent, and what is stored now. */
  base: StoredValue,
  mine: StoredValue,
  theirs: StoredValue,
});
export type Conflict = z.infer<typeof Conflict>;

export const ConflictBody = ErrorBody.extend({
  error: z.literal("conflict"),
  currentVersion: z.number().int(),
  conflicts: z.array(Conflict),
});
export type ConflictBody = z.infer<typeof ConflictBody>;

export const ValueChange = z.object({ unit: z.string(), indicator: z.string(), old: StoredValue, new: StoredValue });
export type ValueChange = z.infer<typeof ValueChange>;

export const HistoryEntry = z.object({
  submissionId: z.string(),
  version: z.number().int(),
  user: z.string(),
  at: z.string(),
  mode: SubmissionMode,
  summary: ImportSummary,
  source: SubmissionSource,
  changes: z.array(ValueChange),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

export const HistoryQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });

export const HistoryResponse = z.object({
  province: z.string(),
  period: z.string(),
  unit: z.string(),
  /** Same as unit, for older clients. */
  district: z.string(),
  currentVersion: z.number().int(),
  entries: z.array(HistoryEntry),
  /**
   * The names of the unit and of every unit a change names, by code, from the registry of the
   * period (absent from older servers): readers see names, codes stay a column of their own.
   */
  names: z.record(z.string(), z.string()).optional(),
  /**
   * The people behind the logins in `entries` by the names the assignment table gives them, as
   * in the detail response: a login only where none is known (absent from older servers).
   */
  people: z.record(z.string(), z.string()).optional(),
});
export type HistoryResponse = z.infer<typeof HistoryResponse>;
