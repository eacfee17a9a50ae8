import type { Catalog } from "../catalog/catalog.ts";
import { getCatalog } from "../catalog/catalog.ts";
import { rollupUnits, type RollupResponse } from "../contract/rollups.ts";
import type { Lang } from "../model.ts";
import { adxPeriod, dhis2Period, type Dhis2Element, type Dhis2Mapping } from "../contract/dhis2-mapping.ts";
import { csvLine } from "../annotate/cell-text.ts";

export type ExportFormat = "adx" | "dhis2-csv";

export interface ExportValue {
  unit: string;
  orgUnit: string;
  indicator: string;
  element: Dhis2Element;
  value: number;
  lastUpdated: string | null;
}

export interface Unmapped {
  indicators: { code: string; label: string; units: number }[];
  orgUnits: { code: string; name: string }[];
}

export class ExportUnmappedError extends Error {
  constructor(readonly unmapped: Unmapped, lang: Lang = "en") {
    super(describeUnmapped(unmapped, lang));
  }
}

/** One line per thing the mapping lacks, the way a person fixes the mapping file. */
export function describeUnmapped(u: Unmapped, lang: Lang): string {
  const vi = lang === "vi";
  const parts: string[] = [];
  if (u.indicators.length) {
    parts.push((vi ? `${u.indicators.length} chỉ tiêu có số liệu nhưng chưa gán phần tử dữ liệu DHIS2 (thêm vào "dataElements" hoặc "ignore"): ` : `${u.indicators.length} indicators have data but no DHIS2 data element (add them to "dataElements" or "ignore"): `)
      + u.indicators.slice(0, 20).map((i) => `${i.code} (${i.label})`).join(", ") + (u.indicators.length > 20 ? "…" : ""));
  }
  if (u.orgUnits.length) {
    parts.push((vi ? `${u.orgUnits.length} đơn vị có số liệu nhưng chưa gán đơn vị DHIS2 (thêm vào "orgUnits"): ` : `${u.orgUnits.length} org units have data but no DHIS2 org unit (add them to "orgUnits"): `)
      + u.orgUnits.slice(0, 20).map((o) => `${o.code} (${o.name})`).join(", ") + (u.orgUnits.length > 20 ? "…" : ""));
  }
  return parts.join("\n");
}

/** Nothing to send: DHIS2 would import an empty file as "0 imported" and nobody would notice why. */
export class ExportEmptyError extends Error {
  constructor(readonly province: string, readonly period: string, lang: Lang = "en") {
    super(lang === "vi"
      ? `Không có số liệu để xuất cho ${province} kỳ ${period}: chưa đơn vị nào báo cáo, hoặc bảng ánh xạ bỏ qua mọi chỉ tiêu có số liệu.`
      : `Nothing to export for ${province} ${period}: no unit has reported, or the mapping ignores every indicator with data.`);
  }
}

export interface ExportOptions {
  lang?: Lang;
  catalog?: Catalog;
  /**
   * Also send the province total as its own org unit. Off by default: DHIS2 aggregates raw data
   * up its own hierarchy, so a total sent beside its units is counted twice in analytics. Only
   * for an instance whose province org unit has no children to aggregate from.
   */
  includeAggregates?: boolean;
}

/**
 * The rollup's values as DHIS2 data values: each reporting unit's counts (rates are DHIS2's to
 * compute), through the mapping; the province total only when asked for. Anything with data
 * that the mapping does not cover is an error listing all of it, never a silent gap.
 */
export function exportValues(rollup: RollupResponse, mapping: Dhis2Mapping, opts: ExportOptions = {}): ExportValue[] {
  const catalog = opts.catalog ?? getCatalog();
  const ignore = new Set(mapping.ignore);
  const units: { code: string; name: string; values: Record<string, number>; at: string | null }[] = [
    ...rollupUnits(rollup).filter((d) => d.submitted).map((d) => ({ code: d.unit, name: d.name, values: d.values, at: d.lastSubmittedAt })),
    ...(opts.includeAggregates ? [{ code: rollup.province, name: rollup.name, values: rollup.totals, at: rollup.computedAt }] : []),
  ];
  const missingInd = new Map<string, number>();
  const missingOu: Unmapped["orgUnits"] = [];
  const out: ExportValue[] = [];
  for (const u of units) {
    const ou = mapping.orgUnits[u.code];
    if (!ou && Object.keys(u.values).length) missingOu.push({ code: u.code, name: u.name });
    for (const [code, value] of Object.entries(u.values)) {
      const ind = catalog.byCode.get(code);
      if (!ind || ind.kind === "ratio" || ind.type === "percent" || ignore.has(code)) continue;
      const element = mapping.dataElements[code];
      if (!element) { missingInd.set(code, (missingInd.get(code) ?? 0) + 1); continue; }
      if (ou) out.push({ unit: u.code, orgUnit: ou, indicator: code, element, value, lastUpdated: u.at });
    }
  }
  if (missingInd.size || missingOu.length) {
    const label = (c: string) => catalog.byCode.get(c)?.label[opts.lang ?? "en"] ?? c;
    throw new ExportUnmappedError({ indicators: [...missingInd].map(([code, units]) => ({ code, label: label(code), units })), orgUnits: missingOu }, opts.lang);
  }
  return out;
}

const xmlAttr = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");
/** Decimal as xs:decimal wants it: no exponent, no grouping. */
const decimal = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(10).replace(/0+$/, "").replace(/\.$/, ""));

/** IHE ADX (urn:ihe:qrph:adx:2015): one group per org unit, values as data values. */
export function toAdx(rollup: RollupResponse, mapping: Dhis2Mapping, values: readonly ExportValue[], exported: Date): string {
  const byOu = new Map<string, ExportValue[]>();
  for (const v of values) byOu.set(v.orgUnit, [...(byOu.get(v.orgUnit) ?? []), v]);
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', `<adx xmlns="urn:ihe:qrph:adx:2015" exported="${exported.toISOString()}">`];
  const period = adxPeriod(rollup.period);
  for (const [ou, vs] of byOu) {
    const aoc = mapping.attributeOptionCombo ? ` attributeOptionCombo="${xmlAttr(mapping.attributeOptionCombo)}"` : "";
    lines.push(`  <group orgUnit="${xmlAttr(ou)}" period="${period}" dataSet="${xmlAttr(mapping.dataSet)}"${aoc}>`);
    for (const v of vs) {
      const cats = Object.entries(v.element.categories ?? {}).map(([k, o]) => ` ${k}="${xmlAttr(o)}"`).join("");
      lines.push(`    <dataValue dataElement="${xmlAttr(v.element.dataElement)}"${cats} value="${decimal(v.value)}"/>`);
    }
    lines.push("  </group>");
  }
  lines.push("</adx>", "");
  return lines.join("\n");
}

/**
 * The eleven columns dhis2-core writes for a data value set, in its order. Its CSV reader takes
 * fields by position after one header row, so the order is the contract, not the names.
 */
export const DHIS2_CSV_COLUMNS = ["dataelement", "period", "orgunit", "categoryoptioncombo", "attributeoptioncombo", "value", "storedby", "lastupdated", "comment", "followup", "deleted"] as const;

/**
 * DHIS2's data value CSV, identifiers as the mapping gives them (import with the idScheme that
 * matches: CODE for the demo mapping, UID for a mapping of UIDs). Every field is a validated
 * identifier, a number or a timestamp, so no field needs quoting and none can be taken for a
 * formula by a spreadsheet that opens the file.
 */
export function toDhis2Csv(rollup: RollupResponse, mapping: Dhis2Mapping, values: readonly ExportValue[]): string {
  const period = dhis2Period(rollup.period);
  const rows = [csvLine(DHIS2_CSV_COLUMNS)];
  // csvLine as well: the identifiers are validated, but the writer, not the mapping schema, is
  // the last point where a field could still become a formula or break a row.
  for (const v of values) {
    rows.push(csvLine([v.element.dataElement, period, v.orgUnit, v.element.categoryOptionCombo ?? "", mapping.attributeOptionCombo ?? "", decimal(v.value), "htct", v.lastUpdated ?? "", "", "false", "false"]));
  }
  return rows.join("\r\n") + "\r\n";
}

/** The export in one call: values through the mapping, then the format. */
export function exportRollup(rollup: RollupResponse, mapping: Dhis2Mapping, format: ExportFormat, opts: ExportOptions & { now?: Date } = {}): { body: string; contentType: string; values: number } {
  const values = exportValues(rollup, mapping, opts);
  // An ADX message with no group is not valid ADX, and an empty CSV imports as silence.
  if (!values.length) throw new ExportEmptyError(rollup.province, rollup.period, opts.lang);
  return format === "adx"
    ? { body: toAdx(rollup, mapping, values, opts.now ?? new Date()), contentType: "application/adx+xml; charset=utf-8", values: values.length }
    : { body: toDhis2Csv(rollup, mapping, values), contentType: "text/csv; charset=utf-8", values: values.length };
}
