/**
 * Calendar facts about a reporting period, shared so that the add-in shows the same due date the
 * server uses to call a submission late.
 */

/** The first instant after the period (UTC). */
export function periodEnd(period: string): Date {
  const year = Number(period.slice(0, 4));
  const rest = period.slice(5);
  let month: number; // 0-based month that follows the period
  if (!rest) month = 12;
  else if (rest.startsWith("Q")) month = Number(rest.slice(1)) * 3;
  else if (rest.startsWith("H")) month = Number(rest.slice(1)) * 6;
  else month = Number(rest);
  return new Date(Date.UTC(year, month, 1));
}

/** Reports are due `graceDays` after the period ends, at midnight UTC. */
export function periodDue(period: string, graceDays: number): Date {
  const end = periodEnd(period);
  return new Date(end.getTime() + graceDays * 86_400_000);
}
