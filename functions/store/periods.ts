import { odata, type TableClient, type TableEntity, type TransactionAction } from "@azure/data-tables";
import { lockActions } from "./districts.ts";
import { pk, rk } from "./keys.ts";
import { all, one } from "./query.ts";

/** The period's META row: its lock, and the mark that it has data (kept by every submission). */
export interface PeriodMeta {
  province: string;
  period: string;
  locked: boolean;
  lockedBy: string | null;
  lockedAt: string | null;
}

interface Row { province?: string; period?: string; locked?: boolean; lockedBy?: string; lockedAt?: string }

function fromRow(province: string, period: string, r: Row | null): PeriodMeta {
  return { province, period, locked: r?.locked === true, lockedBy: r?.lockedBy || null, lockedAt: r?.lockedAt || null };
}

export async function readMeta(t: TableClient, province: string, period: string): Promise<PeriodMeta> {
  return fromRow(province, period, await one<Row>(t, pk.period(province, period), rk.meta));
}

/**
 * Merged without an ETag so that submissions of different districts never contend on it; only a
 * district's first submission carries it (nothing ever clears the mark).
 */
export function touchMeta(province: string, period: string): TableEntity {
  return { partitionKey: pk.period(province, period), rowKey: rk.meta, province, period, hasData: true };
}

/**
 * Locks or unlocks a period. The flag lives on META (what listings show) and on every district
 * row of the province (placeholders for districts without data): a submission commits only with
 * the ETag of its district row, so once this returns, no submission that read the period as open
 * can commit; it fails its ETag (or its create) and, re-reading, answers 423. A province has far
 * fewer than 100 districts, so this is one entity-group transaction; larger registries are written
 * district rows first, META last.
 */
export async function setLock(t: TableClient, province: string, period: string, locked: boolean, user: string, districts: readonly string[]): Promise<PeriodMeta> {
  const at = new Date().toISOString();
  const meta: TransactionAction = ["upsert", { partitionKey: pk.period(province, period), rowKey: rk.meta, province, period, locked, lockedBy: locked ? user : "", lockedAt: locked ? at : "" }, "Merge"];
  const actions = [...lockActions(province, period, districts, { locked, at, user }), meta];
  for (let i = 0; i < actions.length; i += 100) await t.submitTransaction(actions.slice(i, i + 100));
  return { province, period, locked, lockedBy: locked ? user : null, lockedAt: locked ? at : null };
}

/** Periods of one province, or of every province when `province` is null. */
export async function listMeta(t: TableClient, province: string | null): Promise<PeriodMeta[]> {
  const lo = province ? `P|${province}|` : "P|";
  const hi = province ? `P|${province}}` : "P}";
  const rows = await all<Row>(t, odata`PartitionKey ge ${lo} and PartitionKey lt ${hi} and RowKey eq ${rk.meta}`);
  return rows.map((r) => {
    const [, prov, period] = r.partitionKey!.split("|");
    return fromRow(prov!, period!, r);
  });
}
