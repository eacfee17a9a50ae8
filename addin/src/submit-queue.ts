import type { ApiClient, SubmitOutcome } from "./api/client.ts";
import { ApiError } from "./api/client.ts";
import type { QueuedSubmission } from "./doc-settings.ts";

/** HTTP answers worth sending again later, with the same idempotency key. */
const RETRYABLE = new Set([429, 502, 503, 504]);

/** What one attempt to send a queued submission came to, and so whether it stays queued. */
export type Attempt =
  /** No connection, or a server that is busy or restarting: the same request can succeed later. */
  | { kind: "kept"; reason: "network" | "busy"; error: ApiError }
  /** A definite refusal (400, 403, …): sending it again cannot help; the server's field details, if any. */
  | { kind: "refused"; error: unknown; details: string[] }
  /** A definite answer the pane shows (accepted, conflict, invalid, locked). */
  | { kind: "answered"; outcome: SubmitOutcome };

/** At most this many field details are shown: a body of thousands of problems stays readable. */
const MAX_DETAILS = 20;

export function retryable(e: unknown): e is ApiError {
  return e instanceof ApiError && (e.kind === "network" || RETRYABLE.has(e.status));
}

/** Sends one queued submission; never throws. */
export async function attempt(api: Pick<ApiClient, "submit">, item: QueuedSubmission): Promise<Attempt> {
  try {
    return { kind: "answered", outcome: await api.submit(item.request, item.idempotencyKey) };
  } catch (e) {
    if (retryable(e)) return { kind: "kept", reason: e.kind === "network" ? "network" : "busy", error: e };
    const details = e instanceof ApiError ? (e.body?.details ?? []).slice(0, MAX_DETAILS).map((d) => `${d.path}: ${d.problem}`) : [];
    return { kind: "refused", error: e, details };
  }
}

/** The queue after an attempt: only what can succeed later keeps its place. */
export function settle(queue: readonly QueuedSubmission[], item: QueuedSubmission, result: Attempt): QueuedSubmission[] {
  return result.kind === "kept" ? [...queue] : queue.filter((q) => q.idempotencyKey !== item.idempotencyKey);
}
