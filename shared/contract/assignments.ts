import { z } from "zod";

/**
 * GET assignments/{province}: who is assigned to the province and its units, for the status
 * sheet's clerk column. Names and e-mail addresses as the assignment table holds them; never the
 * sign-in identifiers, never anything of another province.
 */
export const ProvinceAssignment = z.strictObject({
  role: z.enum(["clerk", "province"]),
  unit: z.string(),
  unitName: z.string().nullable(),
  /** The person's name as the assignment table holds it (null when none was recorded). */
  name: z.string().nullable(),
  email: z.string().nullable(),
});
export type ProvinceAssignment = z.infer<typeof ProvinceAssignment>;

export const AssignmentsResponse = z.strictObject({
  province: z.string(),
  assignments: z.array(ProvinceAssignment),
});
export type AssignmentsResponse = z.infer<typeof AssignmentsResponse>;

/** Longest name or e-mail address the listing passes on; a longer stored one is cut, not sent whole. */
export const MAX_ASSIGNEE_TEXT = 200;
