import { randomUUID } from "node:crypto";
import { ContractClient, TransportError, type ApprovalResult, type ApprovalsResponse, type AssignmentsResponse, type Body, type CallOptions, type ConflictBody, type DetailResponse, type HistoryResponse, type InvalidBody, type MeResponse, type RetryPolicy, type RollupResponse, type ROUTES, type RouteName, type ScorecardResponse, type MappingOffersResponse, type SharedMapping, type SharedMappingRequest, type SharedMappingsResponse, type SubmissionAccepted, type SubmissionRequest, type AssignmentChange, type AssignmentPut, type OrgUnitsResponse } from "../shared/contract/index.ts";
import { ErrorBody, type ApprovalLevelsPutRequest, type ApprovalLevelsResponse, type PeopleImportRefused, type PeopleImportResponse, type PeopleImportRow } from "../shared/contract/index.ts";
import { fetchComparisons, hasFigures, type Comparable } from "../shared/report/rollup-comparison.ts";
import { CliError } from "./errors.ts";

const TIMEOUT_MS = 60_000;
const MAX_RESPONSE = 32 * 1024 * 1024;

export interface Server { url: URL; token: string }

/** The server address as given, checked: http(s) only, no credentials in it. */
export function parseServer(raw: string | undefined, token: string | undefined): Server {
  if (!raw) throw new CliError("Thiếu --server <địa chỉ máy chủ>.", "Missing --server <server address>.");
  let url: URL;
  try { url = new URL(raw); } catch { throw new CliError(`Địa chỉ máy chủ "${raw}" không hợp lệ.`, `"${raw}" is not a valid server address.`); }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new CliError("Địa chỉ máy chủ phải bắt đầu bằng http:// hoặc https://.", "The server address must start with http:// or https://.");
  if (url.username || url.password) throw new CliError("Không ghi tên đăng nhập, mật khẩu trong địa chỉ máy chủ; dùng --token-file.", "Put no credentials in the server address; use --token-file.");
  if (!token) throw new CliError("Thiếu --token-file (hoặc biến môi trường HTCT_TOKEN).", "Missing --token-file (or the HTCT_TOKEN environment variable).");
  if (!/^[A-Za-z0-9._~+/=-]{10,8192}$/.test(token)) throw new CliError("Mã đăng nhập (token) không hợp lệ.", "The token is not valid.");
  if (!url.pathname.endsWith("/")) url.pathname += "/";
  return { url, token };
}

type Answer =
  | { kind: "accepted"; body: SubmissionAccepted }
  | { kind: "conflict"; body: ConflictBody }
  | { kind: "invalid"; body: InvalidBody }
  | { kind: "locked"; body: ErrorBody };

/** The contract's client for this server; the token is the one given on the command line or in HTCT_TOKEN. */
function client(server: Server): ContractClient {
  return new ContractClient({ base: new URL("api/", server.url).href, fetch: (...a) => fetch(...a), token: () => server.token, timeoutMs: TIMEOUT_MS, maxChars: MAX_RESPONSE, redirect: "error" });
}

/** The exchange, with a failed one in the CLI's words. */
async function reach<T>(server: Server, p: (c: ContractClient) => Promise<T>): Promise<T> {
  try {
    return await p(client(server));
  } catch (e) {
    if (!(e instanceof TransportError)) throw e;
    if (e.reason === "too_large") throw new CliError("Máy chủ trả lời quá lớn.", "The server's answer is too large.");
    throw new CliError(`Không kết nối được máy chủ ${server.url.origin}. Kiểm tra địa chỉ và mạng rồi thử lại.`, `Cannot reach ${server.url.origin}. Check the address and the network, then retry.`);
  }
}

/** The server's refusal in the CLI's words: its own message when it sent one. */
export function refused(status: number, error: ErrorBody | null): CliError {
  if (error) return new CliError(`Máy chủ từ chối (${status}): ${error.message.vi}`, `The server refused (${status}): ${error.message.en}`);
  return new CliError(`Máy chủ trả lời không như mong đợi (HTTP ${status}).`, `Unexpected answer from the server (HTTP ${status}).`);
}

/** A refusal, or an error status the route lists (which parses as an answer): its message either way. */
function refusedAnswer(r: { ok: true; status: number; body: unknown } | { ok: false; status: number; error: ErrorBody | null }): CliError {
  return refused(r.status, r.ok ? ErrorBody.safeParse(r.body).data ?? null : r.error ?? null);
}

/** GET a route whose one good answer is 200 with a body its schema accepts; anything else is the server's refusal. */
async function getParsed<N extends RouteName>(server: Server, name: N, c: CallOptions<N>): Promise<Body<N, 200 & keyof (typeof ROUTES)[N]["responses"]>> {
  const r = await reach(server, (api) => api.get200(name, c));
  if (r.ok) return r.body;
  throw refused(r.status, r.error);
}

/** Storage busy (503): two more tries, one then two seconds apart. */
const busyRetry: RetryPolicy = (status, attempt) => (status === 503 && attempt < 2 ? 1000 * (attempt + 1) : null);

/** POST /api/submissions with an idempotency key; a retry of the same call sends the same key. */
export async function submit(server: Server, request: SubmissionRequest, key: string = randomUUID()): Promise<Answer> {
  const r = await reach(server, (api) => api.call("submit", { body: request, headers: { "Idempotency-Key": key }, retry: busyRetry }));
  if (!r.ok) throw refused(r.status, r.error);
  switch (r.status) {
    case 200: return { kind: "accepted", body: r.body };
    case 409: return { kind: "conflict", body: r.body };
    case 422: return { kind: "invalid", body: r.body };
    case 423: return { kind: "locked", body: r.body };
    default: throw refused(r.status, r.body);
  }
}

export async function fetchRollup(server: Server, province: string, period: string, opts: { approvedOnly?: boolean } = {}): Promise<RollupResponse> {
  return getParsed(server, "rollup", { params: { province, period }, ...(opts.approvedOnly ? { query: { approved: "only" } } : {}) });
}

export async function fetchHistory(server: Server, province: string, period: string, unit: string): Promise<HistoryResponse> {
  return getParsed(server, "history", { params: { province, period, unit }, query: { limit: 200 } });
}

export async function fetchDetail(server: Server, province: string, period: string, unit: string): Promise<DetailResponse> {
  return getParsed(server, "detail", { params: { province, period, unit }, query: { limit: 200 } });
}

/** An earlier rollup for comparison, or null when the server has none with data (or refuses it). */
async function earlierRollup(server: Server, province: string, period: string | null): Promise<RollupResponse | null> {
  if (!period) return null;
  try {
    const r = await fetchRollup(server, province, period);
    return Object.keys(r.totals).length ? r : null;
  } catch (e) {
    if (e instanceof CliError && /\((404|403)\)|HTTP (404|403)/.test(e.en)) return null;
    throw e;
  }
}

/**
 * An earlier period's figures in the units of `inUnitsOf` (a reorganised unit's are its
 * predecessors'), or the earlier rollup itself from a server without that route; null when
 * there is nothing to compare with.
 */
async function earlierInUnits(server: Server, province: string, period: string | null, inUnitsOf: string): Promise<Comparable | null> {
  if (!period) return null;
  const r = await reach(server, (api) => api.get200("rollupInUnits", { params: { province, period, units: inUnitsOf } }));
  if (r.ok) return hasFigures(r.body) ? r.body : null;
  if (r.status === 404 || r.status === 405) return earlierRollup(server, province, period);
  if (r.status === 403) return null;
  throw refused(r.status, r.error);
}

/** The period's rollup with the previous period and a year earlier, both in this period's units (for the rollup sheet). */
export async function fetchWithComparisonsInUnits(server: Server, province: string, period: string, opts: { approvedOnly?: boolean } = {}): Promise<{ rollup: RollupResponse; previous: Comparable | null; yearEarlier: Comparable | null }> {
  const [rollup, earlier] = await Promise.all([
    fetchRollup(server, province, period, opts),
    fetchComparisons(period, (p) => earlierInUnits(server, province, p, period)),
  ]);
  return { rollup, ...earlier };
}


/**
 * The province's shared mapping for a form, or null when there is none (or the server cannot say):
 * without one the workbook is read as it is.
 */
export async function fetchSharedMapping(server: Server, province: string, fp: string): Promise<SharedMapping | null> {
  const r = await reach(server, (api) => api.get200("mapping", { params: { province, fingerprint: fp } }));
  return r.ok ? r.body : null;
}

/**
 * Offers the clerk's confirmed mapping for the form: "accepted" when it is the one the province
 * serves (the province's staff set it, or it is the same as accepted), else the queued offer's
 * state; null when it could not be sent.
 */
export async function offerMapping(server: Server, province: string, fp: string, body: SharedMappingRequest): Promise<"accepted" | "pending" | "rejected" | null> {
  const r = await reach(server, (api) => api.get200("saveMapping", { params: { province, fingerprint: fp }, body }));
  if (!r.ok) return null;
  return r.body.accepted ? "accepted" : r.body.offer?.state === "rejected" ? "rejected" : "pending";
}

/** Clerks' mapping offers, pending first (province staff only). */
export async function listMappingOffers(server: Server, province: string): Promise<MappingOffersResponse> {
  return getParsed(server, "mappingOffers", { params: { province } });
}

/** Province staff accept or reject a pending offer. */
export async function reviewMappingOffer(server: Server, province: string, id: string, decision: "accept" | "reject") {
  return getParsed(server, "reviewMappingOffer", { params: { province, id }, body: { decision } });
}

/** GET the approval states; POST an approval action (approve, return, reopen). */
export async function fetchApprovals(server: Server, province: string, period: string): Promise<ApprovalsResponse> {
  return getParsed(server, "approvals", { params: { province, period } });
}

export async function approvalAction(server: Server, province: string, period: string, action: "approve" | "return" | "reopen", body: { units: { unit: string; version: number }[]; comment?: string; level?: number }):
  Promise<{ kind: "done"; body: ApprovalResult } | { kind: "conflict"; message: { vi: string; en: string }; refused: { unit: string; reason: string; state: string }[] }> {
  const r = await reach(server, (api) => api.call(action, { params: { province, period }, body }));
  if (!r.ok) throw refused(r.status, r.error);
  if (r.status === 200) return { kind: "done", body: r.body };
  return { kind: "conflict", message: r.body.message, refused: r.body.refused };
}

/** Who the token says, and the units they may act for. */
export async function fetchMe(server: Server): Promise<MeResponse> {
  return getParsed(server, "me", {});
}

/** POST the clerk's "complete" step for one unit and the version they saw. */
export async function completeUnit(server: Server, province: string, period: string, body: { unit: string; version: number }):
  Promise<{ kind: "done"; body: ApprovalResult } | { kind: "conflict"; message: { vi: string; en: string }; refused: { unit: string; reason: string; state: string }[] } | { kind: "needs"; message: { vi: string; en: string }; errors: number; needComment: { indicator: string; label: string }[] }> {
  const r = await reach(server, (api) => api.call("complete", { params: { province, period }, body }));
  if (!r.ok) throw refused(r.status, r.error);
  if (r.status === 200) return { kind: "done", body: r.body };
  if (r.status === 409) return { kind: "conflict", message: r.body.message, refused: r.body.refused };
  if (r.status === 422) return { kind: "needs", message: r.body.message, errors: r.body.errors, needComment: r.body.needComment };
  throw refused(r.status, r.body);
}

/** The shared column mappings in use in a province (province staff, clerks of the province). */
export async function listMappings(server: Server, province: string): Promise<SharedMappingsResponse> {
  return getParsed(server, "mappings", { params: { province } });
}

export async function fetchScorecard(server: Server, province: string, period: string): Promise<ScorecardResponse> {
  return getParsed(server, "scorecard", { params: { province, period } });
}

/** Who is assigned to the province's units (names and e-mail addresses as recorded), for the status sheet's clerk column. */
export async function fetchAssignments(server: Server, province: string): Promise<AssignmentsResponse> {
  return getParsed(server, "assignments", { params: { province } });
}

/** PUT /api/assignments/{province}/{user}: the assignment as it now stands. */
export async function putAssignment(server: Server, province: string, user: string, body: AssignmentPut): Promise<AssignmentChange> {
  const r = await reach(server, (api) => api.call("putAssignment", { params: { province, user }, body }));
  if (r.ok && r.status === 200) return r.body;
  throw refusedAnswer(r);
}

/** POST /api/assignments/{province}/import: all or nothing; a 422 comes back as the rows it names. */
export async function importAssignments(server: Server, province: string, people: PeopleImportRow[]): Promise<{ ok: true; body: PeopleImportResponse } | { ok: false; refused: PeopleImportRefused }> {
  const r = await reach(server, (api) => api.call("importAssignments", { params: { province }, body: { people } }));
  if (r.ok && r.status === 200) return { ok: true, body: r.body };
  // A listed error status parses against its own schema and arrives as an answer.
  if (r.ok && r.status === 422) return { ok: false, refused: r.body };
  throw refusedAnswer(r);
}

/** DELETE /api/assignments/{province}/{user}. */
export async function revokeAssignment(server: Server, province: string, user: string): Promise<void> {
  const r = await reach(server, (api) => api.call("revokeAssignment", { params: { province, user } }));
  if (r.ok && r.status === 200) return;
  throw refusedAnswer(r);
}

export async function fetchOrgUnits(server: Server, province: string): Promise<OrgUnitsResponse> {
  return getParsed(server, "orgunits", { params: { province } });
}

/** The contract's client for a call the helpers above do not cover (the caller judges the answer). */
export async function apiClient<T>(server: Server, p: (c: ContractClient) => Promise<T>): Promise<T> {
  return reach(server, p);
}

/** GET /api/approval-levels/{province}: the chain in force, whether it is the province's own, its changes. */
export async function fetchApprovalLevels(server: Server, province: string): Promise<ApprovalLevelsResponse> {
  return getParsed(server, "approvalLevels", { params: { province } });
}

/** PUT /api/approval-levels/{province} (an operator): the chain as it now stands. */
export async function putApprovalLevels(server: Server, province: string, body: ApprovalLevelsPutRequest): Promise<ApprovalLevelsResponse> {
  const r = await reach(server, (api) => api.call("saveApprovalLevels", { params: { province }, body }));
  if (r.ok && r.status === 200) return r.body;
  throw refusedAnswer(r);
}
