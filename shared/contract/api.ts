import { z } from "zod";
import { HistoryParams, HistoryQueryShape, InUnitsParams, PeriodParams, ProvinceParams } from "./params.ts";
import { ErrorBody, InvalidBody } from "./errors.ts";
import { CatalogQuery, CatalogResponse, HealthResponse, MeResponse, OrgUnitsResponse, PeriodLockResponse, type Role } from "./reference.ts";
import { ConsolidationRequest, ConsolidationResponse, PeriodsResponse, ReconstructedRollup, RollupQuery, RollupResponse } from "./rollups.ts";
import { ExportRefusedBody, ExportRequest } from "./exports.ts";
import { ScorecardResponse } from "./scorecards.ts";
import { DetailQuery, DetailResponse } from "./details.ts";
import { ApprovalAction, ApprovalConflictBody, ApprovalLevelsPutRequest, ApprovalLevelsResponse, ApprovalResult, ApprovalsResponse, CompleteRefusedBody, CompleteRequest, ReturnAction } from "./approvals.ts";
import { ConflictBody, HistoryResponse, SubmissionAccepted, SubmissionRequest } from "./submissions.ts";
import { MappingOfferParams, MappingOffersResponse, MappingParams, MappingReviewed, MappingReviewRequest, SharedMapping, SharedMappingRequest, SharedMappingSaved, SharedMappingsResponse } from "./mappings.ts";
import { CalendarPutRequest, CalendarResponse } from "./calendar-admin.ts";
import { AssignmentAuditResponse, AssignmentChange, AssignmentParams, AssignmentPut, AssignmentsResponse } from "./assignments.ts";
import { RegistryProposal, RegistryProposalParams, RegistryProposalRequest, RegistryProposalReview, RegistryProposalReviewed, RegistryProposalsResponse } from "./registry-proposals.ts";
import { PeopleImportRefused, PeopleImportRequest, PeopleImportResponse } from "./people-import.ts";
import { RegistryAuditResponse, RegistryImportRequest, RegistryImportResponse, RegistryInvalidBody, RegistryStrandedBody } from "./registry-admin.ts";

export type HttpMethod = "GET" | "POST" | "PUT" | "DELETE";

export interface RouteSpec {
  method: HttpMethod;
  /** Route template after the `api` prefix, as registered with app.http. */
  route: string;
  authLevel: "anonymous" | "function";
  /** Roles allowed; empty = no token needed. */
  roles: readonly Role[];
  summary: string;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** Non-error answers by status; every route may also answer the error envelope. */
  responses: Readonly<Record<number, z.ZodType>>;
  /** Extra statuses with their own error shape. */
  errors?: Readonly<Record<number, z.ZodType>>;
  headers?: readonly { name: string; required: boolean; description: string }[];
  /** Media types of the 200 answer when it is not JSON (exports). */
  produces?: readonly string[];
}

/**
 * Every HTTP function of the API. The function files register exactly these (name, method,
 * route, auth level); the add-in's client and the OpenAPI document are built from the same list.
 */
export const ROUTES = {
  submit: {
    method: "POST", route: "submissions", authLevel: "anonymous", roles: ["clerk"],
    summary: "Submit a reporting unit's values for a period (merge or replace)",
    body: SubmissionRequest, responses: { 200: SubmissionAccepted },
    errors: { 409: ConflictBody, 422: InvalidBody, 423: ErrorBody, 413: ErrorBody },
    headers: [{ name: "Idempotency-Key", required: true, description: "Retries with the same key return the first answer and write nothing." }],
  },
  history: {
    method: "GET", route: "submissions/{province}/{period}/{unit}", authLevel: "anonymous", roles: ["clerk", "province"],
    summary: "A reporting unit's submission history, newest first", params: HistoryParams, query: HistoryQueryShape, responses: { 200: HistoryResponse },
  },
  detail: {
    method: "GET", route: "details/{province}/{period}/{unit}", authLevel: "anonymous", roles: ["clerk", "province"],
    summary: "Drill-down into one unit of a period (any level below the province): the units below it with their values, its total, and its reporting unit's versions with every value changed, old → new",
    params: HistoryParams, query: DetailQuery, responses: { 200: DetailResponse },
  },
  rollup: {
    method: "GET", route: "rollups/{province}/{period}", authLevel: "anonymous", roles: ["clerk", "province"],
    summary: "Province rollup: reporting units, totals, completeness, timeliness, approval, targets; ?approved=only counts approved units' data only", params: PeriodParams, query: RollupQuery, responses: { 200: RollupResponse },
  },
  rollupInUnits: {
    method: "GET", route: "rollups/{province}/{period}/in/{units}", authLevel: "anonymous", roles: ["clerk", "province"],
    summary: "A period's figures in the units of another period: new units' earlier figures are their predecessors' summed, splits flagged approximate",
    params: InUnitsParams, responses: { 200: ReconstructedRollup },
  },
  periods: {
    method: "GET", route: "periods/{province}", authLevel: "anonymous", roles: ["clerk", "province"],
    summary: "Periods with data or a lock in a province", params: ProvinceParams, responses: { 200: PeriodsResponse },
  },
  lockPeriod: {
    method: "POST", route: "periods/{province}/{period}/lock", authLevel: "anonymous", roles: ["province"],
    summary: "Close a period: later submissions answer 423", params: PeriodParams, responses: { 200: PeriodLockResponse },
  },
  unlockPeriod: {
    method: "POST", route: "periods/{province}/{period}/unlock", authLevel: "anonymous", roles: ["province"],
    summary: "Reopen a period", params: PeriodParams, responses: { 200: PeriodLockResponse },
  },
  export: {
    method: "POST", route: "exports/{province}/{period}", authLevel: "anonymous", roles: ["province", "job"],
    summary: "The period's values for DHIS2: ADX (IHE, urn:ihe:qrph:adx:2015) or DHIS2 data value CSV, through the posted mapping; raw data of the reporting units only, the province total only with includeAggregates",
    params: PeriodParams, body: ExportRequest, responses: { 200: z.string() }, errors: { 422: ExportRefusedBody },
    produces: ["application/adx+xml", "text/csv"],
  },
  scorecard: {
    method: "GET", route: "scorecards/{province}/{period}", authLevel: "anonymous", roles: ["province", "job"],
    summary: "Data-quality scorecard (WHO DQR): completeness, timeliness, internal consistency, outliers, consistency over time, units ranked",
    params: PeriodParams, responses: { 200: ScorecardResponse },
  },
  approvals: {
    method: "GET", route: "approvals/{province}/{period}", authLevel: "anonymous", roles: ["clerk", "province"],
    summary: "Approval state of each reporting unit and every step taken (a clerk sees their own unit)",
    params: PeriodParams, responses: { 200: ApprovalsResponse },
  },
  complete: {
    method: "POST", route: "approvals/{province}/{period}/complete", authLevel: "anonymous", roles: ["clerk"],
    summary: "The unit's clerk marks its current version complete (no errors; a comment for each required value left blank)",
    params: PeriodParams, body: CompleteRequest, responses: { 200: ApprovalResult },
    errors: { 409: ApprovalConflictBody, 422: CompleteRefusedBody, 423: ErrorBody },
  },
  approve: {
    method: "POST", route: "approvals/{province}/{period}/approve", authLevel: "anonymous", roles: ["province"],
    summary: "Approve units marked complete: their data for the period is locked until reopened",
    params: PeriodParams, body: ApprovalAction, responses: { 200: ApprovalResult }, errors: { 409: ApprovalConflictBody },
  },
  return: {
    method: "POST", route: "approvals/{province}/{period}/return", authLevel: "anonymous", roles: ["province"],
    summary: "Return units marked complete to their clerks, with a comment",
    params: PeriodParams, body: ReturnAction, responses: { 200: ApprovalResult }, errors: { 409: ApprovalConflictBody },
  },
  reopen: {
    method: "POST", route: "approvals/{province}/{period}/reopen", authLevel: "anonymous", roles: ["province"],
    summary: "Reopen approved units so that their clerks can change the data (counted as changes after approval)",
    params: PeriodParams, body: ReturnAction, responses: { 200: ApprovalResult }, errors: { 409: ApprovalConflictBody },
  },
  approvalLevels: {
    method: "GET", route: "approval-levels/{province}", authLevel: "anonymous", roles: ["province", "operator"],
    summary: "The province's approval levels, lowest first (its own chain, or the one-level default), and their changes, newest first",
    params: ProvinceParams, responses: { 200: ApprovalLevelsResponse },
  },
  saveApprovalLevels: {
    method: "PUT", route: "approval-levels/{province}", authLevel: "anonymous", roles: ["operator"],
    summary: "Replace the province's approval levels (an operator, as for the staff who hold them), audited; applies from the next step on",
    params: ProvinceParams, body: ApprovalLevelsPutRequest, responses: { 200: ApprovalLevelsResponse },
  },
  consolidate: {
    method: "POST", route: "consolidations", authLevel: "anonymous", roles: ["job"],
    summary: "Recompute and store rollup snapshots (one province or all); idempotent",
    body: ConsolidationRequest, responses: { 200: ConsolidationResponse },
  },
  mappings: {
    method: "GET", route: "mappings/{province}", authLevel: "anonymous", roles: ["clerk", "province"],
    summary: "The column mappings in use in a province, by form fingerprint", params: ProvinceParams, responses: { 200: SharedMappingsResponse },
  },
  mapping: {
    method: "GET", route: "mappings/{province}/{fingerprint}", authLevel: "anonymous", roles: ["clerk", "province"],
    summary: "The shared column mapping for one form (404 when none is known yet)", params: MappingParams, responses: { 200: SharedMapping },
  },
  saveMapping: {
    method: "POST", route: "mappings/{province}/{fingerprint}", authLevel: "anonymous", roles: ["clerk", "province"],
    summary: "Offer a clerk's confirmed mapping for a form (queued for the province's review when it differs from the accepted one), or set the province's own (always kept)",
    params: MappingParams, body: SharedMappingRequest, responses: { 200: SharedMappingSaved }, errors: { 400: ErrorBody, 409: ErrorBody, 413: ErrorBody },
  },
  mappingOffers: {
    method: "GET", route: "mapping-offers/{province}", authLevel: "anonymous", roles: ["province"],
    summary: "Clerks' mapping offers waiting for the province's review, and the ones reviewed (province staff only)",
    params: ProvinceParams, responses: { 200: MappingOffersResponse },
  },
  reviewMappingOffer: {
    method: "POST", route: "mapping-offers/{province}/{id}", authLevel: "anonymous", roles: ["province"],
    summary: "Accept (served to the province's clerks from then on) or reject a pending mapping offer; audited with who and when",
    params: MappingOfferParams, body: MappingReviewRequest, responses: { 200: MappingReviewed }, errors: { 400: ErrorBody, 404: ErrorBody, 409: ErrorBody },
  },
  registryPropose: {
    method: "POST", route: "orgunits/{province}/proposals", authLevel: "anonymous", roles: ["clerk", "province"],
    summary: "Propose party cells or villages the registry does not know, under one's own commune, for the province's staff to review",
    params: ProvinceParams, body: RegistryProposalRequest, responses: { 200: RegistryProposal }, errors: { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 413: ErrorBody },
  },
  registryProposals: {
    method: "GET", route: "orgunits/{province}/proposals", authLevel: "anonymous", roles: ["province"],
    summary: "Clerks' registry proposals, pending first (province staff only)",
    params: ProvinceParams, responses: { 200: RegistryProposalsResponse },
  },
  reviewRegistryProposal: {
    method: "POST", route: "orgunits/{province}/proposals/{id}", authLevel: "anonymous", roles: ["province"],
    summary: "Accept (the units join the registry, audited, in one transaction with the proposal's state) or reject a pending registry proposal",
    params: RegistryProposalParams, body: RegistryProposalReview, responses: { 200: RegistryProposalReviewed },
    errors: { 400: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: RegistryInvalidBody },
  },
  registryImport: {
    method: "POST", route: "orgunits/{province}/import", authLevel: "anonymous", roles: ["province"],
    summary: "Replace the province's registry (its own staff only): every row checked, all or nothing, audited; refused while it would strand stored values (409) unless keepStranded",
    params: ProvinceParams, body: RegistryImportRequest, responses: { 200: RegistryImportResponse },
    errors: { 422: RegistryInvalidBody, 409: RegistryStrandedBody.or(ErrorBody), 413: ErrorBody },
  },
  registryAudit: {
    method: "GET", route: "orgunits/{province}/audit", authLevel: "anonymous", roles: ["province"],
    summary: "Who changed the province's registry, when, and what (newest first)", params: ProvinceParams, responses: { 200: RegistryAuditResponse },
  },
  calendar: {
    method: "GET", route: "calendars/{province}", authLevel: "anonymous", roles: ["province"],
    summary: "The province's own reporting calendar (what differs from Decree 09's defaults) and its changes, newest first", params: ProvinceParams, responses: { 200: CalendarResponse },
  },
  saveCalendar: {
    method: "PUT", route: "calendars/{province}", authLevel: "anonymous", roles: ["province"],
    summary: "Replace the province's own reporting calendar (its own staff only), audited", params: ProvinceParams, body: CalendarPutRequest,
    responses: { 200: CalendarResponse }, errors: { 413: ErrorBody },
  },
  assignments: {
    method: "GET", route: "assignments/{province}", authLevel: "anonymous", roles: ["province", "operator"],
    summary: "Who is assigned to the province and its units (names and e-mail addresses as recorded; its own staff only), for the clerks of units still to report",
    params: ProvinceParams, responses: { 200: AssignmentsResponse },
  },
  assignmentsAudit: {
    method: "GET", route: "assignments/{province}/audit", authLevel: "anonymous", roles: ["province", "operator"],
    summary: "Who changed the province's people, when, and what (newest first)", params: ProvinceParams, responses: { 200: AssignmentAuditResponse },
  },
  putAssignment: {
    method: "PUT", route: "assignments/{province}/{user}", authLevel: "anonymous", roles: ["province", "operator"],
    summary: "Make the user (the sign-in identity) the province's staff (operators only) or the clerk of one of its units (its staff or an operator), audited",
    params: AssignmentParams, body: AssignmentPut, responses: { 200: AssignmentChange }, errors: { 409: ErrorBody, 413: ErrorBody },
  },
  importAssignments: {
    method: "POST", route: "assignments/{province}/import", authLevel: "anonymous", roles: ["province", "operator"],
    summary: "Assign a list of people at once (a sheet of people), all or nothing: every row checked as a PUT is, 422 naming each bad row with nothing written; each change audited",
    params: ProvinceParams, body: PeopleImportRequest, responses: { 200: PeopleImportResponse }, errors: { 409: ErrorBody, 413: ErrorBody, 422: PeopleImportRefused },
  },
  revokeAssignment: {
    method: "DELETE", route: "assignments/{province}/{user}", authLevel: "anonymous", roles: ["province", "operator"],
    summary: "Revoke the user's assignment in the province (province staff: operators only), audited; the user is refused from the next request",
    params: AssignmentParams, responses: { 200: AssignmentChange }, errors: { 404: ErrorBody, 409: ErrorBody },
  },
  me: {
    method: "GET", route: "me", authLevel: "anonymous", roles: ["clerk", "province", "job"],
    summary: "The signed-in person: display name and assignments (unit, name, level, role, province)", responses: { 200: MeResponse },
  },
  catalog: {
    method: "GET", route: "catalog", authLevel: "anonymous", roles: [],
    summary: "The indicator catalog, or with ?period= as that period's structure has it (labels, indicators valid then)", query: CatalogQuery, responses: { 200: CatalogResponse },
  },
  orgunits: {
    method: "GET", route: "orgunits/{province}", authLevel: "anonymous", roles: ["clerk", "province", "job"],
    summary: "A province's org-unit registry, with an ETag (If-None-Match: 304 when unchanged)", params: ProvinceParams, responses: { 200: OrgUnitsResponse, 304: z.null() },
  },
  health: {
    method: "GET", route: "health", authLevel: "anonymous", roles: [],
    summary: "Storage reachable (200) or not (503 with Retry-After)", responses: { 200: HealthResponse }, errors: { 503: ErrorBody },
  },
  openapi: {
    method: "GET", route: "openapi.json", authLevel: "anonymous", roles: [],
    summary: "This document", responses: { 200: ErrorBody.partial() },
  },
} as const satisfies Record<string, RouteSpec>;

export type RouteName = keyof typeof ROUTES;

/** The nightly consolidation timer: 02:00 UTC (09:00 in Vietnam), overridable by app setting. */
export const CONSOLIDATION_TIMER = { name: "consolidateNightly", schedule: "%CONSOLIDATION_SCHEDULE%", defaultSchedule: "0 0 2 * * *" } as const;
