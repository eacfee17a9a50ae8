import { periodOf, periodsBefore } from "../calendar/period.ts";

/**
 * The `n` periods of the same kind before `period`, most recent first: 2024 → 2023, 2022…;
 * 2024-01 → 2023-12…; 2024-Q1 → 2023-Q4…; 2024-H1 → 2023-H2….
 */
export function earlierPeriods(period: string, n: number): string[] {
  return periodsBefore(periodOf(period), n).map((p) => p.code);
}
