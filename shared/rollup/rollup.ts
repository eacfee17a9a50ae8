import type { Catalog } from "../catalog/catalog.ts";
import type { ReportTable } from "../model.ts";
import type { OrgUnit } from "../registry/orgunits.ts";
import { effectiveValues } from "../validate/effective.ts";
import { tableFromRecords, type RecordInput } from "../workbook/read.ts";

export type Values = Record<string, number>;

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
    if (ind.kind === "ratio" || ind.type === "grade") continue;
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

/** Adds every rate whose numerator and denominator are known (denominator > 0). */
export function withRates(values: Values, catalog: Catalog): Values {
  for (const ind of catalog.indicators) {
    if (ind.kind !== "ratio") continue;
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
export function aggregate(records: RecordInput[], catalog: Catalog, level: "commune" | "district" = "commune"): Values {
  const { table } = tableFromRecords(records.map((r) => ({ ...r, level: r.level ?? level })), catalog);
  return aggregateTable(table, catalog);
}

export interface RollupNode {
  unitId: string;
  level: OrgUnit["level"];
  values: Values;
  /** Communes the registry lists under this unit, and how many of them have data. */
  communesExpected: number;
  communesReported: number;
  /** Districts likewise (for provinces). */
  districtsExpected: number;
  districtsReported: number;
}

/**
 * Communes → districts → province along the registry. `communes` maps unit codes to their values
 * (raw values are parsed as cells are): usually communes, but a unit with no reporting child
 * (a district that reports only its own totals, as provinces' sheets by district do) stands with
 * its own values. A unit with neither has no values.
 */
export function rollupTree(
  catalog: Catalog,
  registry: readonly OrgUnit[],
  rootId: string,
  communes: ReadonlyMap<string, Record<string, number | string | null>>,
): Map<string, RollupNode> {
  const out = new Map<string, RollupNode>();
  const byParent = new Map<string, OrgUnit[]>();
  for (const u of registry) if (u.parent) byParent.set(u.parent, [...(byParent.get(u.parent) ?? []), u]);
  const root = registry.find((u) => u.code === rootId);
  if (!root) throw new RangeError(`unknown unit ${rootId}`);
  const visit = (unit: OrgUnit): RollupNode => {
    if (unit.level === "commune") {
      const raw = communes.get(unit.code);
      const node: RollupNode = {
        unitId: unit.code, level: unit.level, communesExpected: 1, communesReported: raw ? 1 : 0, districtsExpected: 0, districtsReported: 0,
        values: raw ? aggregate([{ unit: unit.name, unitId: unit.code, level: "commune", values: raw }], catalog, "commune") : {},
      };
      out.set(unit.code, node);
      return node;
    }
    const kids = (byParent.get(unit.code) ?? []).map(visit);
    const reporting = kids.filter((k) => k.communesReported > 0 || k.districtsReported > 0);
    const own = communes.get(unit.code);
    if (reporting.length === 0 && own) {
      const values = aggregate([{ unit: unit.name, unitId: unit.code, level: unit.level === "district" ? "district" : "commune", values: own }], catalog, "district");
      if (unit.level === "district") { for (const ind of catalog.indicators) if (ind.countsUnits === "district") values[ind.code] = 1; withRates(values, catalog); }
      const node: RollupNode = {
        unitId: unit.code, level: unit.level, values,
        communesExpected: kids.reduce((s, k) => s + k.communesExpected, 0), communesReported: 0,
        districtsExpected: unit.level === "province" ? kids.length : unit.level === "district" ? 1 : 0,
        districtsReported: unit.level === "district" ? 1 : 0,
      };
      out.set(unit.code, node);
      return node;
    }
    const records: RecordInput[] = reporting.map((k) => ({ unit: k.unitId, unitId: k.unitId, level: k.level === "commune" ? "commune" : "district", values: k.values }));
    const values = records.length ? aggregate(records, catalog) : {};
    if (unit.level === "district" && records.length) {
      // A district's own unit count, so that a province sees how many districts reported.
      for (const ind of catalog.indicators) if (ind.countsUnits === "district") values[ind.code] = 1;
      withRates(values, catalog);
    }
    const node: RollupNode = {
      unitId: unit.code, level: unit.level, values,
      communesExpected: kids.reduce((s, k) => s + k.communesExpected, 0),
      communesReported: kids.reduce((s, k) => s + k.communesReported, 0),
      districtsExpected: unit.level === "province" ? kids.length : unit.level === "district" ? 1 : 0,
      districtsReported: unit.level === "province" ? reporting.filter((k) => k.districtsReported > 0).length : unit.level === "district" && reporting.length ? 1 : 0,
    };
    out.set(unit.code, node);
    return node;
  };
  visit(root);
  return out;
}
