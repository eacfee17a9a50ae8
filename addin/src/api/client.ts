import type { z } from "zod";
import type {
  ContractClient, ErrorBody, ROUTES,
  Answer, Body, ApprovalActionRequest, ApprovalResult, ApprovalsResponse, AssignmentChange, AssignmentPut, AssignmentsResponse, MappingOffersResponse, MappingReviewed, CallOptions, CompleteRefusedBody, CompleteRequest,
  ConflictBody, RegistryProposal, RegistryProposalRequest, DetailResponse, HealthResponse, InvalidBody, MeResponse, OrgUnitsResponse, ReconstructedRollup, Refusal,
  RollupResponse, RouteName, ScorecardResponse, SharedMapping, SharedMappingRequest, SharedMappingsResponse, SubmissionAccepted,
  SubmissionRequest, TokenSource,
} from "../../../shared/contract/index.ts";

export type { TokenSource };

/**
 * The functions API, with every answer checked against the shared contract. Failures become an
 * ApiError whose kind says what the clerk can do: network (queue and retry), auth (sign in again),
 * forbidden, server (try later), bad answer (tell the administrator).
 */
export type ApiErrorKind = "network" | "unauthorized" | "forbidden" | "server" | "bad_answer" | "client";

export class ApiError extends Error {
  /** `server`: the address that could not be reached, so the clerk is told which one it was. */
  constructor(readonly kind: ApiErrorKind, readonly status: number, message: string, readonly body?: ErrorBody, readonly server?: string) {
    super(message);
  }
}

export type SubmitOutcome =
  | { kind: "accepted"; body: SubmissionAccepted }
  | { kind: "conflict"; body: ConflictBody }
  | { kind: "invalid"; body: InvalidBody }
  | { kind: "locked"; body: ErrorBody };

type Fetch = typeof fetch;

/**
 * The contract (every route's zod schemas, ~20 KB) is fetched with the first call, not with the
 * pane: the first screen, Kiểm tra, works without the server.
 */
let contract: Promise<typeof import("../../../shared/contract/client.ts")> | null = null;
const loadContract = () => (contract ??= import("../../../shared/contract/client.ts"));

export class ApiClient {
  private api: ContractClient | null = null;
  private readonly base: string;

  /** `server` is an origin ("https://htct.example.org") or "" for the pane's own origin, whose dev server proxies /api. */
  constructor(readonly server: string, private readonly token: TokenSource, private readonly fetchImpl: Fetch = (...a) => fetch(...a)) {
    this.base = `${server.replace(/\/+$/, "")}/api/`;
  }

  /** A network failure is an ApiError like any other. */
  private async net<T>(use: (api: ContractClient) => Promise<T>): Promise<T> {
    const { ContractClient, TransportError } = await loadContract();
    this.api ??= new ContractClient({ base: this.base, fetch: this.fetchImpl, token: this.token });
    try {
      return await use(this.api);
    } catch (e) {
      if (e instanceof TransportError) throw new ApiError("network", 0, e.message, undefined, this.server || globalThis.location?.origin || "");
      throw e;
    }
  }

  private call<N extends RouteName>(name: N, c: CallOptions<N> = {}): Promise<Answer<N> | Refusal> { return this.net((api) => api.call(name, c)); }

  private fail(r: Refusal): never {
    if (r.malformed) throw new ApiError("bad_answer", r.status, r.problem ?? "");
    const { status, error } = r;
    const kind: ApiErrorKind = status === 401 ? "unauthorized" : status === 403 ? "forbidden" : status >= 500 || status === 0 ? "server" : "client";
    throw new ApiError(kind, status, error ? error.message.en : `HTTP ${status}`, error ?? undefined);
  }

  /** An answer with a status the route does not list, as a refusal (its body read as the API's error if it is one). */
  private async unlisted(r: { status: number; body: unknown }): Promise<never> {
    const { ErrorBody: E } = await import("../../../shared/contract/errors.ts");
    return this.fail({ ...r, ok: false, json: r.body, error: E.safeParse(r.body).data ?? null, malformed: false } as Refusal);
  }

  /** The body of a 200; anything else is thrown. */
  private async ok<N extends RouteName>(name: N, c: CallOptions<N> = {}): Promise<Body<N, 200 & keyof (typeof ROUTES)[N]["responses"]>> {
    const r = await this.net((api) => api.get200(name, c));
    return r.ok ? r.body : this.fail(r);
  }

  health(): Promise<HealthResponse> { return this.ok("health"); }
  /** The signed-in person's name and assignments (units by name), for the unit pickers. */
  me(): Promise<MeResponse> { return this.ok("me"); }
  orgunits(province: string): Promise<OrgUnitsResponse> { return this.ok("orgunits", { params: { province } }); }
  rollup(province: string, period: string): Promise<RollupResponse> { return this.ok("rollup", { params: { province, period } }); }
  /** The data-quality scorecard of the period, units ranked (province staff). */
  scorecard(province: string, period: string): Promise<ScorecardResponse> { return this.ok("scorecard", { params: { province, period } }); }
  /** Who is assigned to the province's units (names, e-mails), for the status sheet's clerk column (province staff). */
  assignments(province: string): Promise<AssignmentsResponse> { return this.ok("assignments", { params: { province } }); }
  /** Assigns a person in the province (the server checks who may assign whom, and audits it). */
  putAssignment(province: string, user: string, body: AssignmentPut): Promise<AssignmentChange> { return this.ok("putAssignment", { params: { province, user }, body }); }
  /** Revokes a person's assignment in the province; they are refused from their next request. */
  async revokeAssignment(province: string, user: string): Promise<void> { await this.ok("revokeAssignment", { params: { province, user } }); }
  /** The clerks' mapping offers of the province, pending first (province staff). */
  mappingOffers(province: string): Promise<MappingOffersResponse> { return this.ok("mappingOffers", { params: { province } }); }
  /** Accepts or rejects a pending offer; 409 when it was reviewed meanwhile. */
  reviewMappingOffer(province: string, id: string, decision: "accept" | "reject"): Promise<z.infer<typeof MappingReviewed>> { return this.ok("reviewMappingOffer", { params: { province, id }, body: { decision } }); }
  /** `period`'s figures in the units of `inUnitsOf`: a reorganised unit's are its predecessors'. */
  rollupInUnits(province: string, period: string, inUnitsOf: string): Promise<ReconstructedRollup> {
    return this.ok("rollupInUnits", { params: { province, period, units: inUnitsOf } });
  }

  /** One unit drilled into: the units below it with their values, its total, its versions with each value changed. */
  detail(province: string, period: string, unit: string): Promise<DetailResponse> { return this.ok("detail", { params: { province, period, unit } }); }

  /** The province's shared column mapping for a form, or null when none is known yet. */
  async sharedMapping(province: string, form: string): Promise<SharedMapping | null> {
    const r = await this.call("mapping", { params: { province, fingerprint: form } });
    if (!r.ok && r.status === 404 && !r.malformed) return null;
    return r.ok ? r.body : this.fail(r);
  }

  /** Offers the clerk's confirmed mapping for a form; whether the province kept it. */
  async offerMapping(province: string, form: string, body: SharedMappingRequest): Promise<boolean> {
    return (await this.saved(province, form, body)).accepted;
  }

  /** Every column mapping in use in the province, newest first (province staff and the province's clerks). */
  mappings(province: string): Promise<SharedMappingsResponse> { return this.ok("mappings", { params: { province } }); }

  /** Province staff set the mapping of a form (`baseAt`: the version they edited; 409 when someone saved since). */
  async setMapping(province: string, form: string, body: SharedMappingRequest): Promise<SharedMapping> {
    const saved = (await this.saved(province, form, body)).mapping;
    // Province staff's own mapping is always kept; a missing one means the server is not the one this pane knows.
    if (!saved) throw new Error("saveMapping answered without the province's mapping");
    return saved;
  }

  private saved(province: string, form: string, body: SharedMappingRequest) {
    return this.ok("saveMapping", { params: { province, fingerprint: form }, body });
  }

  /** A clerk proposes party cells, villages or residential groups their sheet names and the registry does not know, for the province's review. */
  registryPropose(province: string, body: RegistryProposalRequest): Promise<RegistryProposal> { return this.ok("registryPropose", { params: { province }, body }); }

  /** Each reporting unit's approval state for the period (a clerk gets their own unit only). */
  approvals(province: string, period: string): Promise<ApprovalsResponse> { return this.ok("approvals", { params: { province, period } }); }

  /** Province staff approve, return or reopen several units at once; a refusal (409, 403) writes nothing. */
  decide(step: "approve" | "return" | "reopen", province: string, period: string, body: ApprovalActionRequest): Promise<ApprovalResult> {
    return this.ok(step, { params: { province, period }, body });
  }

  /** The clerk marks the unit's stored version complete; 422 says which blanks need a comment. */
  async complete(province: string, period: string, body: CompleteRequest): Promise<{ kind: "done"; body: ApprovalResult } | { kind: "refused"; body: z.infer<typeof CompleteRefusedBody> }> {
    const r = await this.call("complete", { params: { province, period }, body });
    if (!r.ok) return this.fail(r);
    switch (r.status) {
      case 200: return { kind: "done", body: r.body };
      case 422: return { kind: "refused", body: r.body };
      default: return this.unlisted(r);
    }
  }

  async submit(request: SubmissionRequest, idempotencyKey: string): Promise<SubmitOutcome> {
    const r = await this.call("submit", { body: request, headers: { "Idempotency-Key": idempotencyKey } });
    if (!r.ok) return this.fail(r);
    switch (r.status) {
      case 200: return { kind: "accepted", body: r.body };
      case 409: return { kind: "conflict", body: r.body };
      case 422: return { kind: "invalid", body: r.body };
      case 423: return { kind: "locked", body: r.body };
      default: return this.unlisted(r);
    }
  }
}
