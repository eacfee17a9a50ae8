// The earlier-periods stage: columns of earlier periods read as history for the unusual-change check.
import type { TableRow } from "../model.ts";
import { parseCell } from "../parse/number.ts";
import type { Slot } from "./form-plan.ts";
import type { ReadCtx } from "./read-types.ts";

/**
 * Earlier periods' values per registry unit, oldest first. Never read as this period's data;
 * unreadable cells there are simply left out.
 */
export function earlierValues(ctx: ReadCtx, slots: Slot[], rows: TableRow[], unitIds: (string | null)[], cellAt: (i: number, s: Slot) => [number, number]): Map<string, Record<string, number>[]> {
  const out = new Map<string, Record<string, number>[]>();
  if (!slots.length) return out;
  const byPeriod = new Map<string, Slot[]>();
  for (const s of slots) { const p = s.mapping.period ?? ""; byPeriod.set(p, [...(byPeriod.get(p) ?? []), s]); }
  const periods = [...byPeriod.keys()].sort();
  rows.forEach((row, i) => {
    const id = unitIds[i];
    if (!id || row.isTotal) return;
    const series: Record<string, number>[] = [];
    for (const p of periods) {
      const rec: Record<string, number> = {};
      for (const s of byPeriod.get(p)!) {
        const [r, c] = cellAt(i, s);
        const parsed = parseCell(ctx.grid.values[r]?.[c] ?? null, ctx.opts.catalog.byCode.get(s.code)!.type, ctx.grid.formats?.[r]?.[c]);
        if (parsed.kind === "number") rec[s.code] = parsed.value;
      }
      series.push(rec);
    }
    out.set(id, series);
  });
  return out;
}
