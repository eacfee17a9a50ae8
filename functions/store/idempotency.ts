import { odata, type TableClient, type TableEntity, type TransactionAction } from "@azure/data-tables";
import { packText, unpackText } from "./chunks.ts";
import { pk, prefixEnd, rk } from "./keys.ts";
import { all, one } from "./query.ts";

/** The first answer to a submission, kept under its idempotency key in the same transaction. */
export interface StoredAnswer {
  requestHash: string;
  status: number;
  /** The answer's JSON exactly as it was sent. */
  text: string;
}

export function answerEntity(province: string, period: string, key: { unit: string; user: string; key: string }, a: StoredAnswer, createdAt: Date = new Date()): TableEntity {
  return {
    partitionKey: pk.period(province, period), rowKey: rk.idempotency(key.unit, key.user, key.key),
    requestHash: a.requestHash, status: a.status, createdAt: createdAt.toISOString(),
    ...packText("r", a.text),
  };
}

export async function readAnswer(t: TableClient, province: string, period: string, key: { unit: string; user: string; key: string }): Promise<StoredAnswer | null> {
  const row = await one<{ requestHash: string; status: number }>(t, pk.period(province, period), rk.idempotency(key.unit, key.user, key.key));
  if (!row) return null;
  return { requestHash: row.requestHash, status: row.status, text: unpackText("r", row) ?? "null" };
}

const ANSWERS = "I|";

/**
 * Deletes the answers of one period's partition recorded before `before`. A key is honoured for
 * at least the retention period (settings: IDEMPOTENCY_RETENTION_DAYS); after its record is gone
 * the same key is a new submission. `createdAt` is an ISO-8601 UTC string, so string order is
 * time order. Deletes go 100 to a transaction (one partition); a row already gone is fine.
 */
export async function expireAnswers(t: TableClient, province: string, period: string, before: Date): Promise<number> {
  const partitionKey = pk.period(province, period);
  const rows = await all<object>(t, odata`PartitionKey eq ${partitionKey} and RowKey ge ${ANSWERS} and RowKey lt ${prefixEnd(ANSWERS)} and createdAt lt ${before.toISOString()}`, ["RowKey"]);
  for (let i = 0; i < rows.length; i += 100) {
    const batch = rows.slice(i, i + 100).map((r): TransactionAction => ["delete", { partitionKey, rowKey: r.rowKey! }]);
    try {
      await t.submitTransaction(batch);
    } catch (e) {
      // Another consolidation removed some of them first: delete the rest one by one.
      if ((e as { statusCode?: number }).statusCode !== 404) throw e;
      for (const [, entity] of batch) {
        await t.deleteEntity(entity.partitionKey, entity.rowKey).catch((x: unknown) => { if ((x as { statusCode?: number }).statusCode !== 404) throw x; });
      }
    }
  }
  return rows.length;
}
