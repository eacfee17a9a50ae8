import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { AssignmentsResponse, ApprovalConflictBody, ApprovalResult, ApprovalsResponse, ScorecardResponse, ConflictBody, DetailResponse, ErrorBody, HistoryResponse, InvalidBody, ReconstructedRollup, RollupResponse, SharedMapping, SharedMappingSaved, SharedMappingsResponse, SubmissionAccepted, type SharedMappingRequest, type SubmissionRequest } from "../shared/contract/index.ts";
import { previousPeriod, yearEarlier } from "../shared/report/period-words.ts";
import { hasFigures, type Comparable } from "../shared/report/rollup-comparison.ts";
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
  if (url.username || url.password) throw new CliError("Không ghi tên đăng nhập, mật khẩu trong địa chỉ máy chủ; dùng --token.", "Put no credentials in the server address; use --token.");
  if (!token) throw new CliError("Thiếu --token (hoặc biến môi trường HTCT_TOKEN).", "Missing --token (or the HTCT_TOKEN environment variable).");
  if (!/^[A-Za-z0-9._~+/=-]{10,8192}$/.test(token)) throw new CliError("Mã đăng nhập (token) không hợp lệ.", "The token is not valid.");
  if (!url.pathname.endsWith("/")) url.pathname += "/";
  return { url, token };
}

type Answer =
  | { kind: "accepted"; body: z.infer<typeof SubmissionAccepted> }
  | { kind: "conflict"; body: z.infer<typeof ConflictBody> }
  | { kind: "invalid"; body: z.infer<typeof InvalidBody> };

async function call(server: Server, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: unknown }> {
  const target = new URL(path, new URL("api/", server.url));
  let res: Response;
  try {
    res = await fetch(target, {
      method,
      headers: { authorization: `Bearer ${server.token}`, accept: "application/json", ...(body ? { "content-type": "application/json" } : {}), ...headers },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(TIMEOUT_MS),
      redirect: "error",
    });
  } catch {
    throw new CliError(`Không kết nối được máy chủ ${server.url.origin}. Kiểm tra địa chỉ và mạng rồi thử lại.`, `Cannot reach ${server.url.origin}. Check the address and the network, then retry.`);
  }
  const text = await res.text();
  if (text.length > MAX_RESPONSE) throw new CliError("Máy chủ trả lời quá lớn.", "The server's answer is too large.");
  let json: unknown = null;
  try { json = text ? JSON.parse(text) : null; } catch { /* judged below by status */ }
  return { status: res.status, json };
}

function refused(status: number, json: unknown): CliError {
  const e = ErrorBody.safeParse(json);
  if (e.success) return new CliError(`Máy chủ từ chối (${status}): ${e.data.message.vi}`, `The server refused (${status}): ${e.data.message.en}`);
  return new CliError(`Máy chủ trả lời không như mong đợi (HTTP ${status}).`, `Unexpected answer from the server (HTTP ${status}).`);
}

/** Path segments, each encoded, joined: `rollups/BTH/2015`. */
const route = (...parts: string[]) => parts.map(encodeURIComponent).join("/");

/** GET a route whose one good answer is 200 with a body `schema` accepts; anything else is the server's refusal. */
async function getParsed<S extends z.ZodType>(server: Server, path: string, schema: S): Promise<z.infer<S>> {
  const { status, json } = await call(server, "GET", path);
  if (status === 200) {
    const r = schema.safeParse(json);
    if (r.success) return r.data;
  }
  throw refused(status, json);
}

/** POST /api/submissions with an idempotency key; a retry of the same call sends the same key. */
export async function submit(server: Server, request: SubmissionRequest, key: string = randomUUID()): Promise<Answer> {
  let last: { status: number; json: unknown } | null = null;
  for (let attempt = 0; attempt < 3; attempt++) {
    last = await call(server, "POST", "submissions", request, { "idempotency-key": key });
    if (last.status !== 503) break;
    await new Promise((r) => setTimeout(r, 1000 * (attempt + 1)));
  }
  const { status, json } = last!;
  if (status === 200) {
    const ok = SubmissionAccepted.safeParse(json);
    if (ok.success) return { kind: "accepted", body: ok.data };
  } else if (status === 409) {
    const c = ConflictBody.safeParse(json);
    if (c.success) return { kind: "conflict", body: c.data };
  } else if (status === 422) {
    const v = InvalidBody.safeParse(json);
    if (v.success) return { kind: "invalid", body: v.data };
  }
  throw refused(status, json);
}

export async function fetchRollup(server: Server, province: string, period: string): Promise<z.infer<typeof RollupResponse>> {
  return getParsed(server, route("rollups", province, period), RollupResponse);
}

export async function fetchHistory(server: Server, province: string, period: string, unit: string): Promise<z.infer<typeof HistoryResponse>> {
  return getParsed(server, `${route("submissions", province, period, unit)}?limit=200`, HistoryResponse);
}

export async function fetchDetail(server: Server, province: string, period: string, unit: string): Promise<z.infer<typeof DetailResponse>> {
  return getParsed(server, `${route("details", province, period, unit)}?limit=200`, DetailResponse);
}

/** An earlier rollup for comparison, or null when the server has none with data (or refuses it). */
async function earlierRollup(server: Server, province: string, period: string | null): Promise<z.infer<typeof RollupResponse> | null> {
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
  const { status, json } = await call(server, "GET", route("rollups", province, period, "in", inUnitsOf));
  if (status === 200) {
    const r = ReconstructedRollup.safeParse(json);
    if (r.success) return hasFigures(r.data) ? r.data : null;
    throw refused(status, json);
  }
  if (status === 404 || status === 405) return earlierRollup(server, province, period);
  if (status === 403) return null;
  throw refused(status, json);
}

/** The period's rollup with the previous period and a year earlier, both in this period's units (for the rollup sheet). */
export async function fetchWithComparisonsInUnits(server: Server, province: string, period: string): Promise<{ rollup: z.infer<typeof RollupResponse>; previous: Comparable | null; yearEarlier: Comparable | null }> {
  const prevP = previousPeriod(period);
  const yoyP = yearEarlier(period);
  const [rollup, previous, yoy] = await Promise.all([
    fetchRollup(server, province, period),
    earlierInUnits(server, province, prevP, period),
    yoyP === prevP ? Promise.resolve(null) : earlierInUnits(server, province, yoyP, period),
  ]);
  return { rollup, previous, yearEarlier: yoyP === prevP ? previous : yoy };
}


/**
 * The province's shared mapping for a form, or null when there is none (or the server cannot say):
 * without one the workbook is read as it is.
 */
export async function fetchSharedMapping(server: Server, province: string, fp: string): Promise<z.infer<typeof SharedMapping> | null> {
  const { status, json } = await call(server, "GET", route("mappings", province, fp));
  if (status !== 200) return null;
  const r = SharedMapping.safeParse(json);
  return r.success ? r.data : null;
}

/** Offers the clerk's confirmed mapping for the form; whether it was kept, or null when it could not be sent. */
export async function offerMapping(server: Server, province: string, fp: string, body: SharedMappingRequest): Promise<boolean | null> {
  const { status, json } = await call(server, "POST", route("mappings", province, fp), body);
  if (status !== 200) return null;
  const r = SharedMappingSaved.safeParse(json);
  return r.success ? r.data.accepted : null;
}

/** GET the approval states; POST an approval action (approve, return, reopen). */
export async function fetchApprovals(server: Server, province: string, period: string): Promise<z.infer<typeof ApprovalsResponse>> {
  return getParsed(server, route("approvals", province, period), ApprovalsResponse);
}

export async function approvalAction(server: Server, province: string, period: string, action: "approve" | "return" | "reopen", body: { units: { unit: string; version: number }[]; comment?: string }):
  Promise<{ kind: "done"; body: z.infer<typeof ApprovalResult> } | { kind: "conflict"; message: { vi: string; en: string }; refused: { unit: string; reason: string; state: string }[] }> {
  const { status, json } = await call(server, "POST", route("approvals", province, period, action), body);
  if (status === 200) {
    const r = ApprovalResult.safeParse(json);
    if (r.success) return { kind: "done", body: r.data };
  } else if (status === 409) {
    const c = ApprovalConflictBody.safeParse(json);
    if (c.success) return { kind: "conflict", message: c.data.message, refused: c.data.refused };
  }
  throw refused(status, json);
}

/** The shared column mappings in use in a province (province staff, clerks of the province). */
export async function listMappings(server: Server, province: string): Promise<z.infer<typeof SharedMappingsResponse>> {
  return getParsed(server, route("mappings", province), SharedMappingsResponse);
}

export async function fetchScorecard(server: Server, province: string, period: string): Promise<z.infer<typeof ScorecardResponse>> {
  return getParsed(server, route("scorecards", province, period), ScorecardResponse);
}

/** Who is assigned to the province's units (names and e-mail addresses as recorded), for the status sheet's clerk column. */
export async function fetchAssignments(server: Server, province: string): Promise<z.infer<typeof AssignmentsResponse>> {
  return getParsed(server, route("assignments", province), AssignmentsResponse);
}
