// Kept only until the reader's stage modules import shared/calendar/period.ts directly.
export { addDays, periodLastDay, toPeriod as parsePeriod, type PeriodKind } from "./period.ts";
