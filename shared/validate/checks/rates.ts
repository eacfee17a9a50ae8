import { grimDenominator, grimNumerator, rateConsistent } from "../grim.ts";
import type { Check, CheckContext } from "./check.ts";

/** Reported rates against their numerator and denominator, or against whichever is known. */
export function rateChecks(ctx: CheckContext): Check[] {
  const { label, fmt } = ctx;
  const checks: Check[] = [];
  for (const ind of ctx.catalog.indicators) {
    if (ind.kind !== "ratio") continue;
    const { code, numerator, denominator, scale = 100 } = ind;
    checks.push((t, eff, emit) => {
      const rep = t.values.get(code);
      if (!rep) return;
      const dec = t.decimals.get(code)!;
      const nums = numerator!.map((c) => eff.get(c));
      const dens = denominator!.map((c) => eff.get(c));
      for (let i = 0; i < rep.length; i++) {
        const r = rep[i]!;
        if (Number.isNaN(r)) continue;
        const d = Math.max(0, dec[i]!);
        const num = sumAt(nums, i);
        const den = sumAt(dens, i);
        if (!Number.isNaN(num) && !Number.isNaN(den)) {
          if (den === 0) { if (r !== 0) emit("error", "rate_zero_den", i, [code, ...denominator!], { name: label(code), reported: fmt(r, d) }); continue; }
          if (!rateConsistent(num, den, r, d, scale)) {
            emit("error", "rate_mismatch", i, [code, ...numerator!, ...denominator!], { name: label(code), reported: fmt(r, d), num: fmt(num), den: fmt(den), computed: fmt((num / den) * scale, Math.max(2, d + 1)) });
          }
        } else if (!Number.isNaN(den) && den > 0) {
          const g = grimNumerator(den, r, d, scale);
          if (!g.ok) emit("warning", "rate_grim", i, [code, ...denominator!], { name: label(code), reported: fmt(r, d), den: fmt(den), near: g.near.map((k) => `${fmt(k)}/${fmt(den)} = ${fmt((k / den) * scale, d + 1)}%`).join("; ") });
        } else if (!Number.isNaN(num) && num > 0) {
          const g = grimDenominator(num, r, d, scale);
          if (!g.ok) emit("warning", "rate_grim_den", i, [code, ...numerator!], { name: label(code), reported: fmt(r, d), num: fmt(num), near: g.near.map((k) => `${fmt(num)}/${fmt(k)} = ${fmt((num / k) * scale, d + 1)}%`).join("; ") });
        }
      }
    });
  }
  return checks;
}

function sumAt(arrays: (Float64Array | undefined)[], i: number): number {
  let s = 0;
  for (const a of arrays) { if (!a) return NaN; s += a[i]!; }
  return s;
}
