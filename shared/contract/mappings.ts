import { z } from "zod";
import { SavedMapping } from "../workbook/mapping.ts";
import { SafeText, UnitCode } from "./codes.ts";

/**
 * Column mappings shared by a province: a clerk's confirmed mapping is offered with the
 * submission under the form's fingerprint, so the next unit using the same form gets it; the
 * province sees every mapping in use and can set one, which clerks' offers never overwrite.
 */
export const FormFingerprint = z.string().regex(/^f[0-9a-f]{16}$/, "form fingerprints are f and 16 hexadecimal digits");
export const MappingParams = z.strictObject({ province: UnitCode, fingerprint: FormFingerprint });

export const MAX_MAPPING_ENTRIES = 400;
const Mapping = SavedMapping.refine((m) => Object.keys(m).length <= MAX_MAPPING_ENTRIES, `at most ${MAX_MAPPING_ENTRIES} columns`);

export const SharedMappingRequest = z.strictObject({
  /** Header text → indicator code (or {part, whole}, or null to ignore the column). */
  mapping: Mapping,
  /** The form's header texts, for the province to recognise it. */
  headers: z.array(SafeText(300)).max(MAX_MAPPING_ENTRIES),
  kind: z.enum(["units", "transposed", "form"]),
  /** Which sheet of which workbook it came from, for the province's list. */
  sheet: SafeText(100).optional(),
  /**
   * Province staff editing a mapping send the `at` they saw: if someone saved it since, the
   * answer is 409 and nothing is written, so no one's correction is lost unseen.
   */
  baseAt: z.string().max(40).optional(),
});
export type SharedMappingRequest = z.infer<typeof SharedMappingRequest>;

export const SharedMapping = z.object({
  province: z.string(),
  fingerprint: z.string(),
  mapping: SavedMapping,
  headers: z.array(z.string()),
  kind: z.string(),
  sheet: z.string().nullable(),
  /** "clerk": learned from the first confirmed submission; "province": set by province staff. */
  source: z.enum(["clerk", "province"]),
  by: z.string(),
  unit: z.string().nullable(),
  at: z.string(),
  /** Reporting units that sent a submission read with this form (the province sees how far it is used). */
  units: z.array(z.string()).default([]),
});
export type SharedMapping = z.infer<typeof SharedMapping>;

export const SharedMappingSaved = z.object({
  /** False when a mapping was there already (the first one learned, or the province's) and stays. */
  accepted: z.boolean(),
  mapping: SharedMapping,
});
export const SharedMappingsResponse = z.object({ province: z.string(), mappings: z.array(SharedMapping) });
export type SharedMappingsResponse = z.infer<typeof SharedMappingsResponse>;
