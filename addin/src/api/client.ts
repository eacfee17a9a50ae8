import type { z } from "zod";
import {
  ApprovalResult, ApprovalsResponse, AssignmentsResponse, CompleteRefusedBody, ScorecardResponse,
  ConflictBody, DetailResponse, ErrorBody, HealthResponse, InvalidBody, MeResponse, OrgUnitsResponse, ReconstructedRollup, RollupResponse, SharedMapping, SharedMappingSaved, SharedMappingsResponse, SubmissionAccepted,
  type ApprovalActionRequest, type CompleteRequest, type SharedMappingRequest, type SubmissionRequest,
} from "../../../shared/contract/index.ts";

/**
 * The functions API, with every answer checked against the shared contract. Failures become an
 * ApiError whose kind says what the clerk can do: network (queue and retry), auth (sign in again),
 * forbidden, server (try later), bad answer (tell the administrator).
 */
export type ApiErrorKind = "network" | "unauthorized" | "forbidden" | "server" | "bad_answer" | "client";

export class ApiError extends Error {
  constructor(readonly kind: ApiErrorKind, readonly status: number, message: string, readonly body?: ErrorBody) {
    super(message);
  }
}

export type SubmitOutcome =
  | { kind: "accepted"; body: SubmissionAccepted }
  | { kind: "conflict"; body: ConflictBody }
  | { kind: "invalid"; body: InvalidBody }
  | { kind: "locked"; body: ErrorBody };

export type TokenSource = () => Promise<string | null>;
type Fetch = typeof fetch;

export class ApiClient {
  /** `server` is an origin ("https://htct.example.org") or "" for the pane's own origin, whose dev server proxies /api. */
  constructor(readonly server: string, private readonly token: TokenSource, private readonly fetchImpl: Fetch = (...a) => fetch(...a)) {}

  private url(path: string): string {
    return `${this.server.replace(/\/+$/, "")}/api/${path}`;
  }

  private async request(method: "GET" | "POST", path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: unknown }> {
    const token = await this.token();
    let res: Response;
    try {
      res = await this.fetchImpl(this.url(path), {
        method,
        headers: { Accept: "application/json", ...(body !== undefined ? { "Content-Type": "application/json" } : {}), ...(token ? { Authorization: `Bearer ${token}` } : {}), ...headers },
        body: body !== undefined ? JSON.stringify(body) : undefined,
      });
    } catch (e) {
      throw new ApiError("network", 0, e instanceof Error ? e.message : String(e));
    }
    let json: unknown = null;
    const text = await res.text().catch(() => "");
    try { json = text ? JSON.parse(text) : null; } catch { json = null; }
    return { status: res.status, json };
  }

  private fail(status: number, json: unknown): never {
    const body = ErrorBody.safeParse(json);
    const msg = body.success ? body.data.message.en : `HTTP ${status}`;
    const kind: ApiErrorKind = status === 401 ? "unauthorized" : status === 403 ? "forbidden" : status >= 500 || status === 0 ? "server" : "client";
    throw new ApiError(kind, status, msg, body.success ? body.data : undefined);
  }

  private parse<T>(schema: z.ZodType<T>, status: number, json: unknown): T {
    const r = schema.safeParse(json);
    if (!r.success) throw new ApiError("bad_answer", status, r.error.message);
    return r.data;
  }

  private async get<T>(path: string, schema: z.ZodType<T>): Promise<T> {
    const { status, json } = await this.request("GET", path);
    if (status !== 200) this.fail(status, json);
    return this.parse(schema, status, json);
  }

  health(): Promise<HealthResponse> { return this.get("health", HealthResponse); }
  /** The signed-in person's name and assignments (units by name), for the unit pickers. */
  me(): Promise<MeResponse> { return this.get("me", MeResponse); }
  orgunits(province: string): Promise<OrgUnitsResponse> { return this.get(`orgunits/${encodeURIComponent(province)}`, OrgUnitsResponse); }
  rollup(province: string, period: string): Promise<RollupResponse> {
    return this.get(`rollups/${encodeURIComponent(province)}/${encodeURIComponent(period)}`, RollupResponse);
  }
  /** The data-quality scorecard of the period, units ranked (province staff). */
  scorecard(province: string, period: string): Promise<ScorecardResponse> {
    return this.get(`scorecards/${encodeURIComponent(province)}/${encodeURIComponent(period)}`, ScorecardResponse);
  }
  /** Who is assigned to the province's units (names, e-mails), for the status sheet's clerk column (province staff). */
  assignments(province: string): Promise<AssignmentsResponse> {
    return this.get(`assignments/${encodeURIComponent(province)}`, AssignmentsResponse);
  }
  /** `period`'s figures in the units of `inUnitsOf`: a reorganised unit's are its predecessors'. */
  rollupInUnits(province: string, period: string, inUnitsOf: string): Promise<ReconstructedRollup> {
    return this.get(`rollups/${encodeURIComponent(province)}/${encodeURIComponent(period)}/in/${encodeURIComponent(inUnitsOf)}`, ReconstructedRollup);
  }

  /** One unit drilled into: the units below it with their values, its total, its versions with each value changed. */
  detail(province: string, period: string, unit: string): Promise<DetailResponse> {
    return this.get(`details/${encodeURIComponent(province)}/${encodeURIComponent(period)}/${encodeURIComponent(unit)}`, DetailResponse);
  }

  /** The province's shared column mapping for a form, or null when none is known yet. */
  async sharedMapping(province: string, form: string): Promise<SharedMapping | null> {
    const { status, json } = await this.request("GET", `mappings/${encodeURIComponent(province)}/${encodeURIComponent(form)}`);
    if (status === 404) return null;
    if (status !== 200) this.fail(status, json);
    return this.parse(SharedMapping, status, json);
  }

  /** Offers the clerk's confirmed mapping for a form; whether the province kept it. */
  async offerMapping(province: string, form: string, body: SharedMappingRequest): Promise<boolean> {
    const { status, json } = await this.request("POST", `mappings/${encodeURIComponent(province)}/${encodeURIComponent(form)}`, body);
    if (status !== 200) this.fail(status, json);
    return this.parse(SharedMappingSaved, status, json).accepted;
  }

  /** Every column mapping in use in the province, newest first (province staff and the province's clerks). */
  mappings(province: string): Promise<SharedMappingsResponse> { return this.get(`mappings/${encodeURIComponent(province)}`, SharedMappingsResponse); }

  /** Province staff set the mapping of a form (`baseAt`: the version they edited; 409 when someone saved since). */
  async setMapping(province: string, form: string, body: SharedMappingRequest): Promise<SharedMapping> {
    const { status, json } = await this.request("POST", `mappings/${encodeURIComponent(province)}/${encodeURIComponent(form)}`, body);
    if (status !== 200) this.fail(status, json);
    return this.parse(SharedMappingSaved, status, json).mapping;
  }

  /** Each reporting unit's approval state for the period (a clerk gets their own unit only). */
  approvals(province: string, period: string): Promise<ApprovalsResponse> {
    return this.get(`approvals/${encodeURIComponent(province)}/${encodeURIComponent(period)}`, ApprovalsResponse);
  }

  /** Province staff approve or return several units at once; a refusal (409) names nothing written. */
  async decide(step: "approve" | "return", province: string, period: string, body: ApprovalActionRequest): Promise<ApprovalResult> {
    const { status, json } = await this.request("POST", `approvals/${encodeURIComponent(province)}/${encodeURIComponent(period)}/${step}`, body);
    if (status !== 200) this.fail(status, json);
    return this.parse(ApprovalResult, status, json);
  }

  /** The clerk marks the unit's stored version complete; 422 says which blanks need a comment. */
  async complete(province: string, period: string, body: CompleteRequest): Promise<{ kind: "done"; body: ApprovalResult } | { kind: "refused"; body: z.infer<typeof CompleteRefusedBody> }> {
    const { status, json } = await this.request("POST", `approvals/${encodeURIComponent(province)}/${encodeURIComponent(period)}/complete`, body);
    if (status === 422) return { kind: "refused", body: this.parse(CompleteRefusedBody, status, json) };
    if (status !== 200) this.fail(status, json);
    return { kind: "done", body: this.parse(ApprovalResult, status, json) };
  }

  async submit(request: SubmissionRequest, idempotencyKey: string): Promise<SubmitOutcome> {
    const { status, json } = await this.request("POST", "submissions", request, { "Idempotency-Key": idempotencyKey });
    switch (status) {
      case 200: return { kind: "accepted", body: this.parse(SubmissionAccepted, status, json) };
      case 409: return { kind: "conflict", body: this.parse(ConflictBody, status, json) };
      case 422: return { kind: "invalid", body: this.parse(InvalidBody, status, json) };
      case 423: return { kind: "locked", body: this.parse(ErrorBody, status, json) };
      default: return this.fail(status, json);
    }
  }
}
