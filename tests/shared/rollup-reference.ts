// The rollup's meaning written as plainly as possible: the oracle that shared/rollup/rollup.ts
// (fast: rates gated by the keys present, no per-node rebuilds) must equal. It shares no code
// with the rollup, only the node's type and the reader's record parsing (tableFromRecords,
// effectiveValues), the input both start from. Slow on purpose: every rate tried, every child
// looked up by a scan of the registry.
import type { Catalog, Indicator } from "../../shared/catalog/catalog.ts";
import type { OrgUnit } from "../../shared/registry/orgunits.ts";
import type { RollupNode as Node } from "../../shared/rollup/rollup.ts";
import { effectiveValues } from "../../shared/rollup/effective.ts";
import { tableFromRecords, type RecordInput } from "../../shared/workbook/records.ts";

export type Values = Record<string, number>;
type Raw = Record<string, number | string | null>;

const adds = (ind: Indicator) => ind.aggregation === "sum" || ind.aggregation === "count_true";

/**
 * Every rate of the catalog, in catalog order: set from the sums of its numerator and
 * denominator codes when all are present and the denominator is positive, removed otherwise.
 * In place, so that the keys keep the order the fast version leaves them in.
 */
export function withRates(values: Values, catalog: Catalog): Values {
  for (const rate of catalog.indicators.filter((i) => i.kind === "ratio")) {
    const parts = [rate.numerator!, rate.denominator!].map((codes) => codes.map((c) => values[c]));
    const [top, bottom] = parts.map((vs) => vs.reduce<number>((s, v) => s + (v ?? 0), 0));
    if (parts.every((vs) => vs.every((v) => v !== undefined)) && bottom! > 0) values[rate.code] = (top! / bottom!) * (rate.scale ?? 100);
    else delete values[rate.code];
  }
  return values;
}

/** Rows parsed as the reader parses records: for each row, its additive codes with a number. */
function parsedRows(records: RecordInput[], catalog: Catalog): { total: boolean; values: Values }[] {
  const { table } = tableFromRecords(records, catalog);
  const eff = effectiveValues(table, catalog, { partialSums: true });
  return table.rows.map((row, i) => ({
    total: row.isTotal,
    values: Object.fromEntries(catalog.indicators.filter(adds).flatMap((ind) => {
      const x = eff.get(ind.code)?.[i];
      return x === undefined || Number.isNaN(x) ? [] : [[ind.code, x]];
    })) as Values,
  }));
}

/** The additive codes of several units added up, key by key, then the rates. */
export function sumValues(list: readonly Values[], catalog: Catalog): Values {
  const sum: Values = {};
  for (const ind of catalog.indicators.filter(adds)) {
    const present = list.filter((v) => v[ind.code] !== undefined);
    if (present.length) sum[ind.code] = present.reduce((s, v) => s + v[ind.code]!, 0);
  }
  return withRates(sum, catalog);
}

/** Records of one level, their non-total rows added up. */
export function aggregate(records: RecordInput[], catalog: Catalog, level = "commune"): Values {
  const rows = parsedRows(records.map((r) => ({ ...r, level: r.level ?? level })), catalog).filter((r) => !r.total);
  return sumValues(rows.map((r) => r.values), catalog);
}

/**
 * Every unit under `rootId` (the root included) from the registry down. A unit with no children
 * is one row of a table of its reporting siblings; a unit with children adds up those that
 * reported, or, when none did, stands with its own figures. A rolled-up unit other than the
 * province counts itself once in the indicators that count its level; a childless one does
 * only when it is of the pre-2025 tier.
 */
export function rollupTree(catalog: Catalog, registry: readonly OrgUnit[], rootId: string, values: ReadonlyMap<string, Raw>): Map<string, Node> {
  const root = registry.find((u) => u.code === rootId);
  if (!root) throw new RangeError(`unknown unit ${rootId}`);
  const childrenOf = (u: OrgUnit) => registry.filter((c) => c.parent === u.code);
  const OLD_TIER = "district";
  const countSelf = (v: Values, level: string): Values => {
    for (const ind of catalog.indicators) if (ind.countsUnits === level) v[ind.code] = 1;
    return withRates(v, catalog);
  };
  const one = (yes: boolean) => (yes ? 1 : 0);
  const nodes = new Map<string, Node>();

  /** Childless units, their figures parsed together as the rows of one table. */
  const childless = (units: OrgUnit[]): Node[] => {
    const sent = units.filter((u) => values.has(u.code));
    const rows = parsedRows(sent.map((u) => ({ unit: u.name, unitId: u.code, level: u.level, values: values.get(u.code)! })), catalog);
    return units.map((u) => {
      const k = sent.indexOf(u);
      const got = k >= 0;
      const own = got ? withRates(rows[k]!.values, catalog) : {};
      const node: Node = {
        unitId: u.code, level: u.level, reported: got,
        values: got && u.level === OLD_TIER ? countSelf(own, u.level) : own,
        communesExpected: one(u.level === "commune"), communesReported: one(got && u.level === "commune"),
        districtsExpected: one(u.level === OLD_TIER), districtsReported: one(got && u.level === OLD_TIER),
      };
      nodes.set(u.code, node);
      return node;
    });
  };

  const withChildren = (u: OrgUnit): Node => {
    const kids = childrenOf(u);
    const below = [...childless(kids.filter((k) => childrenOf(k).length === 0)), ...kids.filter((k) => childrenOf(k).length > 0).map(withChildren)];
    const reported = below.filter((n) => n.reported);
    const province = u.level === "province";
    const self = one(u.level === "commune");
    const ownFigures = values.get(u.code);
    const alone = reported.length === 0 && ownFigures !== undefined;
    let v: Values;
    if (alone) v = aggregate([{ unit: u.name, unitId: u.code, level: u.level, values: ownFigures }], catalog, u.level);
    else v = reported.length ? sumValues(reported.map((n) => n.values), catalog) : {};
    const any = alone || reported.length > 0;
    const node: Node = {
      unitId: u.code, level: u.level, reported: any,
      values: any && !province ? countSelf(v, u.level) : v,
      communesExpected: self + below.reduce((s, n) => s + n.communesExpected, 0),
      communesReported: alone ? self : one(any) * self + below.reduce((s, n) => s + n.communesReported, 0),
      districtsExpected: province ? below.filter((n) => n.level === OLD_TIER).length : one(u.level === OLD_TIER),
      districtsReported: province ? (alone ? 0 : reported.filter((n) => n.districtsReported > 0).length) : one(any && u.level === OLD_TIER),
    };
    nodes.set(u.code, node);
    return node;
  };

  if (childrenOf(root).length === 0) childless([root]);
  else withChildren(root);
  return nodes;
}
