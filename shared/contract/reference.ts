import { z } from "zod";
import { OrgUnit } from "../registry/orgunits.ts";
import { Period } from "./codes.ts";

/** The expanded catalog as GET /api/catalog publishes it (indicator objects are open for additions). */
export const CatalogResponse = z.object({
  version: z.string(),
  indicators: z.array(
    z.looseObject({
      code: z.string(),
      group: z.string(),
      label: z.object({ vi: z.string(), en: z.string() }),
      kind: z.enum(["input", "ratio", "sum"]),
      type: z.string(),
    }),
  ),
  rules: z.array(z.looseObject({ type: z.string(), id: z.string() })),
  abbreviations: z.record(z.string(), z.string()),
});
export type CatalogResponse = z.infer<typeof CatalogResponse>;

/** `?period=2026`: the catalog as that period's structure has it (shared/catalog/by-period.ts); without it, every indicator of every period. */
export const CatalogQuery = z.strictObject({ period: Period.optional() });

export const OrgUnitsResponse = z.object({ province: z.string(), units: z.array(OrgUnit) });
export type OrgUnitsResponse = z.infer<typeof OrgUnitsResponse>;

export const HealthResponse = z.object({
  status: z.literal("ok"),
  storage: z.literal("ok"),
  catalogVersion: z.string(),
  time: z.string(),
});
export type HealthResponse = z.infer<typeof HealthResponse>;

export const PeriodLockResponse = z.object({
  province: z.string(),
  period: z.string(),
  locked: z.boolean(),
  lockedBy: z.string().nullable(),
  lockedAt: z.string().nullable(),
});
export type PeriodLockResponse = z.infer<typeof PeriodLockResponse>;

/** Who may call what: a role from the assignment table, scoped to an org unit. */
/** `operator` manages province staff (in production the Entra app role "HTCT.Operator"; locally the user `admin`). */
export const Role = z.enum(["clerk", "province", "job", "operator"]);
export type Role = z.infer<typeof Role>;
/** `levels`: for province staff, the approval levels they may act at where a level is "assigned" (shared/approval/levels.ts). */
export const ApprovalLevelList = z.array(z.number().int().min(1).max(5)).max(5).refine((l) => new Set(l).size === l.length, "a level is listed twice");
export const Assignment = z.object({ user: z.string().min(1).max(200), role: Role, unit: z.string().nullable(), name: z.string().optional(), email: z.string().max(254).optional(), levels: ApprovalLevelList.optional() });
export type Assignment = z.infer<typeof Assignment>;

/** What GET /api/me answers: who the token says, and what the assignment table lets them touch. */
export const MeAssignment = z.object({
  role: Role,
  /** null for a job. */
  unit: z.string().nullable(),
  unitName: z.string().nullable(),
  level: z.string().nullable(),
  province: z.string().nullable(),
  provinceName: z.string().nullable(),
});
export type MeAssignment = z.infer<typeof MeAssignment>;
export const MeResponse = z.object({
  user: z.string(),
  displayName: z.string(),
  assignments: z.array(MeAssignment),
});
export type MeResponse = z.infer<typeof MeResponse>;
