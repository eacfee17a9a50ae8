import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { getCatalog } from "../../shared/index.ts";
import { Dhis2Mapping, adxPeriod, dhis2Period } from "../../shared/contract/dhis2-mapping.ts";
import { DHIS2_CSV_COLUMNS, ExportUnmappedError, exportRollup, exportValues } from "../../shared/export/dhis2-export.ts";
import { hamTanCommuneValues } from "../../seeds/data.ts";
import { REGISTRY } from "../../seeds/orgunits.ts";
import { sampleDhis2Mapping } from "../../seeds/dhis2-mapping.ts";
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

describe("DHIS2 export", () => {
  it("ADX validates against the IHE ADX schema, one group per unit, counts only", () => {
    const { body, values } = exportRollup(rollup, mapping, "adx", { now: new Date("2015-07-20T01:02:03Z") });
    const v = xmllint(body);
    expect(v.out).toMatch(/validates/);
    expect(v.ok).toBe(true);
    expect(body).toContain('<group orgUnit="BTH-HTN" period="2015-01-01/P6M" dataSet="HTCT_HTCT_CO_SO">');
    expect(body).toContain('<dataValue dataElement="HTCT_MEMBERS_TOTAL" value="609"/>');
    expect(body).not.toMatch(/_RATE"/);
    expect(values).toBe((body.match(/<dataValue /g) ?? []).length);
    // The schema is not a rubber stamp: a value that is not a decimal fails it.
    expect(xmllint(body.replace('value="609"', 'value="6,09"')).ok).toBe(false);
  });

  it("ADX with categories and an attribute option combo still validates", () => {
    const m = Dhis2Mapping.parse({ ...sampleDhis2Mapping(catalog, BTH), attributeOptionCombo: "AOC1", dataElements: { ...mapping.dataElements, "cadres.cs.women": { dataElement: "CBCC", categories: { SEX: "F", STAFF: "CS" } } } });
    const { body } = exportRollup(rollup, m, "adx");
    expect(xmllint(body).ok).toBe(true);
    expect(body).toMatch(/<dataValue dataElement="CBCC" SEX="F" STAFF="CS" value="\d+"\/>/);
  });

  it("CSV has DHIS2's data value columns and the figures of the rollup", () => {
    const { body } = exportRollup(rollup, mapping, "dhis2-csv");
    const lines = body.trimEnd().split("\r\n");
    expect(lines[0]).toBe(DHIS2_CSV_COLUMNS.join(","));
    expect(lines[0]).toBe("dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value,storedby,lastupdated,comment,followup");
    const members = lines.filter((l) => l.startsWith("HTCT_MEMBERS_TOTAL,")).map((l) => l.split(","));
    expect(members.map((r) => [r[1], r[2], r[5]])).toEqual([["2015S1", "BTH-HTN", "609"], ["2015S1", "BTH", "609"]]);
    expect(lines.every((l) => l.split(",").length === 10)).toBe(true);
    expect(lines.slice(1).every((l) => !/^[=+\-@]/.test(l))).toBe(true);
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
    expect(file).toEqual(JSON.parse(JSON.stringify(sampleDhis2Mapping(catalog, REGISTRY))));
    expect(Dhis2Mapping.safeParse(file).success).toBe(true);
  });
});
