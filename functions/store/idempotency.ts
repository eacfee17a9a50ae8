import type { TableClient, TableEntity } from "@azure/data-tables";
import { pack, unpack } from "./chunks.ts";
import { pk, rk } from "./keys.ts";
import { one } from "./query.ts";

/** The first answer to a submission, kept under its idempotency key in the same transaction. */
export interface StoredAnswer {
  requestHash: string;
  status: number;
  body: unknown;
}

export function answerEntity(province: string, period: string, key: { district: string; user: string; key: string }, a: StoredAnswer): TableEntity {
  return {
    partitionKey: pk.period(province, period), rowKey: rk.idempotency(key.district, key.user, key.key),
    requestHash: a.requestHash, status: a.status, createdAt: new Date().toISOString(),
    ...pack("r", a.body),
  };
}

export async function readAnswer(t: TableClient, province: string, period: string, key: { district: string; user: string; key: string }): Promise<StoredAnswer | null> {
  const row = await one<{ requestHash: string; status: number }>(t, pk.period(province, period), rk.idempotency(key.district, key.user, key.key));
  if (!row) return null;
  return { requestHash: row.requestHash, status: row.status, body: unpack("r", row) };
}
