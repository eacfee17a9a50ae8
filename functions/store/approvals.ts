import { odata, type TableClient, type TableEntity } from "@azure/data-tables";
import type { ApprovalState, ApprovalStep } from "../../shared/contract/index.ts";
import type { LevelMark } from "../../shared/approval/flow.ts";
import { pk, prefixEnd, rk, STORED_UNIT_PROPERTY, UNIT_ROW_PREFIX } from "./keys.ts";
import { all } from "./query.ts";

/**
 * A unit's approval lives on its data row (`D|<unit>`), so that the ETag every submission is
 * guarded by also guards against an approval landing mid-flight, as the period lock does. A
 * submission replaces the row and with it a "complete" or "returned" mark (changed data must be
 * marked complete again); an approved row refuses submissions. The steps are rows of their own.
 */
export interface ApprovalRow {
  unit: string;
  dataVersion: number;
  state: ApprovalState;
  version: number;
  by: string | null;
  at: string | null;
  comment: string | null;
  comments: Record<string, string>;
  firstApprovedVersion: number | null;
  /** What each approval level did in the current round (shared/approval/flow.ts). */
  marks: LevelMark[];
  etag: string;
}

interface Row {
  rowKey?: string;
  [STORED_UNIT_PROPERTY]?: string;
  version?: number;
  approval?: string;
  approvalVersion?: number;
  approvalBy?: string;
  approvalAt?: string;
  approvalComment?: string;
  approvalNotes?: string;
  firstApprovedVersion?: number;
  approvalLevels?: string;
  etag?: string;
}

const STATES = new Set<ApprovalState>(["complete", "approved", "returned", "reopened"]);

/** The stored marks, each checked: a mark that does not read as one is dropped, not trusted. */
function marksOf(raw: string | undefined): LevelMark[] {
  if (!raw) return [];
  let list: unknown;
  try { list = JSON.parse(raw); } catch { return []; }
  if (!Array.isArray(list)) return [];
  return list.filter((m): m is LevelMark => typeof m === "object" && m !== null && Number.isInteger(m.level) && (m.state === "approved" || m.state === "returned") && typeof m.by === "string" && typeof m.at === "string")
    .map((m) => ({ level: m.level, state: m.state, by: m.by, at: m.at, comment: typeof m.comment === "string" && m.comment ? m.comment : null }));
}

export function approvalOf(r: Row): Omit<ApprovalRow, "unit" | "etag" | "dataVersion"> {
  const state = STATES.has(r.approval as ApprovalState) ? (r.approval as ApprovalState) : "none";
  let comments: Record<string, string> = {};
  try { comments = r.approvalNotes ? JSON.parse(r.approvalNotes) : {}; } catch { comments = {}; }
  return {
    state, version: r.approvalVersion ?? 0, by: r.approvalBy || null, at: r.approvalAt || null, comment: r.approvalComment ?? null,
    comments, firstApprovedVersion: typeof r.firstApprovedVersion === "number" ? r.firstApprovedVersion : null, marks: marksOf(r.approvalLevels),
  };
}

export async function listApprovals(t: TableClient, province: string, period: string): Promise<ApprovalRow[]> {
  const rows = await all<Row>(t, odata`PartitionKey eq ${pk.period(province, period)} and RowKey ge ${UNIT_ROW_PREFIX} and RowKey lt ${prefixEnd(UNIT_ROW_PREFIX)}`,
    ["RowKey", STORED_UNIT_PROPERTY, "version", "approval", "approvalVersion", "approvalBy", "approvalAt", "approvalComment", "approvalNotes", "firstApprovedVersion", "approvalLevels"]);
  return rows.map((r) => ({ unit: r[STORED_UNIT_PROPERTY] ?? r.rowKey!.slice(UNIT_ROW_PREFIX.length), dataVersion: typeof r.version === "number" ? r.version : 0, etag: r.etag!, ...approvalOf(r) }));
}

/** The approval fields merged into the unit's row (Merge: the data stays as it is). */
export function approvalEntity(province: string, period: string, unit: string, a: { state: ApprovalState; version: number; by: string | null; at: string | null; comment: string | null; comments?: Record<string, string>; firstApprovedVersion: number | null; marks?: readonly LevelMark[] }): TableEntity {
  return {
    partitionKey: pk.period(province, period), rowKey: rk.unit(unit),
    approval: a.state, approvalVersion: a.version, approvalBy: a.by ?? "", approvalAt: a.at ?? "", approvalComment: a.comment ?? "",
    approvalNotes: JSON.stringify(a.comments ?? {}), ...(a.firstApprovedVersion !== null ? { firstApprovedVersion: a.firstApprovedVersion } : {}),
    approvalLevels: JSON.stringify(a.marks ?? []),
  };
}

export function stepEntity(province: string, period: string, step: ApprovalStep, seq: number): TableEntity {
  return { partitionKey: pk.period(province, period), rowKey: rk.approvalStep(step.unit, new Date(step.at), seq), ...step, comment: step.comment ?? "" };
}

export async function listSteps(t: TableClient, province: string, period: string, unit?: string): Promise<ApprovalStep[]> {
  const prefix = unit ? `${rk.approvalSteps}${unit}|` : rk.approvalSteps;
  const rows = await all<ApprovalStep & { rowKey?: string }>(t, odata`PartitionKey eq ${pk.period(province, period)} and RowKey ge ${prefix} and RowKey lt ${prefixEnd(prefix)}`);
  return rows
    .map((r) => ({ unit: r.unit, step: r.step, version: r.version, by: r.by, at: r.at, comment: r.comment || null, ...(typeof r.level === "number" ? { level: r.level } : {}) }))
    .sort((a, b) => b.at.localeCompare(a.at));
}
