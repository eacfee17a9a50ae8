import { odata, type TableClient, type TableEntity, type TransactionAction } from "@azure/data-tables";
import { createHash } from "node:crypto";
import { pack } from "./chunks.ts";
import { pk, prefixEnd, rk } from "./keys.ts";
import { all } from "./query.ts";

export interface Snapshot {
  unit: string;
  level: "province" | "district";
  body: unknown;
}

/**
 * Stores rollup snapshots in the period's partition. Rows whose content hash is unchanged are
 * skipped, so a rerun writes nothing; changed rows go in entity-group transactions of 100.
 */
export async function writeSnapshots(t: TableClient, province: string, period: string, snaps: Snapshot[], opts: { batched?: boolean; force?: boolean; computedAt: string }): Promise<number> {
  const partitionKey = pk.period(province, period);
  const lo = "S|";
  const existing = new Map<string, string>();
  if (!opts.force) {
    for (const r of await all<{ hash: string }>(t, odata`PartitionKey eq ${partitionKey} and RowKey ge ${lo} and RowKey lt ${prefixEnd(lo)}`, ["RowKey", "hash"])) existing.set(r.rowKey!, r.hash);
  }
  const entities: TableEntity[] = [];
  for (const s of snaps) {
    const hash = createHash("sha256").update(JSON.stringify(s.body)).digest("base64url");
    const rowKey = rk.snapshot(s.unit);
    if (existing.get(rowKey) === hash) continue;
    entities.push({ partitionKey, rowKey, unit: s.unit, level: s.level, hash, computedAt: opts.computedAt, ...pack("v", s.body) });
  }
  if (opts.batched === false) {
    for (const e of entities) await t.upsertEntity(e, "Replace");
  } else {
    for (let i = 0; i < entities.length; i += 100) {
      await t.submitTransaction(entities.slice(i, i + 100).map((e): TransactionAction => ["upsert", e, "Replace"]));
    }
  }
  return entities.length;
}
