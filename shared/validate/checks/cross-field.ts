import type { Check, CheckContext } from "./check.ts";

/** Parts and wholes: the catalog's rules that one figure (or a sum of some) never exceeds another. */
export function crossFieldChecks(ctx: CheckContext): Check[] {
  const { label, fmt } = ctx;
  const checks: Check[] = [];
  for (const rule of ctx.catalog.rules) {
    if (rule.type === "part_le_whole") {
      const { part, whole, severity, id } = rule;
      checks.push((t, eff, emit) => {
        const p = eff.get(part);
        const w = eff.get(whole);
        if (!p || !w) return;
        const rp = t.values.get(part);
        const rw = t.values.get(whole);
        if (!rp && !rw) return;
        for (let i = 0; i < p.length; i++) {
          if (p[i]! > w[i]! + 1e-9 && (!Number.isNaN(rp?.[i] ?? NaN) || !Number.isNaN(rw?.[i] ?? NaN))) {
            emit(severity, "part_le_whole", i, [part, whole], { part: label(part), whole: label(whole), pv: fmt(p[i]!), wv: fmt(w[i]!), id });
          }
        }
      });
    } else {
      const { parts, whole, severity, id } = rule;
      checks.push((t, eff, emit) => {
        const w = eff.get(whole);
        const ps = parts.map((c) => eff.get(c)).filter((a): a is Float64Array => !!a);
        if (!w || ps.length === 0) return;
        if (!t.values.has(whole) && !parts.some((c) => t.values.has(c))) return;
        for (let i = 0; i < w.length; i++) {
          if (Number.isNaN(w[i]!)) continue;
          let s = 0;
          let any = 0;
          for (const a of ps) if (!Number.isNaN(a[i]!)) { s += a[i]!; any++; }
          if (any >= 1 && s > w[i]! + 1e-9) {
            const present = parts.filter((c) => !Number.isNaN(eff.get(c)?.[i] ?? NaN));
            emit(severity, "parts_le_whole", i, [...present, whole], { parts: present.map(label).join(", "), whole: label(whole), pv: fmt(s), wv: fmt(w[i]!), id });
          }
        }
      });
    }
  }
  return checks;
}
