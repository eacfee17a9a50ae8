import { z } from "zod";
import { IndicatorCodeWire, SafeText, UnitCode } from "./codes.ts";
import { ApprovalLevelDef, ProvinceApprovalLevels } from "../approval/levels.ts";

/**
 * The approval workflow of a reporting unit's data for a period:
 *   (none) ──complete──▶ complete ──approve──▶ approved ──reopen──▶ reopened
 *                          │  ▲                                       │
 *                        return └────────────── complete ◀────────────┘ (after changes)
 *                          ▼
 *                       returned ──complete──▶ complete
 * A submission after "complete" or "returned" starts over (the unit marks it complete again);
 * a submission to an approved unit is refused (423) until the province reopens it.
 * With several approval levels (shared/approval/levels.ts) a unit stays "complete" while the
 * levels below the top approve it one after another (`levels` says which have); "approved" means
 * the top level has. A return at any level sends it back to the clerk; only the top level reopens.
 */
export const ApprovalState = z.enum(["none", "complete", "approved", "returned", "reopened"]);
export type ApprovalState = z.infer<typeof ApprovalState>;

const Comment = SafeText(2000).refine((s) => s.trim().length > 0, "a comment cannot be empty");

/** The clerk marks the unit's current version complete; each required indicator left blank needs a comment. */
export const CompleteRequest = z.strictObject({
  unit: UnitCode,
  /** The version the clerk saw: a newer stored version is a 409. */
  version: z.number().int().min(1),
  comments: z.record(IndicatorCodeWire, Comment).default({}),
});
export type CompleteRequest = z.infer<typeof CompleteRequest>;

/** Province staff act on several units at once; each names the version they looked at. */
export const ApprovalAction = z.strictObject({
  units: z.array(z.strictObject({ unit: UnitCode, version: z.number().int().min(1) })).min(1).max(500)
    .refine((us) => new Set(us.map((u) => u.unit)).size === us.length, "a unit is listed twice"),
  comment: Comment.optional(),
  /**
   * The approval level acted at. Without it: each unit at the level it waits at when the caller
   * holds that level (else the caller's lowest); a reopening is always the top level's.
   */
  level: z.number().int().min(1).max(5).optional(),
});
export const ReturnAction = ApprovalAction.extend({ comment: Comment });
export type ApprovalActionRequest = z.infer<typeof ApprovalAction>;

/** One level's state in the unit's current round: none yet, approved, or returned by that level. */
export const UnitLevelApproval = z.object({
  level: z.number().int(),
  name: z.object({ vi: z.string(), en: z.string() }),
  state: z.enum(["none", "approved", "returned"]),
  by: z.string().nullable(),
  at: z.string().nullable(),
});
export type UnitLevelApproval = z.infer<typeof UnitLevelApproval>;

export const UnitApproval = z.object({
  unit: z.string(),
  name: z.string(),
  state: ApprovalState,
  /** The data version the state refers to, and the version stored now. */
  version: z.number().int(),
  dataVersion: z.number().int(),
  by: z.string().nullable(),
  at: z.string().nullable(),
  comment: z.string().nullable(),
  /** The clerk's comments on required indicators left blank. */
  comments: z.record(z.string(), z.string()),
  /** Submissions stored after the unit was first approved. */
  changesAfterApproval: z.number().int(),
  /** Every approval level of the province, lowest first (one for a one-level province). */
  levels: z.array(UnitLevelApproval).default([]),
  /** The level a unit marked complete waits at; null in any other state. */
  awaitingLevel: z.number().int().nullable().default(null),
});
export type UnitApproval = z.infer<typeof UnitApproval>;

export const ApprovalStep = z.object({
  unit: z.string(),
  step: z.enum(["complete", "approve", "return", "reopen"]),
  version: z.number().int(),
  by: z.string(),
  at: z.string(),
  comment: z.string().nullable(),
  /** The approval level that acted (approve, return, reopen); absent for the clerk's "complete" and older steps. */
  level: z.number().int().optional(),
});
export type ApprovalStep = z.infer<typeof ApprovalStep>;

export const ApprovalsResponse = z.object({
  province: z.string(),
  period: z.string(),
  units: z.array(UnitApproval),
  /** Every step, newest first. */
  steps: z.array(ApprovalStep),
  /** The province's approval levels, lowest first. */
  levels: z.array(ApprovalLevelDef).default([]),
  /** The levels the caller may act at (none for a clerk). */
  myLevels: z.array(z.number().int()).default([]),
});
export type ApprovalsResponse = z.infer<typeof ApprovalsResponse>;

/** The answer to an action on several units: what each one is now. */
export const ApprovalResult = z.object({
  province: z.string(),
  period: z.string(),
  units: z.array(UnitApproval),
});
export type ApprovalResult = z.infer<typeof ApprovalResult>;

/** 409: units whose state or version does not allow the action; nothing was written. */
export const ApprovalConflictBody = z.object({
  error: z.literal("conflict"),
  message: z.object({ vi: z.string(), en: z.string() }),
  refused: z.array(z.object({ unit: z.string(), state: ApprovalState, version: z.number().int(), dataVersion: z.number().int(), reason: z.enum(["state", "version", "no_data", "unknown_unit", "level"]),
    /** The level the unit waits at, when it waits at one (with reason "level": a lower level than the one asked). */
    awaitingLevel: z.number().int().nullable().optional() })),
});

/** GET/PUT approval-levels/{province}: the chain in force and whether it is the province's own. */
export const ApprovalLevelsPutRequest = z.strictObject({ chain: ProvinceApprovalLevels });
export type ApprovalLevelsPutRequest = z.infer<typeof ApprovalLevelsPutRequest>;
export const ApprovalLevelsResponse = z.object({
  province: z.string(),
  chain: ProvinceApprovalLevels,
  /** false while the province follows the product's default chain. */
  own: z.boolean(),
  audit: z.array(z.object({ id: z.string(), user: z.string(), displayName: z.string(), at: z.string(), before: ProvinceApprovalLevels.nullable(), after: ProvinceApprovalLevels })),
});
export type ApprovalLevelsResponse = z.infer<typeof ApprovalLevelsResponse>;

/** 422 when marking complete: errors in the data, or required indicators blank without a comment. */
export const CompleteRefusedBody = z.object({
  error: z.literal("invalid"),
  message: z.object({ vi: z.string(), en: z.string() }),
  errors: z.number().int(),
  needComment: z.array(z.object({ indicator: z.string(), label: z.string() })),
});
