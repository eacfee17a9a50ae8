/**
 * NCRONTAB, as Azure Functions timer triggers read it: six fields, seconds first
 * ("0 0 2 * * *" = 02:00:00 every day), evaluated in UTC (WEBSITE_TIME_ZONE is not emulated).
 */
const RANGES: [number, number][] = [[0, 59], [0, 59], [0, 23], [1, 31], [1, 12], [0, 6]];
const NAMES: Record<string, number>[] = [
  {}, {}, {}, {},
  { JAN: 1, FEB: 2, MAR: 3, APR: 4, MAY: 5, JUN: 6, JUL: 7, AUG: 8, SEP: 9, OCT: 10, NOV: 11, DEC: 12 },
  { SUN: 0, MON: 1, TUE: 2, WED: 3, THU: 4, FRI: 5, SAT: 6 },
];

export type Schedule = Set<number>[];

export function parseNcrontab(expr: string): Schedule {
  const fields = expr.trim().split(/\s+/);
  if (fields.length !== 6) throw new Error(`NCRONTAB needs 6 fields (second minute hour day month weekday): "${expr}"`);
  return fields.map((f, i) => {
    const [lo, hi] = RANGES[i]!;
    const set = new Set<number>();
    const num = (s: string) => {
      const n = NAMES[i]![s.toUpperCase()] ?? Number(s);
      if (!Number.isInteger(n) || n < lo || n > (i === 5 ? 7 : hi)) throw new Error(`bad value "${s}" in field ${i + 1} of "${expr}"`);
      return i === 5 && n === 7 ? 0 : n;
    };
    for (const part of f.split(",")) {
      const [range, stepText] = part.split("/");
      const step = stepText === undefined ? 1 : Number(stepText);
      if (!Number.isInteger(step) || step < 1) throw new Error(`bad step in "${part}"`);
      let a: number, b: number;
      if (range === "*") [a, b] = [lo, hi];
      else if (range!.includes("-")) { const [x, y] = range!.split("-"); a = num(x!); b = num(y!); }
      else { a = num(range!); b = stepText === undefined ? a : hi; }
      for (let v = a; v <= b; v += step) set.add(v);
    }
    return set;
  });
}

/** The first matching second strictly after `from`. */
export function nextOccurrence(s: Schedule, from: Date): Date {
  const d = new Date(Math.floor(from.getTime() / 1000) * 1000 + 1000);
  for (let guard = 0; guard < 1_000_000; guard++) {
    if (!s[4]!.has(d.getUTCMonth() + 1)) { d.setUTCMonth(d.getUTCMonth() + 1, 1); d.setUTCHours(0, 0, 0); continue; }
    if (!s[3]!.has(d.getUTCDate()) || !s[5]!.has(d.getUTCDay())) { d.setUTCDate(d.getUTCDate() + 1); d.setUTCHours(0, 0, 0); continue; }
    if (!s[2]!.has(d.getUTCHours())) { d.setUTCHours(d.getUTCHours() + 1, 0, 0); continue; }
    if (!s[1]!.has(d.getUTCMinutes())) { d.setUTCMinutes(d.getUTCMinutes() + 1, 0); continue; }
    if (!s[0]!.has(d.getUTCSeconds())) { d.setUTCSeconds(d.getUTCSeconds() + 1); continue; }
    return d;
  }
  throw new Error("schedule never fires");
}
