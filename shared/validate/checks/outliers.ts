import type { Check, CheckContext } from "./check.ts";

/** Unusual change against earlier periods. */
export function outlierChecks(ctx: CheckContext): Check[] {
  const { label, fmt } = ctx;
  const counts = ctx.catalog.indicators.filter((i) => i.kind === "input" && i.type === "count").map((i) => i.code);
  return [(t, _eff, emit, run) => {
    const history = run.history ?? ctx.history;
    if (!history?.size) return;
    t.rows.forEach((row, i) => {
      const past = row.unitId ? history.get(row.unitId) : undefined;
      if (!past || past.length < 3) return;
      for (const code of counts) {
        const x = t.values.get(code)?.[i];
        if (x === undefined || Number.isNaN(x)) continue;
        const series = past.map((p) => p[code]).filter((v): v is number => typeof v === "number" && Number.isFinite(v));
        if (series.length < 3) continue;
        const o = outlier(x, series);
        if (o) emit("warning", "outlier", i, [code], { name: label(code), value: fmt(x), median: fmt(o.median) });
      }
    });
  }];
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Modified z-score (Iglewicz and Hoaglin): 0.6745·(x − median)/MAD, unusual beyond 3.5. */
export function outlier(x: number, series: number[]): { median: number; z: number } | null {
  const med = median(series);
  const mad = median(series.map((v) => Math.abs(v - med)));
  if (mad === 0) {
    // A series that never moved: only a large jump is unusual, not a step of one.
    return Math.abs(x - med) > Math.max(5, 0.5 * Math.abs(med)) ? { median: med, z: Infinity } : null;
  }
  const z = (0.6745 * (x - med)) / mad;
  return Math.abs(z) > 3.5 ? { median: med, z } : null;
}
