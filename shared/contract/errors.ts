import { z } from "zod";

/**
 * The one error envelope every function answers with. The message carries both languages
 * because the add-in shows Vietnamese first but logs and jobs read English.
 */
export const Message = z.object({ vi: z.string().min(1), en: z.string().min(1) });
export type Message = z.infer<typeof Message>;

export const ErrorCode = z.enum([
  "bad_request",
  "bad_json",
  "unsupported_media_type",
  "payload_too_large",
  "unauthorized",
  "forbidden",
  "not_found",
  "method_not_allowed",
  "conflict",
  "invalid",
  "locked",
  "unmapped",
  "nothing_to_export",
  "invalid_registry",
  "stranded_data",
  "offer_limit",
  "idempotency_key_reused",
  "storage_unavailable",
  "internal",
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** Where in the request a 400 came from: a JSON path and what was wrong there (English). */
export const ErrorDetail = z.object({ path: z.string(), problem: z.string() });
export type ErrorDetail = z.infer<typeof ErrorDetail>;

export const ErrorBody = z.object({
  error: ErrorCode,
  message: Message,
  details: z.array(ErrorDetail).optional(),
  /** The same id as the X-Correlation-Id header and the server's log line for this answer. */
  correlationId: z.string().optional(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/** An issue as the shared validator reports it (shared/model.ts `Issue`), on the wire. */
export const IssueSchema = z.object({
  severity: z.enum(["error", "warning", "info"]),
  rule: z.string(),
  sheet: z.string(),
  cells: z.array(z.string()),
  unit: z.string().nullable(),
  indicators: z.array(z.string()),
  message: z.string(),
  hint: z.string(),
});

export const InvalidBody = ErrorBody.extend({ error: z.literal("invalid"), issues: z.array(IssueSchema) });
export type InvalidBody = z.infer<typeof InvalidBody>;
