// A one-unit form (indicators as rows, one or more value columns): its plan, made once per
// template (form-template.ts), then its figures read per copy.
import type { Catalog } from "../catalog/catalog.ts";
import type { ReportTable } from "../model.ts";
import { columnLetters } from "../parse/text.ts";
import { cellText } from "./layout.ts";
import { valueRole } from "./labels.ts";
import type { ColumnMapping, HeaderInput } from "./mapping.ts";
import { mapColumns } from "./map-columns.ts";
import type { RowsLayout, SheetClass } from "./orient.ts";
import type { FormPlan, FormSlot, Slot } from "./form-plan.ts";
import { rememberForm, type FormTemplate } from "./form-template.ts";
import { isPeriodPart, periodInText, relativePeriod } from "./period.ts";
import { formUnit, matchUnits } from "./match-units.ts";
import { fillValues } from "./values.ts";
import { earlierValues } from "./earlier-values.ts";
import { reportUnmapped } from "./unmapped.ts";
import { rowLabels } from "./row-labels.ts";
import type { Body, ReadCtx, StackSink } from "./read-types.ts";

/**
 * Everything a form's reading decides before its figures are parsed: which value column holds
 * this period's counts and rates, the mapping of its labels, where each mapped value sits. It
 * depends on the form's texts and on which value cells are blank, not on the figures, so forms
 * of one template share it (see form-template.ts) and only `readFormValues` runs per form.
 */

/** The template's plan when it was made for this reading period, else a new plan, remembered. */
export function formPlanFor(ctx: ReadCtx, cls: SheetClass, template: FormTemplate | null, key: string): FormPlan {
  if (template && (!template.plan.periodDependent || template.period === ctx.period)) return template.plan;
  const plan = formPlan(ctx, cls.rows!);
  if (!template) rememberForm(ctx.grid, cls, plan, ctx.period, key, ctx.opts.catalog);
  return plan;
}

/** The plan of a form read for the first time; what its label rows skipped is part of it. */
function formPlan(ctx: ReadCtx, rl: RowsLayout): FormPlan {
  const before = { rows: new Set(ctx.skippedRows), cols: new Set(ctx.skippedCols) };
  const { labels, valueCols } = rowLabels(ctx, rl, "form");
  const plan = formPlanOf(ctx, rl, labels, valueCols);
  plan.skippedRows = [...ctx.skippedRows].filter((r) => !before.rows.has(r));
  plan.skippedCols = [...ctx.skippedCols].filter((c) => !before.cols.has(c));
  for (const r of plan.skippedRows) ctx.skippedRows.delete(r);
  for (const c of plan.skippedCols) ctx.skippedCols.delete(c);
  return plan;
}

function formPlanOf(ctx: ReadCtx, rl: RowsLayout, labels: HeaderInput[], valueCols: number[]): FormPlan {
  const { grid, opts, addr } = ctx;
  const { catalog } = opts;
  const V = grid.values;
  const rowOffset = (grid.origin?.row ?? 0) + 1;
  // A form: which value column holds this period's counts, which its rates, which earlier periods.
  const cols = valueCols.map((c) => {
    const parts = rl.headers.get(c) ?? [];
    const roles = parts.map(valueRole);
    const per = parts.map((p) => (isPeriodPart(p) ? (relativePeriod(p) ?? periodInText(p)?.period ?? null) : null)).find((p) => p !== null) ?? null;
    const role = roles.includes("rate") ? "rate" : roles.includes("plan") ? "plan" : "count";
    return { c, parts, role, period: per as string | number | null };
  });
  const named = cols.map((k) => k.period).filter((p): p is string => typeof p === "string").sort();
  const current = ctx.period && named.includes(ctx.period) ? ctx.period : named[named.length - 1] ?? null;
  const isNow = (p: string | number | null) => p === null || p === 0 || p === current;
  const nowCols = cols.filter((k) => isNow(k.period) && k.role !== "plan");
  const countCol = nowCols.find((k) => k.role === "count") ?? null;
  const rateCol = nowCols.find((k) => k.role === "rate") ?? null;
  const earlierCols = cols.filter((k) => !isNow(k.period) && k.role === "count");

  const mapped = mapColumns(labels.map((l) => ({ ...l, valueKind: l.valueKind })), catalog, opts.mapping, {});
  const unmappedIssues: FormPlan["unmappedIssues"] = [];
  const partsOf = new Map(labels.map((l) => [l.index, l.parts] as const));
  reportUnmapped(ctx, mapped.unmapped.filter((u) => countCol && cellText(V[u.index]?.[countCol.c]) !== ""), (u) => addr(rl.labelColumn, u.index), (u) => partsOf.get(u.index) ?? [],
    (_s, _r, cells, _u, _i, params) => { unmappedIssues.push({ cells, params }); });
  const slots: FormSlot[] = [];
  const used = new Set(mapped.mapping.map((m) => m.indicator!));
  const extra: ColumnMapping[] = [];
  for (const m of mapped.mapping) {
    const ind = catalog.byCode.get(m.indicator!)!;
    const isRate = ind.kind === "ratio" || ind.type === "percent";
    const main = isRate ? (rateCol ?? countCol) : (countCol ?? rateCol);
    if (main && cellText(V[m.index]?.[main.c]) !== "") slots.push({ code: ind.code, whole: m.wholeIndicator, line: m.index, column: addr(main.c, m.index), mapping: m, r: m.index, c: main.c, ind });
    // "Số lượng | Tỷ lệ": the rate beside a count is the catalog's rate of that count.
    if (!isRate && rateCol && rateCol !== main && cellText(V[m.index]?.[rateCol.c]) !== "") {
      const rate = rateOf(catalog, ind.code, used);
      if (rate) {
        used.add(rate);
        const rm: ColumnMapping = { column: addr(rateCol.c, m.index), index: m.index, header: `${m.header} | ${rateCol.parts.join(" ")}`, indicator: rate, confidence: m.confidence, source: m.source, evidence: { name: m.header, unit: "rate", neighbour: m.column } };
        if (m.confirm) rm.confirm = true;
        extra.push(rm);
        slots.push({ code: rate, line: m.index, column: rm.column, mapping: rm, r: m.index, c: rateCol.c });
      }
    }
  }
  const at = new Map(slots.map((s) => [s.code, { r: s.r, c: s.c }] as const));
  for (const s of slots) if (s.whole) at.set(s.whole, { r: s.r, c: s.c });
  const earlierSlots: Slot[] = [];
  const earlier: ColumnMapping[] = [];
  for (const k of earlierCols) {
    for (const m of mapped.mapping) {
      const e: ColumnMapping = { ...m, period: typeof k.period === "string" ? k.period : "previous", column: `${columnLetters(k.c + (grid.origin?.col ?? 0))}${m.index + rowOffset}` };
      earlier.push(e);
      earlierSlots.push({ code: m.indicator!, line: m.index, column: e.column, mapping: e, at: k.c });
    }
  }
  const columnOf = new Map(slots.map((s) => [s.mapping, s.column] as const));
  const mapping = [...mapped.mapping.map((m) => ({ ...m, column: columnOf.get(m) ?? m.column })), ...extra].sort((a, b) => a.index - b.index);
  return {
    rows: rl, skippedRows: [], skippedCols: [], current, periodDependent: named.length > 0, unmappedIssues,
    slots, earlierSlots, mapping, unmapped: mapped.unmapped, earlier, at,
  };
}

/** The catalog's rate of a count (a ratio whose only numerator it is), when exactly one is free. */
function rateOf(catalog: Catalog, code: string, used: Set<string>): string | null {
  const rates = catalog.indicators.filter((i) => i.kind === "ratio" && i.numerator?.length === 1 && i.numerator[0] === code && !used.has(i.code));
  return rates.length === 1 ? rates[0]!.code : null;
}

/** A form's figures read with its plan: the unit it reports for, its values, its earlier periods' values. */
export function readFormValues(ctx: ReadCtx, plan: FormPlan, sink: StackSink | null = null): Body {
  const { grid, addr } = ctx;
  const rl = plan.rows;
  const rowOffset = (grid.origin?.row ?? 0) + 1;
  for (const r of plan.skippedRows) ctx.skippedRows.add(r);
  for (const c of plan.skippedCols) ctx.skippedCols.add(c);
  for (const u of plan.unmappedIssues) ctx.push("info", "unmapped_column", u.cells, null, [], u.params);
  const unitName = formUnit(ctx, rl.headerRow);
  const { rows, scope, unitIds } = matchUnits(ctx, unitName ? [{ name: unitName, cell: "", sheetRow: null }] : [], true);
  if (!rows.length) rows.push({ name: grid.name, unitId: null, level: null, sheetRow: null, isTotal: false }), unitIds.push(null);
  const table: ReportTable = { sheet: grid.name, rows, values: new Map(), decimals: new Map(), columns: new Map(), indicatorsAs: "rows" };
  const at = plan.at;
  table.cellOf = (_i, code) => { const s = at.get(code); return s ? addr(s.c, s.r) : null; };
  // Read with its copies (one stack row, one unit): its figures go to the stack, its table's
  // columns are views of that row.
  const stacked = sink && sink.stack.plan === plan && rows.length === 1 ? sink : null;
  fillValues(ctx, table, plan.slots, { row: (_i, s) => (s as FormSlot).r, col: (_i, s) => (s as FormSlot).c }, stacked);
  if (stacked) stacked.stack.tables[stacked.row] = table;
  const history = earlierValues(ctx, plan.earlierSlots, rows, unitIds, (_i, s) => [s.line, s.at!]);
  // The plan's own entries: readSheet hands the caller copies of them.
  return {
    headerRows: [rl.headerRow + rowOffset], unitColumn: columnLetters(rl.labelColumn + (grid.origin?.col ?? 0)), scope,
    period: plan.current ?? null, mapping: plan.mapping, unmapped: plan.unmapped, earlier: plan.earlier,
    units: rows.map((r) => ({ row: r.sheetRow ?? rl.headerRow + rowOffset, name: r.name, unitId: r.unitId, isTotal: r.isTotal })),
    table, history, sharedLists: true,
  };
}
