import { odata, type TableClient, type TransactionAction } from "@azure/data-tables";
import { pack } from "./chunks.ts";
import { pk, prefixEnd, reverseTicks } from "./keys.ts";
import { all } from "./query.ts";

/** What every change record carries, whatever else its kind records. */
export interface AuditEntry { id: string; user: string; at: string }

/**
 * Replaces one row of a province's reference partition (guarded by the ETag it was read with, so
 * two changes cannot interleave; created when there was none) and writes the change's record
 * beside it, newest first under `auditPrefix`, in the same transaction: never a change without
 * its record, nor a record without its change.
 */
export async function replaceAudited(t: TableClient, province: string, row: { rowKey: string; props: Record<string, unknown> }, etag: string | null, auditPrefix: string, entry: AuditEntry, also: readonly TransactionAction[] = []): Promise<void> {
  const entity = { partitionKey: pk.ref(province), rowKey: row.rowKey, ...row.props };
  const actions: TransactionAction[] = [
    etag ? ["update", entity, "Replace", { etag }] : ["create", entity],
    ["create", { partitionKey: pk.ref(province), rowKey: `${auditPrefix}${reverseTicks(new Date(entry.at))}|${entry.id}`, user: entry.user, at: entry.at, ...pack("a", entry) }],
    // What else must change with it (a proposal's state), in the same partition and transaction.
    ...also,
  ];
  await t.submitTransaction(actions);
}

/** The change records under `auditPrefix`, newest first, at most `limit`. */
export async function readAuditRows(t: TableClient, province: string, auditPrefix: string, limit: number): Promise<Record<string, unknown>[]> {
  const rows = await all<Record<string, unknown>>(t, odata`PartitionKey eq ${pk.ref(province)} and RowKey ge ${auditPrefix} and RowKey lt ${prefixEnd(auditPrefix)}`);
  return rows.slice(0, limit);
}
