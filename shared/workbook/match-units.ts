// The unit stage: names on the sheet to registry units (in the reading period), and the unit a
// one-unit form reports for.
import type { TableRow } from "../model.ts";
import { fold } from "../parse/text.ts";
import type { OrgUnit } from "../registry/orgunits.ts";
import { inferScope, scopeMatcher } from "../registry/scope.ts";
import { lifespan, provinceOfUnit, unitsValidIn, validOn } from "../registry/dated.ts";
import { prefixedName } from "../registry/levels.ts";
import { createNameMatcher, formerNameMessage, formerUnitsOf, type NameMatcher } from "../registry/names.ts";
import { toPeriod } from "../calendar/period.ts";
import { cellText, isTotalName } from "./layout.ts";
import type { ReadCtx } from "./read-types.ts";
import { isGrandTotalLabel } from "./conventions.ts";
import { groupRole } from "./subtotals.ts";
import { parentRows, type ParentRows } from "./parent-rows.ts";
import { shortList } from "../messages/issues.ts";
import type { UnitsExpected } from "./missing-units.ts";

const ORPHAN_SUGGESTIONS = 50;

export interface UnitName { name: string; cell: string; sheetRow: number | null }

/** Names to table rows: registry matches, misspellings, unknown and repeated units, missing ones. */
export function matchUnits(ctx: ReadCtx, names: UnitName[], single = false): { rows: TableRow[]; scope: string | null; unitIds: (string | null)[]; expected?: UnitsExpected } {
  const { opts, push, memo } = ctx;
  // In the units of the period when it is known: a unit that existed only at other times is an error saying when.
  const period = ctx.period && toPeriod(ctx.period) ? ctx.period : null;
  const day = period ? memo.lastDay(period) : null;
  const inPeriod = (u: OrgUnit) => !day || validOn(u, day);
  // The units of a period, their matchers and indexes are the same for every sheet read with the
  // same registry: made once per registry array (a workbook of a thousand forms, a province's registry).
  const dayKey = day ?? "";
  let candidates = opts.units ? memo.units(opts.units, `in\u0001${dayKey}`, () => opts.units!.filter(inPeriod)) : undefined;
  let scope: string | null = null;
  let groups: ParentRows | null = null;
  if (!candidates && opts.registry) {
    const registry = opts.registry;
    let inferred = inferScope(names.map((n) => n.name), period ? memo.units(registry, `valid\u0001${period}`, () => unitsValidIn(registry, period)) : registry);
    // A sheet of another period's units still has a scope: its rows are then reported as out of period.
    if (!inferred.parent && period) inferred = inferScope(names.map((n) => n.name), registry);
    if (inferred.parent) { const kids = inferred.candidates; candidates = memo.units(kids, `in\u0001${dayKey}`, () => kids.filter(inPeriod)); scope = inferred.parent.code; }
    // Units under their parents' rows: the parents' rows are the groups, the sheet the parents' parent's.
    groups = !single && inferred.parent ? parentRows(names.map((n) => n.name), registry, inferred.parent, memo) : null;
    if (groups) { const kids = groups.candidates; candidates = memo.units(kids, `in\u0001${dayKey}`, () => kids.filter(inPeriod)); scope = groups.scope.code; }
  }
  const matcher = candidates ? memo.matcher(candidates) : null;
  // No scope because no row names any unit of the registry (a commune's unknown party cells): each
  // row is still an issue with the closest names of the period, never a silent pass. Only when
  // every row is unknown: rows that name units of different scopes are another matter.
  let orphans: NameMatcher<OrgUnit> | null = null;
  if (!matcher && opts.registry?.length) {
    const registry = opts.registry;
    const all = period ? memo.units(registry, `valid\u0001${period}`, () => unitsValidIn(registry, period)) : registry;
    const anywhere = scopeMatcher(all);
    const named = names.filter((n) => n.name && !isTotalName(n.name) && !isGrandTotalLabel(n.name) && groupRole(n.name) === null);
    if (named.length && named.every((n) => !anywhere.knows(n.name))) orphans = memo.units(all, "orphans", () => [createNameMatcher(all)])[0]!;
  }
  // Out-of-period names: the sheet's own scope first (names repeat across scopes), then anywhere.
  const pool = opts.units ?? opts.registry ?? [];
  const gone = day ? memo.units(pool, `gone\u0001${dayKey}`, () => pool.filter((u) => !inPeriod(u))) : [];
  const goneHere = scope ? memo.matcher(memo.units(gone, `here\u0001${scope}`, () => gone.filter((u) => u.parent === scope))) : null;
  const goneAnywhere = day ? memo.matcher(gone) : null;
  const elsewhen = day ? { match: (name: string) => { const m = goneHere?.match(name); return m?.status === "exact" ? m : goneAnywhere!.match(name); } } : null;
  const rows: TableRow[] = [];
  const seen = new Map<string, number[]>();
  for (const [at, { name, cell, sheetRow }] of names.entries()) {
    const group = groups?.parents.get(at);
    if (group) {
      // A parent's row: the subtotal of its units (covers, set below), never a unit beside them.
      rows.push({ name, unitId: group.code, level: group.level, sheetRow, isTotal: true });
      continue;
    }
    const row: TableRow = { name, unitId: null, level: null, sheetRow, isTotal: isTotalName(name) || isGrandTotalLabel(name) || groupRole(name) !== null };
    if (!row.isTotal) {
      if (!name) push("error", "unit_blank", [cell], null, [], { row: sheetRow ?? cell.replace(/[0-9]+$/, "") });
      else if (matcher) {
        const m = matcher.match(name);
        const other = m.status === "exact" || !elsewhen ? null : elsewhen.match(name);
        // A former name of a unit in scope (merged or split on 1/7/2025) says what it became, by name.
        const was = m.status !== "exact" && m.status !== "fuzzy" && candidates
          ? memo.units(candidates, `former\u0001${dayKey}`, () => [createNameMatcher(candidates!, day ? formerUnitsOf(pool, candidates!, day) : [])])[0]!.match(name) : null;
        if (was?.status === "former") {
          const text = formerNameMessage(was.former, was.successors, provinceOfUnit(pool, was.successors[0]!.code), prefixedName)[ctx.lang];
          push("error", "unit_former", [cell], name, [], { cell, raw: name, now: text, successor: was.successors.map(prefixedName).join(", ") });
        } else if (other?.status === "exact") {
          push("error", "unit_not_in_period", [cell], name, [], { cell, raw: name, period: period!, existed: lifespan(other.unit, ctx.lang) });
        } else if (m.status === "unknown") {
          // The closest units in scope besides the first suggestion, so a clerk can pick the right one.
          const more = was?.status === "unknown" || was?.status === "ambiguous" ? was.candidates.filter((u) => u !== m.suggestion).slice(0, 2).map(prefixedName).join(", ") : "";
          push("error", "unit_unknown", [cell], name, [], { cell, raw: name, suggestion: m.suggestion?.name ?? "", more });
        } else {
          row.unitId = m.unit.code;
          row.level = m.unit.level;
          if (m.status === "fuzzy") push("warning", "unit_misspelled", [cell], name, [], { cell, raw: name, suggestion: m.unit.name });
        }
      } else if (orphans) {
        // The closest names for the first rows only: each costs a scan of the period's names.
        const near = rows.length < ORPHAN_SUGGESTIONS ? orphans.match(name) : null;
        const list = near?.status === "unknown" || near?.status === "ambiguous" ? [...new Set(near.candidates.map(prefixedName))] : [];
        push("error", "unit_unknown", [cell], name, [], { cell, raw: name, suggestion: list[0] ?? "", more: list.slice(1, 3).join(", ") });
      }
      const key = row.unitId ?? fold(name);
      if (key) seen.set(key, [...(seen.get(key) ?? []), rows.length]);
    }
    rows.push(row);
  }
  if (groups) {
    // Each group covers the rows of its own communes, wherever the clerk put its row.
    const parentOf = new Map((candidates ?? []).map((u) => [u.code, u.parent] as const));
    rows.forEach((r, i) => {
      const g = groups!.parents.get(i);
      if (g) r.covers = rows.flatMap((x, k) => (!x.isTotal && x.unitId && parentOf.get(x.unitId) === g.code ? [k] : []));
    });
  }
  for (const [, idx] of seen) {
    if (idx.length < 2) continue;
    const first = rows[idx[0]!]!;
    // A row number, or a transposed table's unit column ("C3" is column C).
    const { list, more } = shortList(idx.map((i) => rows[i]!.sheetRow ?? names[i]!.cell.replace(/[0-9]+$/, "")));
    push("error", "unit_duplicate", idx.map((i) => names[i]!.cell), first.name, [], { unit: first.name, count: idx.length, rows: list, more });
  }
  // A one-unit form reports for itself: the other units are not missing from it. Which are
  // missing is said by the reader, over every table of the sheet (missing-units.ts).
  const expected: UnitsExpected | undefined = matcher && candidates && !single
    ? { of: candidates, level: dominantLevel(rows), present: new Set(rows.map((r) => r.unitId).filter((u): u is string => !!u)) } : undefined;
  return { rows, scope, unitIds: rows.map((r) => r.unitId), ...(expected ? { expected } : {}) };
}

function dominantLevel(rows: TableRow[]): TableRow["level"] {
  const counts = new Map<TableRow["level"], number>();
  for (const r of rows) if (r.level) counts.set(r.level, (counts.get(r.level) ?? 0) + 1);
  let best: TableRow["level"] = null;
  let n = 0;
  for (const [l, c] of counts) if (c > n) { best = l; n = c; }
  return best;
}

/**
 * The unit a form reports for: a registry name in the title lines ("ĐẢNG BỘ XÃ …"), the
 * longest if several, the first of the registry among equals. Names are looked up whole, so a
 * title costs a few lookups whatever the registry's size.
 */
export function formUnit(ctx: ReadCtx, headerRow: number): string | null {
  const pool = ctx.opts.units ?? ctx.opts.registry ?? [];
  const index = ctx.memo.units(pool, "names", () => {
    const byName = new Map<string, number>();
    let words = 0;
    pool.forEach((u, at) => {
      const f = fold(u.name);
      if (f.length < 4 || byName.has(f)) return;
      byName.set(f, at);
      words = Math.max(words, f.split(" ").length);
    });
    return { byName, words };
  });
  let best = -1;
  let bestLength = 0;
  for (let r = 0; r < headerRow; r++) {
    for (const v of ctx.grid.values[r] ?? []) {
      const t = cellText(v);
      if (!t) continue;
      // Every run of whole words of the folded line is a name the registry may hold.
      const w = fold(t).split(" ");
      for (let i = 0; i < w.length; i++) {
        let run = "";
        for (let j = i; j < Math.min(w.length, i + index.words); j++) {
          run = j === i ? w[i]! : `${run} ${w[j]}`;
          const at = index.byName.get(run);
          if (at !== undefined && (run.length > bestLength || (run.length === bestLength && at < best))) { best = at; bestLength = run.length; }
        }
      }
    }
  }
  return best >= 0 ? pool[best]!.name : null;
}
