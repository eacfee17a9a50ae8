/** The HTTP API's contract: zod schemas only, no I/O, imported by the functions and the add-in alike. */
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
export * from "./api.ts";
export * from "./merge.ts";
export * from "./value-equality.ts";
export * from "./openapi.ts";
export * from "./submission-build.ts";
export * from "./backup.ts";
