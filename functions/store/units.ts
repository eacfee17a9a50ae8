import { odata, type TableClient, type TableEntity, type TransactionAction } from "@azure/data-tables";
import type { ValuesByUnit, Stamps } from "../../shared/contract/index.ts";
import { pack, unpack } from "./chunks.ts";
import { pk, prefixEnd, rk, STORED_UNIT_PROPERTY, UNIT_ROW_PREFIX } from "./keys.ts";
import { all, one } from "./query.ts";

/** A reporting unit's current data set for one period: the entity every submission's ETag guards. */
export interface StoredUnit {
  unit: string;
  version: number;
  firstSubmittedAt: string;
  lastSubmittedAt: string;
  lastSubmissionId: string;
  lastUser: string;
  values: ValuesByUnit;
  stamps: Stamps;
  etag: string;
}

/**
 * A unit's row as a submission sees it. The row may be a placeholder: locking a period writes
 * the lock flag into every unit row of the province, creating rows (without a version) for
 * units that have not submitted yet, so that the lock changes the ETag every in-flight
 * submission is guarded by (see setLock). A placeholder is "no data" everywhere else.
 */
export interface UnitRowState {
  unit: string;
  /** 0 for a placeholder or a missing row. */
  version: number;
  firstSubmittedAt: string;
  lastSubmittedAt: string;
  lastSubmissionId: string;
  locked: boolean;
  /** Approved by the province (store/approvals.ts): submissions are refused until it reopens. */
  approved: boolean;
  /** Kept across submissions, so changes after the first approval can be counted. */
  firstApprovedVersion: number | null;
  /** null when there is no row at all (the submission creates it). */
  etag: string | null;
}

interface Row {
  [STORED_UNIT_PROPERTY]?: string;
  version?: number;
  firstSubmittedAt?: string;
  lastSubmittedAt?: string;
  lastSubmissionId?: string;
  lastUser?: string;
  locked?: boolean;
  approval?: string;
  firstApprovedVersion?: number;
  [k: string]: unknown;
}

type DataRow = Row & { [STORED_UNIT_PROPERTY]: string; version: number; etag: string };

const hasData = (r: Row): r is Row & { [STORED_UNIT_PROPERTY]: string; version: number } => typeof r.version === "number" && r.version > 0 && typeof r[STORED_UNIT_PROPERTY] === "string";

function fromRow(row: DataRow): StoredUnit {
  const data = unpack<{ values: ValuesByUnit; stamps: Stamps }>("d", row) ?? { values: {}, stamps: {} };
  return {
    unit: row[STORED_UNIT_PROPERTY], version: row.version, firstSubmittedAt: row.firstSubmittedAt ?? "", lastSubmittedAt: row.lastSubmittedAt ?? "",
    lastSubmissionId: row.lastSubmissionId ?? "", lastUser: row.lastUser ?? "", values: data.values, stamps: data.stamps, etag: row.etag,
  };
}

function stateOf(unit: string, row: (Row & { etag?: string }) | null): UnitRowState {
  const data = row !== null && hasData(row);
  return {
    unit, version: data ? row.version! : 0,
    firstSubmittedAt: data ? row.firstSubmittedAt ?? "" : "", lastSubmittedAt: data ? row.lastSubmittedAt ?? "" : "",
    lastSubmissionId: data ? row.lastSubmissionId ?? "" : "", locked: row?.locked === true,
    approved: row?.approval === "approved", firstApprovedVersion: typeof row?.firstApprovedVersion === "number" ? row.firstApprovedVersion : null, etag: row?.etag ?? null,
  };
}

/** The current data set, or null when the unit has none (no row, or a lock placeholder). */
export async function readUnit(t: TableClient, province: string, period: string, unit: string): Promise<StoredUnit | null> {
  const row = await readUnitRow(t, province, period, unit);
  return row.stored;
}

/** The row with its lock flag and ETag, and its data set when it has one. */
export async function readUnitRow(t: TableClient, province: string, period: string, unit: string): Promise<{ state: UnitRowState; stored: StoredUnit | null }> {
  const row = await one<Row>(t, pk.period(province, period), rk.unit(unit));
  return { state: stateOf(unit, row), stored: row && hasData(row) ? fromRow(row as DataRow) : null };
}

export async function listUnits(t: TableClient, province: string, period: string): Promise<StoredUnit[]> {
  const rows = await all<Row>(t, odata`PartitionKey eq ${pk.period(province, period)} and RowKey ge ${UNIT_ROW_PREFIX} and RowKey lt ${prefixEnd(UNIT_ROW_PREFIX)}`);
  return rows.filter((r) => hasData(r)).map((r) => fromRow(r as DataRow));
}

export function unitEntity(province: string, period: string, d: Omit<StoredUnit, "etag"> & { firstApprovedVersion?: number | null }): TableEntity {
  return {
    ...(typeof d.firstApprovedVersion === "number" ? { firstApprovedVersion: d.firstApprovedVersion } : {}),
    partitionKey: pk.period(province, period), rowKey: rk.unit(d.unit),
    [STORED_UNIT_PROPERTY]: d.unit, version: d.version, firstSubmittedAt: d.firstSubmittedAt, lastSubmittedAt: d.lastSubmittedAt,
    lastSubmissionId: d.lastSubmissionId, lastUser: d.lastUser,
    ...pack("d", { values: d.values, stamps: d.stamps }),
  };
}

/**
 * Every unit row of the period without its payload: versions and dates (to find which
 * units' cached rollup nodes are current), the lock flag and the ETag. Placeholders included,
 * with version 0; callers that want data filter on version.
 */
export async function listUnitStates(t: TableClient, province: string, period: string): Promise<UnitRowState[]> {
  const rows = await all<Row>(t, odata`PartitionKey eq ${pk.period(province, period)} and RowKey ge ${UNIT_ROW_PREFIX} and RowKey lt ${prefixEnd(UNIT_ROW_PREFIX)}`, ["RowKey", STORED_UNIT_PROPERTY, "version", "firstSubmittedAt", "lastSubmittedAt", "lastSubmissionId", "locked", "approval", "firstApprovedVersion"]);
  return rows.map((r) => stateOf(r[STORED_UNIT_PROPERTY] ?? r.rowKey!.slice(UNIT_ROW_PREFIX.length), r));
}

/** Versions and dates of the units that have data. */
export async function listUnitSummaries(t: TableClient, province: string, period: string): Promise<Pick<StoredUnit, "unit" | "version" | "firstSubmittedAt" | "lastSubmittedAt" | "lastSubmissionId">[]> {
  return (await listUnitStates(t, province, period)).filter((d) => d.version > 0)
    .map((d) => ({ unit: d.unit, version: d.version, firstSubmittedAt: d.firstSubmittedAt, lastSubmittedAt: d.lastSubmittedAt, lastSubmissionId: d.lastSubmissionId }));
}

/**
 * The lock flag merged into the row of every given unit (creating placeholders), as
 * transaction actions. Merge, not Replace: a unit's data stays as it is.
 */
export function lockActions(province: string, period: string, units: readonly string[], lock: { locked: boolean; at: string; user: string }): TransactionAction[] {
  return units.map((u): TransactionAction => ["upsert", { partitionKey: pk.period(province, period), rowKey: rk.unit(u), locked: lock.locked, lockChangedAt: lock.at, lockChangedBy: lock.user }, "Merge"]);
}
