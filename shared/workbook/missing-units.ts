// The registry's units a sheet leaves out. On a sheet of several tables (Biểu 01 and Biểu 02
// listing the same communes) this is judged over the tables together, not table by table: a
// unit is missing when no table lists it, and a table that lacks units the others list is
// named once for them.
import type { Issue, IssueTable, Lang, TableRow } from "../model.ts";
import type { OrgUnit } from "../registry/orgunits.ts";
import { render, shortList } from "../messages/issues.ts";

/** What a table's rows were matched against: the registry units they may name, at the rows' own level. */
export interface UnitsExpected {
  /** Every unit the rows may name (one array per scope and day: tables of one scope share it). */
  of: readonly OrgUnit[];
  /** The level most rows have (communes, or a province sheet's units of the tier above). */
  level: TableRow["level"];
  /** Registry codes the rows name. */
  present: ReadonlySet<string>;
}

type Axis = "row" | "column";

function issue(sheet: string, lang: Lang, rule: string, missing: readonly OrgUnit[], axis: Axis, table?: IssueTable): Issue {
  const { list, more } = shortList(missing.map((u) => u.name));
  const params = { axis, count: missing.length, units: list, more, table: table?.label ?? "" };
  return {
    severity: "warning", rule, sheet, cells: [], unit: null, indicators: [], ...render(rule, lang, params),
    missingUnits: missing.map((u) => ({ code: u.code, name: u.name })), ...(table ? { table } : {}),
  };
}

/** The units of `e`'s level no row names, when some are named (a sheet naming none is another sheet's). */
function missingOf(e: UnitsExpected, present: ReadonlySet<string>): OrgUnit[] {
  const missing = e.of.filter((u) => !present.has(u.code) && u.level === e.level);
  return missing.length && missing.length < e.of.length ? missing : [];
}

/** One table's missing units: one warning listing them, or none. */
export function missingUnits(sheet: string, lang: Lang, axis: Axis, e: UnitsExpected | undefined): Issue[] {
  if (!e) return [];
  const missing = missingOf(e, e.present);
  return missing.length ? [issue(sheet, lang, "unit_missing", missing, axis)] : [];
}

/**
 * A sheet's tables together: the tables that list units of one list (the same scope and level)
 * are one list of rows. A unit none of them names is missing (said once, for the sheet); a unit
 * some name and a table does not is that table's gap (said once, naming the table).
 */
export function missingAcrossTables(sheet: string, lang: Lang, tables: readonly { expected?: UnitsExpected; table: IssueTable }[]): Issue[] {
  const groups = new Map<string, { e: UnitsExpected; members: { expected: UnitsExpected; table: IssueTable }[] }>();
  // By the units listed, not the array: each table may have inferred its scope on its own.
  const listKeys = new Map<readonly OrgUnit[], string>();
  for (const t of tables) {
    const e = t.expected;
    if (!e) continue;
    let list = listKeys.get(e.of);
    if (list === undefined) { list = e.of.map((u) => u.code).join("\u0002"); listKeys.set(e.of, list); }
    const key = `${list}\u0001${e.level ?? ""}`;
    const g = groups.get(key) ?? { e, members: [] };
    g.members.push({ expected: e, table: t.table });
    groups.set(key, g);
  }
  const out: Issue[] = [];
  for (const { e, members } of groups.values()) {
    const all = new Set<string>();
    for (const m of members) for (const code of m.expected.present) all.add(code);
    const missing = missingOf(e, all);
    if (missing.length) out.push(issue(sheet, lang, "unit_missing", missing, "column"));
    if (members.length < 2) continue;
    for (const m of members) {
      const lacking = e.of.filter((u) => u.level === e.level && all.has(u.code) && !m.expected.present.has(u.code));
      if (lacking.length) out.push(issue(sheet, lang, "unit_missing_block", lacking, "column", m.table));
    }
  }
  return out;
}
