import { odata, type TableClient, type TransactionAction } from "@azure/data-tables";
import { AssignmentAuditEntry } from "../../shared/contract/index.ts";
import { pack, unpack } from "./chunks.ts";
import { keyPart, pk, prefixEnd, reverseTicks } from "./keys.ts";
import { all, one } from "./query.ts";

/** The role a revoked user's row keeps: no role the contract knows, so sign-in finds no assignment. */
export const REVOKED = "revoked";

/** An assignment row as a change reads it (fresh, with its ETag). */
export interface StoredAssignment { etag: string; role: string; unit: string; name: string | null; email: string | null; levels?: number[] }
/** `levels`: the approval levels a province staff member may act at (absent: none of the "assigned" ones). */
export interface AssignmentFields { role: string; unit: string; name: string | null; email: string | null; levels?: number[] }

/**
 * A change's record sits in the assignment partition itself (rows "AUDIT|<province>|<reverse
 * ticks>|<id>"), so the change and its record are one transaction: never one without the other.
 * User ids cannot hold '|' (USER_ID), so no user's row is ever mistaken for a record.
 */
const AUDIT = "AUDIT|";
const auditPrefix = (province: string) => `${AUDIT}${keyPart(province)}|`;

/** The rows that are people, not change records, in the assignment partition. */
export const PEOPLE_FILTER = odata`PartitionKey eq ${pk.assign} and (RowKey lt ${AUDIT} or RowKey ge ${prefixEnd(AUDIT)})`;

const str = (v: unknown): string | null => (typeof v === "string" && v ? v : null);

export async function readAssignmentFresh(t: TableClient, user: string): Promise<StoredAssignment | null> {
  const row = await one<Record<string, unknown>>(t, pk.assign, keyPart(user));
  if (!row) return null;
  const levels = str(row.approvalLevels)?.split(",").map(Number).filter((n) => Number.isInteger(n));
  return { etag: String(row.etag), role: String(row.role ?? ""), unit: String(row.unit ?? ""), name: str(row.name), email: str(row.email), ...(levels?.length ? { levels } : {}) };
}

/**
 * Writes `next` over the user's row (null: marks it revoked), guarded by the ETag it was read with (a
 * row created meanwhile, or changed, fails with 409/412), and the change's record with it.
 */
export async function changeAssignment(t: TableClient, province: string, user: string, next: AssignmentFields | null, etag: string | null, entry: AssignmentAuditEntry): Promise<void> {
  const key = { partitionKey: pk.assign, rowKey: keyPart(user) };
  // A revocation leaves a marked row, not none: a transaction's delete cannot be guarded by an ETag, a replace can.
  const entity = next
    ? { ...key, role: next.role, unit: next.unit, name: next.name ?? "", province, ...(next.email ? { email: next.email } : {}), ...(next.levels?.length ? { approvalLevels: next.levels.join(",") } : {}) }
    : { ...key, role: REVOKED, unit: "", name: "", province };
  const actions: TransactionAction[] = [etag ? ["update", entity, "Replace", { etag }] : ["create", entity]];
  actions.push(["create", { partitionKey: pk.assign, rowKey: auditRowKey(province, entry), ...pack("a", entry) }]);
  await t.submitTransaction(actions);
}

/** Where a change's record is kept: newest first within the province's records. */
export function auditRowKey(province: string, entry: AssignmentAuditEntry): string {
  return `${auditPrefix(province)}${reverseTicks(new Date(entry.at))}|${entry.id}`;
}

/** The province's change records, newest first, at most `limit`; a record that does not parse is left out. */
export async function readAssignmentAudit(t: TableClient, province: string, limit = 200): Promise<AssignmentAuditEntry[]> {
  const p = auditPrefix(province);
  const rows = await all<Record<string, unknown>>(t, odata`PartitionKey eq ${pk.assign} and RowKey ge ${p} and RowKey lt ${prefixEnd(p)}`);
  const out: AssignmentAuditEntry[] = [];
  for (const r of rows.slice(0, limit)) {
    const e = AssignmentAuditEntry.safeParse(unpack("a", r));
    if (e.success) out.push(e.data);
  }
  return out;
}
