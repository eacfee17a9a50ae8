import { odata, type TableClient, type TableEntity } from "@azure/data-tables";
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

/** Merged without an ETag so that submissions of different districts never contend on it. */
export function touchMeta(province: string, period: string): TableEntity {
  return { partitionKey: pk.period(province, period), rowKey: rk.meta, province, period, hasData: true };
}

export async function setLock(t: TableClient, province: string, period: string, locked: boolean, user: string): Promise<PeriodMeta> {
  const at = new Date().toISOString();
  await t.upsertEntity({ partitionKey: pk.period(province, period), rowKey: rk.meta, province, period, locked, lockedBy: locked ? user : "", lockedAt: locked ? at : "" }, "Merge");
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
