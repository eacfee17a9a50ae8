import { valueBounds } from "../../parse/bounds.ts";
import { rowCountsAs } from "../../rollup/effective.ts";
import type { Check, CheckContext } from "./check.ts";

/** Types and bounds, per reported column (grades are read as grades, not checked here). */
export function typeChecks(ctx: CheckContext): Check[] {
  const checks: Check[] = [];
  for (const ind of ctx.catalog.indicators) {
    if (ind.type === "grade") continue;
    const name = ctx.label(ind.code);
    const fmt = ctx.fmt;
    const isCount = ind.type === "count" || ind.type === "yesno";
    const { min, max } = valueBounds(ind);
    const code = ind.code;
    checks.push((t, _eff, emit) => {
      const v = t.values.get(code);
      if (!v) return;
      for (let i = 0; i < v.length; i++) {
        const x = v[i]!;
        if (Number.isNaN(x)) continue;
        if (x < 0 && min >= 0) emit("error", "negative", i, [code], { name, value: fmt(x) });
        else if (isCount && !Number.isInteger(x)) emit("error", "not_integer", i, [code], { name, value: fmt(x) });
        else if (ind.type === "yesno" && x > 1 && rowCountsAs(t.rows[i]!, "commune") && t.rows[i]!.level === "commune") emit("error", "yesno", i, [code], { name, value: fmt(x) });
        else if (x < min || x > max) emit("error", "out_of_bounds", i, [code], { name, value: fmt(x), min: fmt(min), max: fmt(max) });
      }
    });
  }
  return checks;
}
