import type { Catalog } from "../catalog/catalog.ts";
import type { Issue, Lang } from "../model.ts";
import type { Values } from "../rollup/rollup.ts";
import { formatNumber, render } from "../messages/issues.ts";
import { outlier } from "./validate.ts";

/**
 * Unusual change of a reporting unit's own total against its earlier periods, for a unit whose
 * rows are the units under it (a commune's party cells): the row check cannot see the total.
 * When the earlier figures are reconstructed from predecessors the warning says so, and says
 * when they are approximate (a predecessor split between successors).
 */
export function totalUnusualChange(
  catalog: Catalog,
  unit: { code: string; name: string },
  total: Values,
  past: readonly Record<string, number>[],
  opts: { lang?: Lang; sheet?: string; reconstructed?: { approximate: readonly string[] } } = {},
): Issue[] {
  const lang = opts.lang ?? "vi";
  if (past.length < 3) return [];
  const out: Issue[] = [];
  for (const ind of catalog.indicators) {
    if (ind.kind !== "input" || ind.type !== "count") continue;
    const x = total[ind.code];
    if (x === undefined) continue;
    const series = past.map((p) => p[ind.code]).filter((v): v is number => typeof v === "number" && Number.isFinite(v));
    if (series.length < 3) continue;
    const o = outlier(x, series);
    if (!o) continue;
    const rule = opts.reconstructed ? "outlier_reconstructed" : "outlier";
    const approximate = opts.reconstructed?.approximate.includes(ind.code) ?? false;
    out.push({
      severity: "warning", rule, sheet: opts.sheet ?? "", cells: [], unit: unit.code, indicators: [ind.code],
      ...render(rule, lang, { unit: unit.name, name: ind.label[lang], value: formatNumber(x, lang), median: formatNumber(o.median, lang), approximate: approximate ? "yes" : "" }),
    });
  }
  return out;
}
