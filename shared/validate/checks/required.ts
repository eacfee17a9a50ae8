import type { Catalog } from "../../catalog/catalog.ts";
import type { ReportTable } from "../../model.ts";
import type { Check, CheckContext } from "./check.ts";
import { SUBJECTS } from "../../catalog/subjects.ts";

/**
 * Only the indicators of a table's topic are expected: a form of party members alone, or of the
 * mass organisations alone, is not told that the villages or the cells are missing. The topic is
 * the catalog groups of the indicators the table holds, and the wholes, terms and denominators
 * those indicators need (cells graded need the number of cells); a table holding none says no
 * topic, and everything required is expected of it, as of a unit's whole report (records).
 */
function expectedRequired(catalog: Catalog, codes: Iterable<string>): Set<string> | null {
  const { byGroup, byCode } = topicIndex(catalog);
  const out = new Set<string>();
  let any = false;
  for (const code of codes) {
    const ind = catalog.byCode.get(code);
    if (!ind) continue;
    any = true;
    for (const r of byGroup.get(ind.group) ?? []) out.add(r);
    for (const r of byCode.get(code) ?? []) out.add(r);
  }
  return any ? out : null;
}

const SUBJECT_PREFIXES = SUBJECTS.flatMap((s) => s.codes.map((p) => ({ p, id: s.id }))).sort((a, b) => b.p.length - a.p.length);
/** Who an indicator is about (subjects.ts): the subject of its code's longest prefix. */
function subjectOf(code: string): string | undefined {
  return SUBJECT_PREFIXES.find(({ p }) => code === p || code.startsWith(`${p}.`))?.id;
}

const topics = new WeakMap<Catalog, { byGroup: Map<string, string[]>; byCode: Map<string, string[]> }>();
function topicIndex(catalog: Catalog) {
  let t = topics.get(catalog);
  if (t) return t;
  const required = new Set(catalog.indicators.filter((i) => i.required).map((i) => i.code));
  const byGroup = new Map<string, string[]>();
  for (const i of catalog.indicators) if (i.required) byGroup.set(i.group, [...(byGroup.get(i.group) ?? []), i.code]);
  const byCode = new Map<string, string[]>();
  const need = (code: string, other: string) => { if (required.has(other)) byCode.set(code, [...(byCode.get(code) ?? []), other]); };
  const groupOf = (code: string) => catalog.byCode.get(code)?.group;
  for (const r of catalog.rules) {
    if (r.type === "part_le_whole") need(r.part, r.whole);
    // Parts of several kinds under one whole (villages, schools, stations with a cell ≤ cells) need
    // it only when they are of its topic: a villages form with "Thôn có chi bộ" is not told the
    // cells are missing, a form of graded cells is.
    else for (const p of r.parts) if (groupOf(p) === groupOf(r.whole) || (subjectOf(p) !== undefined && subjectOf(p) === subjectOf(r.whole))) need(p, r.whole);
  }
  for (const i of catalog.indicators) {
    for (const c of i.of ?? []) need(c, i.code);
    for (const c of [...(i.numerator ?? []), ...(i.denominator ?? [])]) need(i.code, c);
  }
  t = { byGroup, byCode };
  topics.set(catalog, t);
  return t;
}

/** Required indicators of the table's topic: a column missing from the table, or a unit row's cell left blank. */
export function requiredChecks(ctx: CheckContext): Check[] {
  const { label } = ctx;
  const required = ctx.catalog.indicators.filter((i) => i.required);
  const expected = (t: ReportTable) => (t.wholeReport ? null : expectedRequired(ctx.catalog, t.values.keys()));
  return [(t, eff, emit, _run, blocks) => {
    if (t.rows.length === 0) return;
    // Copies of one form stacked hold the same codes (their values are views of one stack):
    // their topic is worked out once per stack, not once per copy.
    const byKeys = new Map<object, Set<string> | null>();
    const expectedOf = (b: ReportTable) => {
      const source = (b.values as { keySource?: object }).keySource;
      if (!source || b.wholeReport) return expected(b);
      let e = byKeys.get(source);
      if (e === undefined) { e = expected(b); byKeys.set(source, e); }
      return e;
    };
    const perBlock = blocks ? blocks.tables.map(expectedOf) : [expected(t)];
    for (const ind of required) {
      const rep = t.values.get(ind.code);
      if (!eff.get(ind.code) && !rep) {
        perBlock.forEach((e, b) => { if (!e || e.has(ind.code)) emit("warning", "required_missing", -1, [ind.code], { name: label(ind.code) }, b); });
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
