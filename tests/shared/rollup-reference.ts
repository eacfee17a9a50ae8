// The rollup as it was before the per-node rebuilds were removed (commit 386f9ab), frozen as the
// reference the rewritten one must equal. Do not "fix" it: it is the before side of a comparison.
import type { Catalog, Indicator } from "../../shared/catalog/catalog.ts";
import type { ReportTable } from "../../shared/model.ts";
import type { OrgUnit } from "../../shared/registry/orgunits.ts";
import { effectiveValues } from "../../shared/rollup/effective.ts";
import { tableFromRecords, type RecordInput } from "../../shared/workbook/records.ts";

export type Values = Record<string, number>;

/** Indicators whose values of several units add up (counts, totals, units that have a thing). */
function additive(ind: Indicator): boolean {
  return ind.aggregation === "sum" || ind.aggregation === "count_true";
}

/**
 * Aggregates the non-total rows of a table into one unit's values: counts and totals add up,
 * a grade counts one in its class, rates are recomputed from the aggregated numerator and
 * denominator (never summed or averaged). Because only additive quantities are summed, rolling up
 * rollups gives the same result as rolling up all communes at once.
 */
export function aggregateTable(table: ReportTable, catalog: Catalog): Values {
  const eff = effectiveValues(table, catalog, { partialSums: true });
  const out: Values = {};
  for (const ind of catalog.indicators) {
    if (!additive(ind)) continue;
    const arr = eff.get(ind.code);
    if (!arr) continue;
    let s = 0;
    let any = false;
    for (let i = 0; i < arr.length; i++) {
      if (table.rows[i]!.isTotal || Number.isNaN(arr[i]!)) continue;
      s += arr[i]!;
      any = true;
    }
    if (any) out[ind.code] = s;
  }
  return withRates(out, catalog);
}

const ratiosOf = new WeakMap<Catalog, Indicator[]>();
const additivesOf = new WeakMap<Catalog, Indicator[]>();
/** The catalog's rates and its additive indicators, listed once: rollups visit them for every unit. */
function ratios(catalog: Catalog): Indicator[] {
  let r = ratiosOf.get(catalog);
  if (!r) { r = catalog.indicators.filter((i) => i.kind === "ratio"); ratiosOf.set(catalog, r); }
  return r;
}
function additives(catalog: Catalog): Indicator[] {
  let r = additivesOf.get(catalog);
  if (!r) { r = catalog.indicators.filter(additive); additivesOf.set(catalog, r); }
  return r;
}

/** Adds every rate whose numerator and denominator are known (denominator > 0). */
export function withRates(values: Values, catalog: Catalog): Values {
  for (const ind of ratios(catalog)) {
    let a = 0;
    let b = 0;
    let ok = true;
    for (const c of ind.numerator!) { const v = values[c]; if (v === undefined) { ok = false; break; } a += v; }
    for (const c of ind.denominator!) { const v = values[c]; if (v === undefined) { ok = false; break; } b += v; }
    if (ok && b > 0) values[ind.code] = (a / b) * (ind.scale ?? 100);
    else delete values[ind.code];
  }
  return values;
}

/** Aggregates plain records (submissions, stored values) of one level. */
export function aggregate(records: RecordInput[], catalog: Catalog, level: string = "commune"): Values {
  const { table } = tableFromRecords(records.map((r) => ({ ...r, level: r.level ?? level })), catalog);
  return aggregateTable(table, catalog);
}

export interface RollupNode {
  unitId: string;
  level: OrgUnit["level"];
  values: Values;
  /** The unit or something under it has data. */
  reported: boolean;
  /** Communes the registry lists under this unit, and how many of them have data. */
  communesExpected: number;
  communesReported: number;
  /** Units of the pre-2025 district tier likewise (for provinces): real districts, not the reporting units. */
  districtsExpected: number;
  districtsReported: number;
}

/**
 * Key-wise sum of units' aggregated values, rates recomputed. Aggregated values hold only
 * additive quantities (counts, totals, per-class counts), so this equals aggregating their rows.
 */
export function sumValues(list: readonly Values[], catalog: Catalog): Values {
  const out: Values = {};
  for (const v of list) {
    for (const k in v) {
      const ind = catalog.byCode.get(k);
      if (!ind || !additive(ind)) continue;
      out[k] = (out[k] ?? 0) + v[k]!;
    }
  }
  return withRates(out, catalog);
}

/** One unit's values from row i of a table's effective values: additive quantities and rates. */
function rowValues(catalog: Catalog, eff: ReturnType<typeof effectiveValues>, i: number): Values {
  const out: Values = {};
  for (const ind of additives(catalog)) {
    const x = eff.get(ind.code)?.[i];
    if (x !== undefined && !Number.isNaN(x)) out[ind.code] = x;
  }
  return withRates(out, catalog);
}

/**
 * A unit's values from the registry down, at whatever depth the registry has: communes under
 * districts under a province (before July 2025), communes straight under a province (since), or
 * party cells under a commune. `values` maps unit codes to their values (raw values are parsed
 * as cells are). A unit's children that have no children of their own are parsed as one table;
 * deeper children are rolled up first. A unit none of whose children reported stands with its
 * own values (a district reporting only its totals, a commune's one-unit form); a unit with
 * neither has no values. Pass the units of one period (unitsValidIn).
 */
export function rollupTree(
  catalog: Catalog,
  registry: readonly OrgUnit[],
  rootId: string,
  values: ReadonlyMap<string, Record<string, number | string | null>>,
): Map<string, RollupNode> {
  const out = new Map<string, RollupNode>();
  const byParent = new Map<string, OrgUnit[]>();
  for (const u of registry) if (u.parent) { const l = byParent.get(u.parent); if (l) l.push(u); else byParent.set(u.parent, [u]); }
  const root = registry.find((u) => u.code === rootId);
  if (!root) throw new RangeError(`unknown unit ${rootId}`);
  const countsOf = new Map<string, string[]>();
  for (const i of catalog.indicators) if (i.countsUnits) countsOf.set(i.countsUnits, [...(countsOf.get(i.countsUnits) ?? []), i.code]);
  /** A unit rolled up from its children still counts as one unit of its own level. */
  const asUnit = (v: Values, level: string) => { for (const c of countsOf.get(level) ?? []) v[c] = 1; return withRates(v, catalog); };
  const isCommune = (u: OrgUnit) => u.level === "commune";
  const isDistrict = (u: OrgUnit) => u.level === "district";

  const leafNodes = (leaves: OrgUnit[]): RollupNode[] => {
    const reporting = leaves.filter((c) => values.has(c.code));
    const { table } = tableFromRecords(reporting.map((c) => ({ unit: c.name, unitId: c.code, level: c.level, values: values.get(c.code)! })), catalog);
    const eff = effectiveValues(table, catalog, { partialSums: true });
    const byCode = new Map(reporting.map((c, i) => [c.code, rowValues(catalog, eff, i)]));
    return leaves.map((c) => {
      const v = byCode.get(c.code);
      const commune = isCommune(c) ? 1 : 0;
      const node: RollupNode = {
        unitId: c.code, level: c.level, values: v ?? {}, reported: !!v,
        communesExpected: commune, communesReported: v ? commune : 0, districtsExpected: isDistrict(c) ? 1 : 0, districtsReported: v && isDistrict(c) ? 1 : 0,
      };
      if (v && isDistrict(c)) node.values = asUnit(v, c.level);
      out.set(c.code, node);
      return node;
    });
  };

  const visit = (unit: OrgUnit): RollupNode => {
    const children = byParent.get(unit.code) ?? [];
    const kids = [...leafNodes(children.filter((c) => !byParent.has(c.code))), ...children.filter((c) => byParent.has(c.code)).map(visit)];
    const reporting = kids.filter((k) => k.reported);
    const own = values.get(unit.code);
    const selfCommune = isCommune(unit) ? 1 : 0;
    const base = {
      unitId: unit.code, level: unit.level,
      communesExpected: selfCommune + kids.reduce((s, k) => s + k.communesExpected, 0),
      districtsExpected: unit.level === "province" ? kids.filter((k) => k.level === "district").length : isDistrict(unit) ? 1 : 0,
    };
    let node: RollupNode;
    if (reporting.length === 0 && own) {
      const v = aggregate([{ unit: unit.name, unitId: unit.code, level: unit.level, values: own }], catalog, unit.level);
      node = { ...base, values: unit.level === "province" ? v : asUnit(v, unit.level), reported: true, communesReported: selfCommune, districtsReported: isDistrict(unit) ? 1 : 0 };
    } else {
      const v = reporting.length ? sumValues(reporting.map((k) => k.values), catalog) : {};
      const any = reporting.length > 0;
      node = {
        ...base,
        // A district's (or a commune's) own unit count, so that the level above sees how many reported.
        values: any && unit.level !== "province" ? asUnit(v, unit.level) : v,
        reported: any,
        communesReported: (any ? selfCommune : 0) + kids.reduce((s, k) => s + k.communesReported, 0),
        districtsReported: unit.level === "province" ? reporting.filter((k) => k.districtsReported > 0).length : isDistrict(unit) && any ? 1 : 0,
      };
    }
    out.set(unit.code, node);
    return node;
  };
  if (!byParent.has(root.code)) leafNodes([root]);
  else visit(root);
  return out;
}
