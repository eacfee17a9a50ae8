import type { Check, CheckContext } from "./check.ts";

/** Totals the workbook reports against the sum of their parts. */
export function totalChecks(ctx: CheckContext): Check[] {
  const { label, fmt } = ctx;
  const checks: Check[] = [];
  for (const ind of ctx.catalog.indicators) {
    if (ind.kind !== "sum") continue;
    const { code, of, tolerance = 0 } = ind;
    checks.push((t, eff, emit) => {
      const rep = t.values.get(code);
      if (!rep) return;
      const parts = of!.map((c) => eff.get(c));
      if (parts.every((a) => !a)) return;
      for (let i = 0; i < rep.length; i++) {
        const r = rep[i]!;
        if (Number.isNaN(r)) continue;
        let s = 0;
        let present = 0;
        for (const a of parts) if (a && !Number.isNaN(a[i]!)) { s += a[i]!; present++; }
        if (present === 0) continue;
        const complete = present === parts.length;
        // With some parts missing the total can only be too small: one part above it is already wrong.
        if ((complete && Math.abs(s - r) > tolerance + 1e-9) || (!complete && s > r + tolerance + 1e-9)) {
          const names = of!.filter((_, k) => parts[k] && !Number.isNaN(parts[k]![i]!));
          emit("error", "sum_total", i, [code, ...names], { name: label(code), reported: fmt(r), sum: fmt(s), parts: names.map((c) => `${label(c)} ${fmt(eff.get(c)![i]!)}`).join(" + ") });
        }
      }
    });
  }
  return checks;
}
