import { odata, type TableClient, type TableEntity, type TransactionAction } from "@azure/data-tables";
import { lockActions } from "./units.ts";
import { pk, rk } from "./keys.ts";
import { all, one } from "./query.ts";

/** The period's META row: its lock, and the mark that it has data (kept by every submission). */
export interface PeriodMeta {
  province: string;
  period: string;
  locked: boolean;
  lockedBy: string | null;
  lockedAt: string | null;
  /**
   * A lock or unlock begun but not finished (a province with more than 99 reporting units is
   * written in several transactions): the state it is going to; null when none is under way.
   * Calling lock (or unlock) again completes it.
   */
  pending: "lock" | "unlock" | null;
}

interface Row { province?: string; period?: string; locked?: boolean; lockedBy?: string; lockedAt?: string; lockPending?: string }

function fromRow(province: string, period: string, r: Row | null): PeriodMeta {
  const pending = r?.lockPending === "lock" || r?.lockPending === "unlock" ? r.lockPending : null;
  return { province, period, locked: r?.locked === true, lockedBy: r?.lockedBy || null, lockedAt: r?.lockedAt || null, pending };
}

export async function readMeta(t: TableClient, province: string, period: string): Promise<PeriodMeta> {
  return fromRow(province, period, await one<Row>(t, pk.period(province, period), rk.meta));
}

/**
 * Merged without an ETag so that submissions of different units never contend on it; only a
 * unit's first submission carries it (nothing ever clears the mark).
 */
export function touchMeta(province: string, period: string): TableEntity {
  return { partitionKey: pk.period(province, period), rowKey: rk.meta, province, period, hasData: true };
}

/**
 * Locks or unlocks a period. The flag lives on META (what listings show) and on every unit
 * row of the province (placeholders for units without data): a submission commits only with
 * the ETag of its unit row, so once this returns, no submission that read the period as open
 * can commit; it fails its ETag (or its create) and, re-reading, answers 423. Up to 99 reporting
 * units this is one entity-group transaction (Table Storage allows 100 entities in one). Beyond
 * that it is two-phase: META first says the lock is pending (visible in the period listing), then
 * the unit rows in transactions of 100, then META the final state. A run cut short leaves the
 * pending mark; calling lock (or unlock) again writes every row again and clears it.
 */
export async function setLock(t: TableClient, province: string, period: string, locked: boolean, user: string, units: readonly string[]): Promise<PeriodMeta> {
  const at = new Date().toISOString();
  const key = { partitionKey: pk.period(province, period), rowKey: rk.meta, province, period };
  const meta: TransactionAction = ["upsert", { ...key, locked, lockedBy: locked ? user : "", lockedAt: locked ? at : "", lockPending: "" }, "Merge"];
  const rows = lockActions(province, period, units, { locked, at, user });
  if (rows.length < 100) {
    await t.submitTransaction([...rows, meta]);
  } else {
    await t.upsertEntity({ ...key, lockPending: locked ? "lock" : "unlock", lockPendingBy: user, lockPendingAt: at }, "Merge");
    for (let i = 0; i < rows.length; i += 100) await t.submitTransaction(rows.slice(i, i + 100));
    await t.submitTransaction([meta]);
  }
  return { province, period, locked, lockedBy: locked ? user : null, lockedAt: locked ? at : null, pending: null };
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
