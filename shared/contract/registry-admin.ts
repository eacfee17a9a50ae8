import { z } from "zod";
import { MAX_IMPORT_ROWS } from "../registry/import.ts";
import { ErrorBody } from "./errors.ts";

/**
 * Loading a province's registry over the API: the units as `htct registry import` writes them.
 * Rows are checked one by one by the shared registry check (so every bad row is named), not by
 * this schema, which only bounds the request.
 */
export const RegistryImportRequest = z.strictObject({
  units: z.array(z.unknown()).min(1).max(MAX_IMPORT_ROWS),
  /**
   * Load it even though it ends, removes or moves units with stored values in periods they no
   * longer cover: those values stay counted in the rollups and are listed there as `unplaced`.
   * Without it such an import is refused with 409 `stranded_data`, naming each unit and period.
   */
  keepStranded: z.boolean().optional(),
});
export type RegistryImportRequest = z.infer<typeof RegistryImportRequest>;

export const RegistryProblemSchema = z.object({
  row: z.number().int(),
  code: z.string().nullable(),
  field: z.string(),
  message: z.object({ vi: z.string(), en: z.string() }),
});

export const RegistryInvalidBody = ErrorBody.extend({ error: z.literal("invalid_registry"), problems: z.array(RegistryProblemSchema) });
export type RegistryInvalidBody = z.infer<typeof RegistryInvalidBody>;

/** One change to a registry: who, when, and what (codes added, removed and changed). */
export const RegistryAuditEntry = z.object({
  id: z.string(),
  user: z.string(),
  displayName: z.string(),
  at: z.string(),
  units: z.number().int(),
  added: z.array(z.string()),
  removed: z.array(z.string()),
  changed: z.array(z.string()),
});
export type RegistryAuditEntry = z.infer<typeof RegistryAuditEntry>;

/** Stored values a registry change leaves without a place in a period (shared/registry/placement.ts). */
export const StrandedValues = z.object({
  period: z.string(),
  unit: z.string(),
  reportingUnit: z.string(),
  reason: z.enum(["gone", "moved"]),
});
export type StrandedValues = z.infer<typeof StrandedValues>;

export const RegistryStrandedBody = ErrorBody.extend({ error: z.literal("stranded_data"), stranded: z.array(StrandedValues), strandedCount: z.number().int() });
export type RegistryStrandedBody = z.infer<typeof RegistryStrandedBody>;

export const RegistryImportResponse = z.object({
  province: z.string(),
  audit: RegistryAuditEntry,
  /** With keepStranded: the values kept without a place, counted and flagged in the rollups. */
  stranded: z.array(StrandedValues).optional(),
});
export type RegistryImportResponse = z.infer<typeof RegistryImportResponse>;

export const RegistryAuditResponse = z.object({ province: z.string(), entries: z.array(RegistryAuditEntry) });
export type RegistryAuditResponse = z.infer<typeof RegistryAuditResponse>;
