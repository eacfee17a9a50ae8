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

/**
 * A clerk's offer that differs from the province's accepted mapping (or is the form's first):
 * kept for the province's staff to accept or reject, never served to other clerks before that.
 * Its id is derived from the form and the mapping, so the same offer from several units is one.
 */
export const MappingOfferId = z.string().regex(/^o[0-9a-f]{16}$/, "offer ids are o and 16 hexadecimal digits");
export const MappingOfferParams = z.strictObject({ province: UnitCode, id: MappingOfferId });
export const MappingOffer = z.object({
  id: z.string(),
  fingerprint: z.string(),
  mapping: SavedMapping,
  headers: z.array(z.string()),
  kind: z.string(),
  sheet: z.string().nullable(),
  by: z.string(),
  unit: z.string().nullable(),
  at: z.string(),
  /** Units that offered this same mapping for the form. */
  units: z.array(z.string()).default([]),
  state: z.enum(["pending", "accepted", "rejected"]),
  reviewedBy: z.string().nullable(),
  reviewedAt: z.string().nullable(),
});
export type MappingOffer = z.infer<typeof MappingOffer>;
export const MappingOffersResponse = z.object({ province: z.string(), offers: z.array(MappingOffer) });
export type MappingOffersResponse = z.infer<typeof MappingOffersResponse>;
export const MappingReviewRequest = z.strictObject({ decision: z.enum(["accept", "reject"]) });
export const MappingReviewed = z.object({ offer: MappingOffer, mapping: SharedMapping.nullable() });

export const SharedMappingSaved = z.object({
  /** True when the mapping sent is the one the province serves (set by its staff, or the same as accepted). */
  accepted: z.boolean(),
  /** The province's accepted mapping of the form, if any (unchanged by a clerk's offer). */
  mapping: SharedMapping.nullable(),
  /** A clerk's differing offer, as queued for review (or as reviewed already: a rejected offer stays rejected). */
  offer: MappingOffer.optional(),
});
export const SharedMappingsResponse = z.object({ province: z.string(), mappings: z.array(SharedMapping) });
export type SharedMappingsResponse = z.infer<typeof SharedMappingsResponse>;
