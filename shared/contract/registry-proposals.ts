import { z } from "zod";
import { SafeText, UnitCode } from "./codes.ts";
import { RegistryAuditEntry } from "./registry-admin.ts";

/**
 * A clerk's proposal to add units the registry cannot know (party cells, villages: no public
 * list has them) under their own commune, for the province's staff to accept or reject, like a
 * mapping offer. Accepting adds them to the registry, audited like an import.
 */
export const PROPOSABLE_TYPES = ["chi_bo", "thon", "to_dan_pho"] as const;
export const MAX_PROPOSED_UNITS = 200;

/** A name as a sheet gives it, cleaned: no control characters, nothing a spreadsheet would take for a formula. */
const ProposedName = SafeText(80).transform((s) => s.trim().replace(/\s+/g, " ")).pipe(z.string().min(1).regex(/^[^=+\-@]/, "a name cannot start with = + - @ (a spreadsheet formula)"));

export const ProposedUnit = z.strictObject({ name: ProposedName, type: z.enum(PROPOSABLE_TYPES) });
export type ProposedUnit = z.infer<typeof ProposedUnit>;

export const RegistryProposalRequest = z.strictObject({
  /** The unit the new ones sit under (the clerk's commune, or a unit under it). */
  parent: UnitCode,
  units: z.array(ProposedUnit).min(1).max(MAX_PROPOSED_UNITS),
  /** First day the units exist in the registry (default: the parent's first day). */
  validFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  /** Where the names were read, for the reviewer. */
  source: z.strictObject({ workbook: SafeText(200), sheet: SafeText(100) }).optional(),
});
export type RegistryProposalRequest = z.infer<typeof RegistryProposalRequest>;

export const RegistryProposalId = z.string().regex(/^p[0-9a-f]{16}$/, "proposal ids are p and 16 hex digits");
export const RegistryProposalParams = z.strictObject({ province: UnitCode, id: RegistryProposalId });

export const RegistryProposal = z.object({
  id: z.string(),
  parent: z.string(),
  /** The units with the codes they get when accepted. */
  units: z.array(z.object({ code: z.string(), name: z.string(), type: z.enum(PROPOSABLE_TYPES) })),
  validFrom: z.string().nullable(),
  source: z.object({ workbook: z.string(), sheet: z.string() }).nullable(),
  by: z.string(),
  at: z.string(),
  state: z.enum(["pending", "accepted", "rejected"]),
  reviewedBy: z.string().nullable(),
  reviewedAt: z.string().nullable(),
});
export type RegistryProposal = z.infer<typeof RegistryProposal>;

export const RegistryProposalsResponse = z.object({ province: z.string(), proposals: z.array(RegistryProposal) });
export type RegistryProposalsResponse = z.infer<typeof RegistryProposalsResponse>;
export const RegistryProposalReview = z.strictObject({ decision: z.enum(["accept", "reject"]) });
export const RegistryProposalReviewed = z.object({ proposal: RegistryProposal, audit: RegistryAuditEntry.nullable() });
