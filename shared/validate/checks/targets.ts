import type { ReportTable } from "../../model.ts";
import { aggregateTable } from "../../rollup/rollup.ts";
import { meets } from "../targets.ts";
import type { Check, CheckContext } from "./check.ts";

/**
 * Targets of the resolutions: information only, for the unit the target is set for — the row
 * of that unit, the total row standing for it, or else the rollup of its rows in the table.
 */
export function targetChecks(ctx: CheckContext): Check[] {
  const { catalog, lang, label, fmt } = ctx;
  if (!ctx.targets?.length || !ctx.inScope) return [];
  const inScope = ctx.inScope;
  const checks: Check[] = [];
  // Every target of the table's unit looks at the same rollup of its rows: compute it once.
  const rollups = new WeakMap<ReportTable, ReturnType<typeof aggregateTable>>();
  const rolledUp = (t: ReportTable) => {
    let r = rollups.get(t);
    if (!r) { r = aggregateTable(t, catalog); rollups.set(t, r); }
    return r;
  };
  for (const target of ctx.targets) {
    const ind = catalog.byCode.get(target.indicator);
    if (!ind) continue;
    const shown = (v: number) => (ind.kind === "ratio" ? `${fmt(v, 2)}%` : fmt(v));
    checks.push((t, eff, emit, _run, blocks) => {
      const v = eff.get(target.indicator);
      const nb = blocks ? blocks.starts.length : 1;
      const hit = new Uint8Array(nb);
      if (v) {
        for (let i = 0; i < v.length; i++) {
          const row = t.rows[i]!;
          const unitId = row.isTotal ? ctx.totalUnitId : row.unitId;
          if (unitId !== target.scope || Number.isNaN(v[i]!)) continue;
          hit[blocks ? blocks.rowBlock[i]! : 0] = 1;
          if (!meets(v[i]!, target.op, target.value)) emit("info", "target_below", i, [target.indicator], { unit: ctx.nameOf?.(target.scope) ?? row.name, name: label(target.indicator), value: shown(v[i]!), op: target.op, target: shown(target.value), source: target.source[lang] });
        }
      }
      // The rollup is the table's own: of each stacked table alone.
      for (let b = 0; b < nb; b++) {
        const own = blocks ? blocks.tables[b]! : t;
        if (hit[b] || !own.rows.some((r) => !r.isTotal && r.unitId && r.unitId !== target.scope && inScope(r.unitId, target.scope))) continue;
        const total = rolledUp(own)[target.indicator];
        if (total !== undefined && !meets(total, target.op, target.value)) {
          emit("info", "target_below", -1, [target.indicator], { unit: ctx.nameOf?.(target.scope) ?? target.scope, name: label(target.indicator), value: shown(total), op: target.op, target: shown(target.value), source: target.source[lang] }, b);
        }
      }
    });
  }
  return checks;
}
