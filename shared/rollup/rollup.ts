import type { Catalog, Indicator } from "../catalog/catalog.ts";
import type { ReportTable } from "../model.ts";
import type { OrgUnit } from "../registry/orgunits.ts";
import { effectiveValues } from "./effective.ts";
import { tableFromRecords, type RecordInput } from "../workbook/records.ts";

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
  const eff = effectiveValues(table, catalog, { partialSums: true, rates: false });
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

/**
 * The rates worth looking at for a values object, in catalog order: a rate can be set only when
 * its first numerator code is present, and needs removing only when its own code is. A party
 * cell carries a handful of the catalog's codes, so walking its keys beats trying all 112 rates
 * (the top self time of national consolidation). Null when a rate reads another rate or has no
 * numerator: then the keys present before the walk do not bound what it may set, and every rate
 * is tried.
 */
interface RateGates { byCode: Map<string, number[]>; list: Indicator[] }
const gatesOf = new WeakMap<Catalog, RateGates | null>();
function rateGates(catalog: Catalog): RateGates | null {
  let g = gatesOf.get(catalog);
  if (g !== undefined) return g;
  const list = ratios(catalog);
  const isRate = new Set(list.map((i) => i.code));
  const unbounded = list.some((i) => !i.numerator!.length || [...i.numerator!, ...i.denominator!].some((c) => isRate.has(c)));
  g = unbounded ? null : { byCode: new Map(), list };
  if (g) {
    list.forEach((ind, k) => {
      for (const c of new Set([ind.code, ind.numerator![0]!])) { const l = g!.byCode.get(c); if (l) l.push(k); else g!.byCode.set(c, [k]); }
    });
  }
  gatesOf.set(catalog, g);
  return g;
}

/** Adds every rate whose numerator and denominator are known (denominator > 0). */
export function withRates(values: Values, catalog: Catalog): Values {
  const gates = rateGates(catalog);
  if (!gates) { for (const ind of ratios(catalog)) setRate(values, ind); return values; }
  let picked: number[] | null = null;
  let n = 0;
  for (const k in values) {
    const l = gates.byCode.get(k);
    if (!l) continue;
    if (picked === null) picked = [];
    for (let i = 0; i < l.length; i++) picked.push(l[i]!);
    // As many candidates as rates: walking them all in order is as cheap as sorting.
    if ((n += l.length) >= gates.list.length) { picked = null; n = -1; break; }
  }
  if (n === -1) { for (const ind of gates.list) setRate(values, ind); return values; }
  if (picked === null) return values;
  picked.sort((a, b) => a - b);
  for (let i = 0; i < picked.length; i++) if (i === 0 || picked[i] !== picked[i - 1]) setRate(values, gates.list[picked[i]!]!);
  return values;
}

function setRate(values: Values, ind: Indicator): void {
  let a = 0;
  let b = 0;
  let ok = true;
  for (const c of ind.numerator!) { const v = values[c]; if (v === undefined) { ok = false; break; } a += v; }
  for (const c of ind.denominator!) { const v = values[c]; if (v === undefined) { ok = false; break; } b += v; }
  if (ok && b > 0) values[ind.code] = (a / b) * (ind.scale ?? 100);
  // Deleting a key turns the object into a slow dictionary; only a stale rate needs it.
  else if (values[ind.code] !== undefined) delete values[ind.code];
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
  return withRates(sumAdditive(list, catalog), catalog);
}

/**
 * The additive part of sumValues, rates left to the caller (who may add unit counts first).
 * Walks the keys present, not the catalog: party cells carry a handful of the catalog's codes.
 */
function sumAdditive(list: readonly Values[], catalog: Catalog): Values {
  const isAdditive = additiveCodes(catalog);
  const out: Values = {};
  for (const v of list) {
    for (const k in v) {
      if (!isAdditive.has(k)) continue;
      out[k] = (out[k] ?? 0) + v[k]!;
    }
  }
  return out;
}

const additiveRanks = new WeakMap<Catalog, Map<string, number>>();
/** Each additive code's position in the catalog's additive list. */
function additiveRank(catalog: Catalog): Map<string, number> {
  let r = additiveRanks.get(catalog);
  if (!r) { r = new Map(additives(catalog).map((i, k) => [i.code, k])); additiveRanks.set(catalog, r); }
  return r;
}

const additiveCodesOf = new WeakMap<Catalog, Set<string>>();
function additiveCodes(catalog: Catalog): Set<string> {
  let r = additiveCodesOf.get(catalog);
  if (!r) { r = new Set(additives(catalog).map((i) => i.code)); additiveCodesOf.set(catalog, r); }
  return r;
}

/**
 * Each row's values from a table's effective values: additive quantities and rates. Column by
 * column over the codes the table has, not code by code per row: a party cell's table has a
 * handful of the catalog's 200 additive codes, and national consolidation builds 60,000 rows.
 */
function rowsValues(catalog: Catalog, eff: ReturnType<typeof effectiveValues>, n: number, rates: boolean): Values[] {
  const out: Values[] = Array.from({ length: n }, () => ({}));
  // The table's additive codes in catalog order (the values' key order), found from the table's
  // few columns rather than by asking for each of the catalog's ~200 additive codes.
  const rank = additiveRank(catalog);
  const present: number[] = [];
  for (const code of eff.keys()) { const r = rank.get(code); if (r !== undefined) present.push(r); }
  present.sort((a, b) => a - b);
  const list = additives(catalog);
  for (const r of present) {
    const code = list[r]!.code;
    const arr = eff.get(code)!;
    for (let i = 0; i < n; i++) { const x = arr[i]!; if (!Number.isNaN(x)) out[i]![code] = x; }
  }
  if (rates) for (const v of out) withRates(v, catalog);
  return out;
}

const unitCountsOf = new WeakMap<Catalog, Map<string, string[]>>();
/** Level → the codes that count units of that level, once per catalog (every rollupTree call asked). */
function unitCounts(catalog: Catalog): Map<string, string[]> {
  let m = unitCountsOf.get(catalog);
  if (!m) {
    m = new Map();
    for (const i of catalog.indicators) if (i.countsUnits) m.set(i.countsUnits, [...(m.get(i.countsUnits) ?? []), i.code]);
    unitCountsOf.set(catalog, m);
  }
  return m;
}

/**
 * A unit's values from the registry down, at whatever depth the registry has: communes under
 * districts under a province (before July 2025), communes straight under a province (since), or
 * party cells under a commune. `values` maps unit codes to their values (raw values are parsed
 * as cells are). A unit's children that have no children of their own are parsed as one table;
 * deeper children are rolled up first. A unit none of whose children reported stands with its
 * own values (a district reporting only its totals, a commune's one-unit form); a unit with
 * neither has no values. Pass the units of one period (unitsValidIn).
 *
 * `leafRates: false` is for callers that read the root's node only (a reporting unit's node per
 * commune, 60,000 party cells in a national consolidation): leaves' rates are not computed, since
 * no parent sums a rate. The root's values are the same either way; leaf nodes then lack rates.
 */
export function rollupTree(
  catalog: Catalog,
  registry: readonly OrgUnit[],
  rootId: string,
  values: ReadonlyMap<string, Record<string, number | string | null>>,
  opts: { leafRates?: boolean } = {},
): Map<string, RollupNode> {
  const out = new Map<string, RollupNode>();
  const byParent = new Map<string, OrgUnit[]>();
  for (const u of registry) if (u.parent) { const l = byParent.get(u.parent); if (l) l.push(u); else byParent.set(u.parent, [u]); }
  const root = registry.find((u) => u.code === rootId);
  if (!root) throw new RangeError(`unknown unit ${rootId}`);
  const countsOf = unitCounts(catalog);
  /** A unit rolled up from its children still counts as one unit of its own level. */
  const asUnit = (v: Values, level: string) => { for (const c of countsOf.get(level) ?? []) v[c] = 1; return withRates(v, catalog); };
  const isCommune = (u: OrgUnit) => u.level === "commune";
  const isDistrict = (u: OrgUnit) => u.level === "district";

  const leafNodes = (leaves: OrgUnit[], rates: boolean): RollupNode[] => {
    const reporting = leaves.filter((c) => values.has(c.code));
    const { table } = tableFromRecords(reporting.map((c) => ({ unit: c.name, unitId: c.code, level: c.level, values: values.get(c.code)! })), catalog);
    const eff = effectiveValues(table, catalog, { partialSums: true, rates: false });
    const rows = rowsValues(catalog, eff, reporting.length, rates);
    const byCode = new Map(reporting.map((c, i) => [c.code, rows[i]!]));
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
    const kids = [...leafNodes(children.filter((c) => !byParent.has(c.code)), opts.leafRates !== false), ...children.filter((c) => byParent.has(c.code)).map(visit)];
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
      const v = reporting.length ? sumAdditive(reporting.map((k) => k.values), catalog) : {};
      const any = reporting.length > 0;
      node = {
        ...base,
        // A district's (or a commune's) own unit count, so that the level above sees how many
        // reported; rates once, after the counts they may divide by.
        values: any && unit.level !== "province" ? asUnit(v, unit.level) : withRates(v, catalog),
        reported: any,
        communesReported: (any ? selfCommune : 0) + kids.reduce((s, k) => s + k.communesReported, 0),
        districtsReported: unit.level === "province" ? reporting.filter((k) => k.districtsReported > 0).length : isDistrict(unit) && any ? 1 : 0,
      };
    }
    out.set(unit.code, node);
    return node;
  };
  if (!byParent.has(root.code)) leafNodes([root], true);
  else visit(root);
  return out;
}
