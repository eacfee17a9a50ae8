import { app } from "@azure/functions";
import { IdempotencyKey, LIMITS, SubmissionRequest } from "../shared/contract/index.ts";
import { fastSubmissionRequest } from "../shared/contract/submission-fast-parse.ts";
import { authenticate, requireRole } from "./lib/auth.ts";
import { fail } from "./lib/errors.ts";
import { handle, jsonText, readBody } from "./lib/http.ts";
import { routeOf } from "./lib/route.ts";
import { ready } from "./store/client.ts";
import { submit } from "./lib/submissions.ts";

app.http("submit", routeOf("submit", handle(async (req) => {
  const who = await authenticate(req);
  requireRole(who, ["clerk"]);
  const key = IdempotencyKey.safeParse(req.headers.get("idempotency-key") ?? "");
  if (!key.success) throw fail.badRequest("Header Idempotency-Key is required: 8–200 printable ASCII characters (a UUID is fine).", "Thiếu hoặc sai tiêu đề Idempotency-Key: 8–200 ký tự ASCII in được (ví dụ một UUID).");
  const body = await readBody(req, SubmissionRequest, LIMITS.maxBodyBytes, fastSubmissionRequest);
  const answer = await submit(await ready(), who, body, key.data);
  return jsonText(answer.status, answer.text, answer.replayed ? { "Idempotent-Replayed": "true" } : {});
})));
