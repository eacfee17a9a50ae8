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

/**
 * The `n` periods of the same kind before `period`, most recent first: 2024 → 2023, 2022…;
 * 2024-01 → 2023-12…; 2024-Q1 → 2023-Q4…; 2024-H1 → 2023-H2….
 */
export function earlierPeriods(period: string, n: number): string[] {
  const year = Number(period.slice(0, 4));
  const rest = period.slice(5);
  const [kind, per, index] = !rest ? ["", 1, 1] : rest.startsWith("Q") ? ["Q", 4, Number(rest.slice(1))] : rest.startsWith("H") ? ["H", 2, Number(rest.slice(1))] : ["", 12, Number(rest)];
  const out: string[] = [];
  let y = year;
  let i = index;
  for (let k = 0; k < n; k++) {
    i--;
    if (i < 1) { i = per; y--; }
    if (y < 1900) break;
    out.push(!rest ? String(y) : `${y}-${kind}${kind ? i : String(i).padStart(2, "0")}`);
  }
  return out;
}

