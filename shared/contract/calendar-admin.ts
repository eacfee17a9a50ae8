import { z } from "zod";
import { ProvinceCalendar } from "../calendar/calendar.ts";

/**
 * A province's own reporting calendar over the API: what it sets differently from Decree 09's
 * defaults (cut-off day and deadlines per period kind, per report kind), read and replaced by
 * its own staff, every replacement recorded with who, when, before and after.
 */
export const CalendarPutRequest = z.strictObject({ calendar: ProvinceCalendar });
export type CalendarPutRequest = z.infer<typeof CalendarPutRequest>;

export const CalendarAuditEntry = z.object({
  id: z.string(),
  user: z.string(),
  displayName: z.string(),
  at: z.string(),
  before: ProvinceCalendar,
  after: ProvinceCalendar,
});
export type CalendarAuditEntry = z.infer<typeof CalendarAuditEntry>;

export const CalendarResponse = z.object({
  province: z.string(),
  /** The province's own settings ({} when it follows the defaults). */
  calendar: ProvinceCalendar,
  /** Its changes, newest first. */
  audit: z.array(CalendarAuditEntry),
});
export type CalendarResponse = z.infer<typeof CalendarResponse>;
