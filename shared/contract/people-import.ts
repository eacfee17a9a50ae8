import { z } from "zod";
import { AssignmentPut, UserId } from "./assignments.ts";
import { ErrorBody, Message } from "./errors.ts";

/**
 * POST assignments/{province}/import: a sheet of people in one request, all or nothing. Every
 * row is checked before anything is written (the same checks as a PUT, against the rows stored
 * when the import starts); one bad row and the answer is 422 naming each bad row, nothing
 * written. `row` is the sheet's row number, so a refusal points at the cell a person fixes.
 */
export const MAX_IMPORT_PEOPLE = 5000;

export const PeopleImportRow = AssignmentPut.extend({ user: UserId, row: z.number().int().min(1).max(1_048_576).optional() }).strict();
export type PeopleImportRow = z.infer<typeof PeopleImportRow>;

/** Rows are checked one by one on the server (so each bad one is named), the list as a whole here. */
export const PeopleImportRequest = z.strictObject({ people: z.array(z.unknown()).min(1).max(MAX_IMPORT_PEOPLE) });
export type PeopleImportRequest = { people: PeopleImportRow[] };

export const PeopleImportProblem = z.strictObject({
  /** The sheet's row number when the request gave one, else the person's place in the list (from 1). */
  row: z.number().int(),
  user: z.string().nullable(),
  field: z.string(),
  message: Message,
});
export type PeopleImportProblem = z.infer<typeof PeopleImportProblem>;

export const PeopleImportRefused = ErrorBody.extend({ problems: z.array(PeopleImportProblem), problemCount: z.number().int() });
export type PeopleImportRefused = z.infer<typeof PeopleImportRefused>;

export const PeopleImportResponse = z.strictObject({
  province: z.string(),
  /** People whose assignment was created or changed (each audited). */
  written: z.number().int(),
  /** People already assigned exactly so: nothing written, no record. */
  unchanged: z.number().int(),
});
export type PeopleImportResponse = z.infer<typeof PeopleImportResponse>;
