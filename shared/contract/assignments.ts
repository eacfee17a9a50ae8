import { z } from "zod";
import { isFormulaLeading } from "../annotate/cell-text.ts";
import { UnitCode } from "./codes.ts";

/**
 * GET assignments/{province}: who is assigned to the province and its units, for the status
 * sheet's clerk column and for managing the province's people. The user id is the sign-in
 * identity (Entra ID object id, or the UPN where a province signs in by it); names and e-mail
 * addresses as the assignment table holds them; never anything of another province.
 */
export const ProvinceAssignment = z.strictObject({
  user: z.string(),
  role: z.enum(["clerk", "province"]),
  unit: z.string(),
  unitName: z.string().nullable(),
  /** The person's name as the assignment table holds it (null when none was recorded). */
  name: z.string().nullable(),
  email: z.string().nullable(),
  /** Province staff: the approval levels their assignment lists (absent: none beyond the "province_staff" levels). */
  levels: z.array(z.number().int()).optional(),
});
export type ProvinceAssignment = z.infer<typeof ProvinceAssignment>;

export const AssignmentsResponse = z.strictObject({
  province: z.string(),
  assignments: z.array(ProvinceAssignment),
});
export type AssignmentsResponse = z.infer<typeof AssignmentsResponse>;

/** Longest name or e-mail address the listing passes on; a longer stored one is cut, not sent whole. */
export const MAX_ASSIGNEE_TEXT = 200;
/** Longest display name a new assignment may carry: a Vietnamese full name is far shorter. */
export const MAX_PERSON_NAME = 100;

/**
 * A sign-in identity as a path segment and a table key: an Entra object id (a GUID) or a UPN
 * (name@domain). Nothing a key or a path cannot hold, no '|' (the audit rows' separator), no spaces.
 */
export const USER_ID = /^[^\s/\\#?|%\u0000-\u001f\u007f-\u009f]{1,200}$/;
export const UserId = z.string().regex(USER_ID, "a user id is the sign-in identity (Entra object id or UPN): 1–200 characters, no spaces, / \\ # ? | %");

export const AssignmentParams = z.strictObject({ province: UnitCode, user: UserId });

/** A person's display name: trimmed text without control characters, never read as a formula by a sheet. */
export const PersonName = z.string().trim().min(1).max(MAX_PERSON_NAME)
  .refine((s) => !/[\u0000-\u001f\u007f-\u009f]/.test(s), "a name holds no control characters")
  .refine((s) => !isFormulaLeading(s), "a name does not start with = + - @ (a sheet would read it as a formula)");

/** An e-mail address as people write them: one @, a dotted domain, no spaces, at most 254 characters. */
export const EmailAddress = z.string().trim().max(254).regex(/^[^\s@<>()[\]\\,;:"=+]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/, "not an e-mail address");

/** PUT assignments/{province}/{user}: make the user the province's staff or the clerk of one of its units. */
export const AssignmentPut = z.strictObject({
  role: z.enum(["clerk", "province"]),
  unit: UnitCode,
  name: PersonName.optional(),
  email: EmailAddress.optional(),
  /** Province staff only: the approval levels they may act at where the province's level is "assigned" (an operator sets it). */
  levels: z.array(z.number().int().min(1).max(5)).max(5).refine((l) => new Set(l).size === l.length, "a level is listed twice").optional(),
});
export type AssignmentPut = z.infer<typeof AssignmentPut>;

export const AssignmentChange = z.strictObject({
  province: z.string(),
  /** The assignment as it now stands; null after a revocation. */
  assignment: ProvinceAssignment.nullable(),
});
export type AssignmentChange = z.infer<typeof AssignmentChange>;

/** One change to the province's people: who changed what, when, before and after. */
export const AssignmentAuditEntry = z.strictObject({
  id: z.string(),
  at: z.string(),
  /** Who made the change (their sign-in identity) and their display name. */
  by: z.string(),
  byName: z.string(),
  action: z.enum(["put", "revoke"]),
  user: z.string(),
  before: z.strictObject({ role: z.string(), unit: z.string(), name: z.string().nullable(), email: z.string().nullable(), levels: z.array(z.number().int()).optional() }).nullable(),
  after: z.strictObject({ role: z.string(), unit: z.string(), name: z.string().nullable(), email: z.string().nullable(), levels: z.array(z.number().int()).optional() }).nullable(),
});
export type AssignmentAuditEntry = z.infer<typeof AssignmentAuditEntry>;

export const AssignmentAuditResponse = z.strictObject({ province: z.string(), audit: z.array(AssignmentAuditEntry) });
export type AssignmentAuditResponse = z.infer<typeof AssignmentAuditResponse>;
