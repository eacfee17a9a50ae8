import type { TableClient } from "@azure/data-tables";
import { ProvinceCalendar } from "../../shared/index.ts";
import { CalendarAuditEntry } from "../../shared/contract/index.ts";
import { pack, unpack } from "./chunks.ts";
import { readAuditRows, replaceAudited } from "./audited.ts";
import { pk } from "./keys.ts";
import { one } from "./query.ts";
import { forgetCalendar } from "./reference.ts";

/**
 * A province's calendar changes, beside the calendar row in its reference partition: one row per
 * change, newest first, written in the same transaction as the calendar, so there is never a
 * change without its record.
 */
const AUDIT = "CALAUDIT|";

export async function readCalendarFresh(t: TableClient, province: string): Promise<{ calendar: ProvinceCalendar; etag: string | null }> {
  const row = await one<Record<string, unknown>>(t, pk.ref(province), "calendar");
  return row ? { calendar: ProvinceCalendar.parse(unpack("c", row)), etag: row.etag } : { calendar: {}, etag: null };
}

/** Replaces the calendar (guarded by the ETag read, so two changes cannot interleave) and records the change. */
export async function replaceCalendar(t: TableClient, province: string, calendar: ProvinceCalendar, etag: string | null, entry: CalendarAuditEntry): Promise<void> {
  await replaceAudited(t, province, { rowKey: "calendar", props: pack("c", calendar) }, etag, AUDIT, entry);
  forgetCalendar(province);
}

export async function readCalendarAudit(t: TableClient, province: string, limit = 50): Promise<CalendarAuditEntry[]> {
  const rows = await readAuditRows(t, province, AUDIT, limit);
  return rows.map((r) => CalendarAuditEntry.safeParse(unpack("a", r))).flatMap((r) => (r.success ? [r.data] : []));
}
