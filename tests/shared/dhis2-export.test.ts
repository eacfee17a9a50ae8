import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { getCatalog } from "../../shared/index.ts";
import { Dhis2Mapping, adxPeriod, dhis2Period } from "../../shared/contract/dhis2-mapping.ts";
import { DHIS2_CSV_COLUMNS, ExportEmptyError, ExportUnmappedError, exportRollup, exportValues } from "../../shared/export/dhis2-export.ts";
import { hamTanCommuneValues } from "../../seeds/data.ts";
import { REGISTRY } from "../../seeds/orgunits.ts";
import { demoRegistry, sampleDhis2Mapping } from "../../seeds/dhis2-mapping.ts";
import { rollupFrom } from "./rollup-fixture.ts";

const SCHEMA = resolve(import.meta.dirname, "../fixtures/adx/adx_loose.xsd");
const catalog = getCatalog();
const BTH = REGISTRY.filter((u) => u.code === "BTH" || u.code === "BTH-HTN" || u.parent === "BTH-HTN");
const communes = Object.fromEntries(hamTanCommuneValues().map((u) => [u.unit, u.values]));
const rollup = rollupFrom({ registry: BTH, province: "BTH", period: "2015-H1", values: new Map([["BTH-HTN", communes]]) });
const mapping = Dhis2Mapping.parse(sampleDhis2Mapping(catalog, BTH));
const dir = mkdtempSync(join(tmpdir(), "htct-adx-"));

function xmllint(xml: string): { ok: boolean; out: string } {
  const f = join(dir, `m${Math.random().toString(36).slice(2)}.xml`);
  writeFileSync(f, xml);
  const r = spawnSync("xmllint", ["--noout", "--nonet", "--schema", SCHEMA, f], { encoding: "utf8" });
  if (r.error) throw new Error("xmllint is missing: apt-get install -y libxml2-utils");
  return { ok: r.status === 0, out: r.stderr };
}

/**
 * dhis2-core's data value CSV reader, as its documentation and reader describe it: one header
 * row skipped, then fields taken by position (dataelement, period, orgunit, categoryoptioncombo,
 * attributeoptioncombo, value, storedby, lastupdated, comment, followup, deleted), RFC 4180
 * quoting. Written here from that description so that the export is read the way DHIS2 reads it,
 * not the way our writer thinks it wrote it.
 */
function readAsDhis2(csv: string): { dataElement: string; period: string; orgUnit: string; coc: string; aoc: string; value: string; storedBy: string; lastUpdated: string; comment: string; followup: boolean; deleted: boolean }[] {
  const rows: string[][] = [];
  let row: string[] = [], field = "", quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const c = csv[i]!;
    if (quoted) {
      if (c === '"' && csv[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") { row.push(field); field = ""; }
    else if (c === "\n" || c === "\r") { if (c === "\r" && csv[i + 1] === "\n") i++; row.push(field); rows.push(row); row = []; field = ""; }
    else field += c;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  return rows.slice(1).map((r) => {
    if (r.length !== 11) throw new Error(`DHIS2 reads 11 fields, this row has ${r.length}: ${r.join(",")}`);
    return { dataElement: r[0]!, period: r[1]!, orgUnit: r[2]!, coc: r[3]!, aoc: r[4]!, value: r[5]!, storedBy: r[6]!, lastUpdated: r[7]!, comment: r[8]!, followup: r[9] === "true", deleted: r[10] === "true" };
  });
}

describe("DHIS2 export", () => {
  it("ADX validates against the IHE ADX schema, one group per reporting unit, counts only, no province total", () => {
    const { body, values } = exportRollup(rollup, mapping, "adx", { now: new Date("2015-07-20T01:02:03Z") });
    const v = xmllint(body);
    expect(v.out).toMatch(/validates/);
    expect(v.ok).toBe(true);
    expect(body).toContain('<group orgUnit="BTH-HTN" period="2015-01-01/P6M" dataSet="HTCT_HTCT_CO_SO">');
    expect(body).toContain('<dataValue dataElement="HTCT_MEMBERS_TOTAL" value="609"/>');
    // DHIS2 aggregates the units itself: the province as its own org unit would count twice.
    expect(body).not.toContain('orgUnit="BTH"');
    expect((body.match(/<group /g) ?? []).length).toBe(1);
    expect(body).not.toMatch(/_RATE"/);
    expect(values).toBe((body.match(/<dataValue /g) ?? []).length);
    // The schema is not a rubber stamp: a value that is not a decimal fails it.
    expect(xmllint(body.replace('value="609"', 'value="6,09"')).ok).toBe(false);
  });

  it("ADX with categories and an attribute option combo still validates", () => {
    const m = Dhis2Mapping.parse({ ...sampleDhis2Mapping(catalog, BTH), attributeOptionCombo: "AOC1", dataElements: { ...mapping.dataElements, "cadres.cs.women": { dataElement: "CBCC", categoryOptionCombo: "COC_F_CS", categories: { SEX: "F", STAFF: "CS" } } } });
    const { body } = exportRollup(rollup, m, "adx");
    expect(xmllint(body).ok).toBe(true);
    expect(body).toMatch(/<dataValue dataElement="CBCC" SEX="F" STAFF="CS" value="\d+"\/>/);
  });

  it("sends the province total only when asked (--include-aggregates), still valid ADX", () => {
    const { body } = exportRollup(rollup, mapping, "adx", { includeAggregates: true });
    expect(xmllint(body).ok).toBe(true);
    expect(body).toContain('<group orgUnit="BTH" period="2015-01-01/P6M"');
    expect((body.match(/<group /g) ?? []).length).toBe(2);
  });

  it("CSV has the eleven columns dhis2-core writes and reads back as DHIS2 reads it", () => {
    const { body, values } = exportRollup(rollup, mapping, "dhis2-csv");
    const lines = body.trimEnd().split("\r\n");
    expect(lines[0]).toBe(DHIS2_CSV_COLUMNS.join(","));
    expect(lines[0]).toBe("dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value,storedby,lastupdated,comment,followup,deleted");
    const read = readAsDhis2(body);
    expect(read).toHaveLength(values);
    expect(read.filter((r) => r.dataElement === "HTCT_MEMBERS_TOTAL").map((r) => [r.period, r.orgUnit, r.value])).toEqual([["2015S1", "BTH-HTN", "609"]]);
    expect(read.every((r) => !r.deleted && !r.followup && r.storedBy === "htct" && r.orgUnit === "BTH-HTN")).toBe(true);
    expect(read.every((r) => !Number.isNaN(Date.parse(r.lastUpdated)))).toBe(true);
    expect(lines.slice(1).every((l) => !/^[=+\-@]/.test(l))).toBe(true);
    // The reader is strict: a ten-column file (the old export) is refused.
    expect(() => readAsDhis2(body.replace(/,false\r\n/g, "\r\n"))).toThrow(/11 fields/);
    const agg = readAsDhis2(exportRollup(rollup, mapping, "dhis2-csv", { includeAggregates: true }).body);
    expect(agg.filter((r) => r.dataElement === "HTCT_MEMBERS_TOTAL").map((r) => r.orgUnit)).toEqual(["BTH-HTN", "BTH"]);
  });

  it("refuses an empty export in both formats, with a message, instead of writing <adx></adx>", () => {
    const none = rollupFrom({ registry: BTH, province: "BTH", period: "2015-H1", values: new Map() });
    for (const format of ["adx", "dhis2-csv"] as const) {
      let err: unknown;
      try { exportRollup(none, mapping, format, { lang: "vi" }); } catch (e) { err = e; }
      expect(err).toBeInstanceOf(ExportEmptyError);
      expect((err as Error).message).toMatch(/Không có số liệu để xuất cho BTH kỳ 2015-H1/);
    }
    // Everything ignored is as empty as nothing reported.
    const ign = Dhis2Mapping.parse({ ...sampleDhis2Mapping(catalog, BTH), dataElements: {}, ignore: Object.keys(mapping.dataElements) });
    expect(() => exportRollup(rollup, ign, "adx")).toThrow(ExportEmptyError);
  });

  it("refuses mappings that DHIS2 would collapse: two indicators on one element and combo, or a combo without ADX categories", () => {
    const base = sampleDhis2Mapping(catalog, BTH);
    const issues = (m: unknown) => { const r = Dhis2Mapping.safeParse(m); return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`); };
    expect(issues({ ...base, dataElements: { ...base.dataElements, "party.cells": { dataElement: "HTCT_MEMBERS_TOTAL" } } }).join("\n")).toMatch(/same data element HTCT_MEMBERS_TOTAL/);
    const twoSame = { "members.total": { dataElement: "M", categoryOptionCombo: "C1", categories: { SEX: "F" } }, "party.cells": { dataElement: "M", categoryOptionCombo: "C1", categories: { SEX: "M" } } };
    expect(issues({ ...base, dataElements: twoSame }).join("\n")).toMatch(/dataElements.party.cells: "members.total" and "party.cells" go to the same data element M with the same categoryOptionCombo/);
    const adxSame = { "members.total": { dataElement: "M", categoryOptionCombo: "C1", categories: { SEX: "F" } }, "party.cells": { dataElement: "M", categoryOptionCombo: "C2", categories: { SEX: "F" } } };
    expect(issues({ ...base, dataElements: adxSame }).join("\n")).toMatch(/same categories/);
    expect(issues({ ...base, dataElements: { "members.total": { dataElement: "M", categoryOptionCombo: "C1" } } }).join("\n")).toMatch(/go together/);
    expect(issues({ ...base, dataElements: { "members.total": { dataElement: "M", categories: { SEX: "F" } } } }).join("\n")).toMatch(/go together/);
  });

  it("carries a shared element's disaggregation in both formats, so the two values stay apart", () => {
    const m = Dhis2Mapping.parse({ ...sampleDhis2Mapping(catalog, BTH), dataElements: { ...mapping.dataElements,
      "members.total": { dataElement: "HTCT_M", categoryOptionCombo: "COC_ALL", categories: { KIND: "ALL" } },
      "party.cells": { dataElement: "HTCT_M", categoryOptionCombo: "COC_CELLS", categories: { KIND: "CELLS" } } } });
    const adx = exportRollup(rollup, m, "adx").body;
    expect(xmllint(adx).ok).toBe(true);
    expect(adx).toContain('<dataValue dataElement="HTCT_M" KIND="ALL" value="609"/>');
    expect(adx).toMatch(/<dataValue dataElement="HTCT_M" KIND="CELLS" value="\d+"\/>/);
    const read = readAsDhis2(exportRollup(rollup, m, "dhis2-csv").body).filter((r) => r.dataElement === "HTCT_M");
    expect(read.map((r) => r.coc).sort()).toEqual(["COC_ALL", "COC_CELLS"]);
  });

  it("lists everything the mapping does not cover, instead of exporting a partial file", () => {
    const partial = Dhis2Mapping.parse({ dataSet: "DS", dataElements: { "members.total": { dataElement: "M" } }, orgUnits: { BTH: "OU1" } });
    let err: unknown;
    try { exportValues(rollup, partial, { lang: "vi" }); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(ExportUnmappedError);
    const u = (err as ExportUnmappedError).unmapped;
    expect(u.orgUnits).toEqual([{ code: "BTH-HTN", name: "Hàm Tân" }]);
    expect(u.indicators.map((i) => i.code)).toContain("party.cells");
    expect(u.indicators.map((i) => i.code)).not.toContain("members.total");
    expect((err as Error).message).toMatch(/chỉ tiêu có số liệu nhưng chưa gán phần tử dữ liệu DHIS2[\s\S]*party\.cells \(Số chi bộ trực thuộc\)[\s\S]*BTH-HTN \(Hàm Tân\)/);
    // Ignored codes are left out on purpose.
    const ign = Dhis2Mapping.parse({ ...sampleDhis2Mapping(catalog, BTH), dataElements: {}, ignore: Object.keys(mapping.dataElements) });
    expect(exportValues(rollup, ign)).toEqual([]);
    // The province needs no org unit unless its total is sent.
    const noProvince = Dhis2Mapping.parse({ ...sampleDhis2Mapping(catalog, BTH), orgUnits: { "BTH-HTN": "OU2" } });
    expect(exportValues(rollup, noProvince).length).toBeGreaterThan(0);
    expect(() => exportValues(rollup, noProvince, { includeAggregates: true })).toThrow(/BTH \(Bình Thuận\)/);
  });

  it("refuses hostile mappings when parsing them", () => {
    const base = sampleDhis2Mapping(catalog, BTH);
    for (const bad of [
      { ...base, dataSet: '"><x/>' },
      { ...base, dataElements: { "members.total": { dataElement: "=HYPERLINK(1)" } } },
      { ...base, dataElements: { "members.total": { dataElement: "M", categories: { value: "1" } } } },
      { ...base, dataElements: { "members.total": { dataElement: "M", categories: { "1x": "1" } } } },
      { ...base, orgUnits: { "bth/..": "X" } },
      { ...base, extra: true },
      { ...base, dataElements: { "members.total": { dataElement: "M", uid: "x" } } },
    ]) expect(Dhis2Mapping.safeParse(bad).success, JSON.stringify(bad).slice(0, 80)).toBe(false);
  });

  it("writes periods as DHIS2 and ADX do", () => {
    expect(["2015", "2015-06", "2015-Q2", "2015-H2"].map(dhis2Period)).toEqual(["2015", "201506", "2015Q2", "2015S2"]);
    expect(["2015", "2015-06", "2015-Q2", "2015-H2"].map(adxPeriod)).toEqual(["2015-01-01/P1Y", "2015-06-01/P1M", "2015-04-01/P3M", "2015-07-01/P6M"]);
  });
});

describe("the sample mapping file", () => {
  it("is what the generator makes from the catalog and the registry (rerun npx tsx seeds/dhis2-mapping.ts)", async () => {
    const { readFileSync } = await import("node:fs");
    const file = JSON.parse(readFileSync(resolve(import.meta.dirname, "../../seeds/dhis2-mapping.json"), "utf8"));
    expect(file).toEqual(JSON.parse(JSON.stringify(sampleDhis2Mapping(catalog, await demoRegistry()))));
    expect(Dhis2Mapping.safeParse(file).success).toBe(true);
  });

  it("covers every demo province: each one's reporting units export without a gap", async () => {
    const { readFileSync } = await import("node:fs");
    const file = Dhis2Mapping.parse(JSON.parse(readFileSync(resolve(import.meta.dirname, "../../seeds/dhis2-mapping.json"), "utf8")));
    const all = await demoRegistry();
    // Provinces some unit reports to: Lâm Đồng's former provinces are in the demo only as its predecessors.
    const provinces = all.filter((u) => u.level === "province" && all.some((x) => x.parent === u.code)).map((u) => u.code);
    expect(provinces).toEqual(expect.arrayContaining(["MAU", "LDG", "BTH"]));
    for (const p of provinces) {
      const reporting = all.filter((u) => u.parent === p);
      expect(reporting.length, p).toBeGreaterThan(0);
      const r = rollupFrom({ registry: all, province: p, period: "2026", values: new Map(reporting.map((u) => [u.code, { [u.code]: { "members.total": 10, "party.cells": 2 } }])) });
      const read = readAsDhis2(exportRollup(r, file, "dhis2-csv", { includeAggregates: true }).body);
      expect(new Set(read.map((x) => x.orgUnit)), p).toEqual(new Set([p, ...reporting.map((u) => u.code)]));
    }
  });
});
