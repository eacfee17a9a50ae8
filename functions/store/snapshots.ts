import { odata, type TableClient, type TableEntity, type TransactionAction } from "@azure/data-tables";
import { createHash } from "node:crypto";
import { packText } from "./chunks.ts";
import { pk, prefixEnd, rk } from "./keys.ts";
import { all } from "./query.ts";

export interface Snapshot {
  province: string;
  unit: string;
  /** "province", the reporting unit's level (district or commune), or "scorecard". */
  level: string;
  body: unknown;
}

/**
 * Stores rollup snapshots in the period's snapshot partition (`SNAP|<period>`, row
 * `<province>|<unit>`): one partition per period, so that a country's snapshots are read in one
 * query and written in full entity-group transactions of 100 (a province partition holds only its
 * ~13 rows, which kept batches small). Rows whose content hash is unchanged are skipped, so a
 * rerun writes nothing. `batched: false` writes entity by entity (the benchmark's comparison).
 * A caller writing province by province passes the hashes it read once (`existing`, see
 * snapshotHashes). Returns the rows written per province.
 */
export async function writeSnapshots(t: TableClient, period: string, snaps: readonly Snapshot[], opts: { batched?: boolean; force?: boolean; computedAt: string; existing?: ReadonlyMap<string, string> }): Promise<Map<string, number>> {
  const existing = opts.force || !snaps.length ? new Map<string, string>() : opts.existing ?? (await snapshotHashes(t, period, [...new Set(snaps.map((s) => s.province))]));
  const written = new Map<string, number>();
  // Hashed first, packed only when written: a rerun packs nothing.
  const entities = snapshotEntities(period, snaps, opts.computedAt, (rowKey, hash) => existing.get(rowKey) !== hash);
  for (const e of entities) written.set(e.province, (written.get(e.province) ?? 0) + 1);
  await writeEntities(t, entities, opts.batched !== false);
  return written;
}

/** The content hash of every stored snapshot row of the period, by row key (of one province when only one is named). */
export async function snapshotHashes(t: TableClient, period: string, provinces: readonly string[]): Promise<Map<string, string>> {
  const partitionKey = pk.snapshots(period);
  const existing = new Map<string, string>();
  // One province: its key range; several: the whole partition (one query either way).
  const lo = provinces.length === 1 ? rk.snapshotPrefix(provinces[0]!) : "";
  const filter = lo
    ? odata`PartitionKey eq ${partitionKey} and RowKey ge ${lo} and RowKey lt ${prefixEnd(lo)}`
    : odata`PartitionKey eq ${partitionKey}`;
  for (const r of await all<{ hash: string }>(t, filter, ["RowKey", "hash"])) existing.set(r.rowKey!, r.hash);
  return existing;
}

/** The rows of a set of snapshots, each with the hash of its content; `keep` picks which rows to build. */
export function snapshotEntities(period: string, snaps: readonly Snapshot[], computedAt: string, keep: (rowKey: string, hash: string) => boolean = () => true): TableEntity<{ province: string; hash: string }>[] {
  const partitionKey = pk.snapshots(period);
  const out: TableEntity<{ province: string; hash: string }>[] = [];
  for (const s of snaps) {
    // Serialised once: the hash and the stored payload are of the same text.
    const text = JSON.stringify(s.body);
    const rowKey = rk.snapshot(s.province, s.unit);
    const hash = createHash("sha256").update(text).digest("base64url");
    if (!keep(rowKey, hash)) continue;
    const entity = { partitionKey, rowKey, province: s.province, unit: s.unit, level: s.level, hash, computedAt, ...packText("v", text) };
    out.push(entity);
  }
  return out;
}

/** Upserts (Replace) one partition's entities: 100 to a transaction, or one call each. */
export async function writeEntities(t: TableClient, entities: readonly TableEntity[], batched: boolean): Promise<void> {
  if (!batched) {
    for (const e of entities) await t.upsertEntity(e, "Replace");
    return;
  }
  for (let i = 0; i < entities.length; i += 100) {
    await t.submitTransaction(entities.slice(i, i + 100).map((e): TransactionAction => ["upsert", e, "Replace"]));
  }
}
