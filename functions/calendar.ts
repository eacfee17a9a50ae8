import type { TableClient } from "@azure/data-tables";
import { app } from "@azure/functions";
import { randomUUID } from "node:crypto";
import { CalendarPutRequest, ProvinceParams, type CalendarAuditEntry, type CalendarResponse } from "../shared/contract/index.ts";
import { assertProvinceStaff } from "./lib/access.ts";
import { assertProvinceStaffOrSuccessor } from "./lib/cross-province.ts";
import { authenticate } from "./lib/auth.ts";
import { ApiError } from "./lib/errors.ts";
import { handle, json, parseParams, readBody } from "./lib/http.ts";
import { routeOf } from "./lib/route.ts";
import { readCalendarAudit, readCalendarFresh, replaceCalendar } from "./store/calendar-admin.ts";
import { ready } from "./store/client.ts";
import { requireRegistry } from "./lib/province-registry.ts";
import { lostRace } from "./store/query.ts";

/** A calendar is a few rules: far below this. */
const MAX_CALENDAR_BYTES = 64 * 1024;

async function existing(t: TableClient, province: string): Promise<void> {
  await requireRegistry(t, province);
}

app.http("calendar", routeOf("calendar", handle(async (req) => {
  const who = await authenticate(req);
  const { province } = parseParams(ProvinceParams, req);
  // The deadlines an ended province's past was judged by, read by its successor's staff too.
  assertProvinceStaffOrSuccessor(who, province);
  const t = await ready();
  await existing(t, province);
  const [{ calendar }, audit] = await Promise.all([readCalendarFresh(t, province), readCalendarAudit(t, province)]);
  const body: CalendarResponse = { province, calendar, audit };
  return json(200, body);
})));

app.http("saveCalendar", routeOf("saveCalendar", handle(async (req) => {
  const who = await authenticate(req);
  const { province } = parseParams(ProvinceParams, req);
  assertProvinceStaff(who, province);
  const { calendar } = await readBody(req, CalendarPutRequest, MAX_CALENDAR_BYTES);
  const t = await ready();
  await existing(t, province);
  const current = await readCalendarFresh(t, province);
  const entry: CalendarAuditEntry = { id: randomUUID(), user: who.user, displayName: who.displayName, at: new Date().toISOString(), before: current.calendar, after: calendar };
  try {
    await replaceCalendar(t, province, calendar, current.etag, entry);
  } catch (e) {
    if (lostRace(e)) throw new ApiError(409, "conflict", { vi: "Lịch báo cáo vừa được người khác thay đổi; hãy tải lại và gửi lại.", en: "The calendar was just changed by someone else; reload it and send again." });
    throw e;
  }
  const body: CalendarResponse = { province, calendar, audit: await readCalendarAudit(t, province) };
  return json(200, body);
})));
