/**
 * The HTTP API's contract, imported by the functions, the CLI and the add-in alike: the zod schemas,
 * the route table, and the client built from it (no I/O of its own; the host passes `fetch`).
 */
export * from "./codes.ts";
export * from "./errors.ts";
export * from "./params.ts";
export * from "./period.ts";
export * from "./submissions.ts";
export * from "./rollups.ts";
export * from "./reference.ts";
export * from "./exports.ts";
export * from "./scorecards.ts";
export * from "./mappings.ts";
export * from "./approvals.ts";
export * from "./details.ts";
export * from "./api.ts";
export * from "./merge.ts";
export * from "./value-equality.ts";
export * from "./openapi.ts";
export * from "./submission-build.ts";
export * from "./backup.ts";
export * from "./registry-admin.ts";
export * from "./calendar-admin.ts";
export * from "./assignments.ts";
export * from "./client.ts";
export * from "./people-sheet.ts";
export * from "./registry-proposals.ts";
export * from "./people-import.ts";
