import type { Check, CheckContext } from "./check.ts";

/** Required indicators: a column missing from the table, or a unit row's cell left blank. */
export function requiredChecks(ctx: CheckContext): Check[] {
  const { label } = ctx;
  const required = ctx.catalog.indicators.filter((i) => i.required);
  return [(t, eff, emit, _run, blocks) => {
    if (t.rows.length === 0) return;
    for (const ind of required) {
      const rep = t.values.get(ind.code);
      if (!eff.get(ind.code) && !rep) {
        const nb = blocks ? blocks.starts.length : 1;
        for (let b = 0; b < nb; b++) emit("warning", "required_missing", -1, [ind.code], { name: label(ind.code) }, b);
        continue;
      }
      if (!rep) continue;
      const e = eff.get(ind.code)!;
      // A cell that is there but not a number is reported as such, not also as blank.
      const unreadable = t.unreadable?.get(ind.code);
      const marked = t.notApplicable?.get(ind.code);
      for (let i = 0; i < rep.length; i++) if (Number.isNaN(e[i]!) && !t.rows[i]!.isTotal && !unreadable?.has(i) && !marked?.has(i)) emit("error", "required_blank", i, [ind.code], { name: label(ind.code) });
    }
  }];
}
