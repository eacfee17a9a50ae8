import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getCatalog } from "../../shared/index.ts";
import { sampleDhis2Mapping } from "../../seeds/dhis2-mapping.ts";
import { idem, REGISTRY_ALL, ROOT, startStack, submission, type Stack } from "./stack.ts";

/** POST /api/exports/{province}/{period} on Azurite and the local host. */
let stack: Stack;
const mapping = sampleDhis2Mapping(getCatalog(), REGISTRY_ALL.filter((u) => u.code.startsWith("TST")));
const dir = mkdtempSync(join(tmpdir(), "htct-export-"));

beforeAll(async () => {
  stack = await startStack();
  for (const d of ["TST-D01", "TST-D02"]) {
    const r = await stack.call("POST", "/api/submissions", { user: `clerk-${d}`, headers: idem(), body: submission(d, { period: "2015-Q2" }) });
    expect(r.status).toBe(200);
  }
}, 120_000);
afterAll(async () => { await stack?.close(); });

describe("POST /api/exports", () => {
  it("answers ADX that the IHE schema accepts", async () => {
    const res = await fetch(`${stack.url}/api/exports/TST/2015-Q2`, { method: "POST", headers: { authorization: `Bearer ${await stack.token("province-TST")}`, "content-type": "application/json" }, body: JSON.stringify({ format: "adx", mapping }) });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/adx\+xml/);
    const body = await res.text();
    const f = join(dir, "a.xml");
    writeFileSync(f, body);
    const v = spawnSync("xmllint", ["--noout", "--nonet", "--schema", join(ROOT, "tests/fixtures/adx/adx_loose.xsd"), f], { encoding: "utf8" });
    expect(v.stderr).toMatch(/validates/);
    expect(body).toContain('period="2015-04-01/P3M"');
  });

  it("answers DHIS2 CSV, and the job may export too", async () => {
    const res = await fetch(`${stack.url}/api/exports/TST/2015-Q2`, { method: "POST", headers: { authorization: `Bearer ${await stack.token("job-consolidation")}`, "content-type": "application/json" }, body: JSON.stringify({ format: "dhis2-csv", mapping }) });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text.split("\r\n")[0]).toBe("dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value,storedby,lastupdated,comment,followup,deleted");
    expect(text).toMatch(/\r\nHTCT_MEMBERS_TOTAL,2015Q2,TST-D01,,,\d+,htct,[^,]+,,false,false\r\n/);
    // Raw data only: DHIS2 adds the units up itself.
    expect(text).not.toMatch(/\r\n[^,]+,2015Q2,TST,/);
  });

  it("sends the province total only with includeAggregates", async () => {
    const r = await stack.call("POST", "/api/exports/TST/2015-Q2", { user: "province-TST", body: { format: "dhis2-csv", mapping, includeAggregates: true } });
    expect(r.status).toBe(200);
    expect(String(r.json)).toMatch(/\r\nHTCT_MEMBERS_TOTAL,2015Q2,TST,,,\d+,/);
    expect((await stack.call("POST", "/api/exports/TST/2015-Q2", { user: "province-TST", body: { format: "adx", mapping, includeAggregates: "yes" } })).status).toBe(400);
  });

  it("refuses a period nobody reported with 422 nothing_to_export, not an empty <adx>", async () => {
    const r = await stack.call("POST", "/api/exports/TST/2015-Q3", { user: "province-TST", body: { format: "adx", mapping } });
    expect(r.status).toBe(422);
    expect(r.json.error).toBe("nothing_to_export");
    expect(r.json.message.vi).toMatch(/Không có số liệu để xuất cho TST kỳ 2015-Q3/);
    expect(r.json.message.en).toMatch(/Nothing to export/);
  });

  it("lists what the mapping does not cover with 422", async () => {
    const r = await stack.call("POST", "/api/exports/TST/2015-Q2", { user: "province-TST", body: { format: "adx", mapping: { dataSet: "DS", dataElements: {}, orgUnits: {} } } });
    expect(r.status).toBe(422);
    expect(r.json.error).toBe("unmapped");
    expect(r.json.unmapped.orgUnits.map((o: { code: string }) => o.code)).toEqual(["TST-D01", "TST-D02"]);
    expect(r.json.message.vi).toMatch(/Bảng ánh xạ DHIS2 chưa đủ/);
  });

  it("refuses what it must: 403, 400, 415, 413, never a 500", async () => {
    expect((await stack.call("POST", "/api/exports/TST/2015-Q2", { user: "province-BTH", body: { format: "adx", mapping } })).status).toBe(403);
    expect((await stack.call("POST", "/api/exports/TST/2015-Q2", { user: "clerk-TST-D01", body: { format: "adx", mapping } })).status).toBe(403);
    expect((await stack.call("POST", "/api/exports/TST/2015-Q2", { body: { format: "adx", mapping } })).status).toBe(401);
    expect((await stack.call("POST", "/api/exports/TST/2015-Q5", { user: "province-TST", body: { format: "adx", mapping } })).status).toBe(400);
    expect((await stack.call("POST", "/api/exports/TST/2015-Q2", { user: "province-TST", body: { format: "xls", mapping } })).status).toBe(400);
    expect((await stack.call("POST", "/api/exports/TST/2015-Q2", { user: "province-TST", body: { format: "adx", mapping: { ...mapping, dataSet: '"/><x' } } })).status).toBe(400);
    expect((await stack.call("POST", "/api/exports/TST/2015-Q2", { user: "province-TST", raw: "format=adx", headers: { "content-type": "text/plain" } })).status).toBe(415);
    expect((await stack.call("POST", "/api/exports/TST/2015-Q2", { user: "province-TST", raw: "{", headers: { "content-type": "application/json" } })).status).toBe(400);
    const big = { format: "adx", mapping: { ...mapping, ignore: Array.from({ length: 150_000 }, (_, i) => `x.y${i}`) } };
    expect((await stack.call("POST", "/api/exports/TST/2015-Q2", { user: "province-TST", body: big })).status).toBe(413);
  });

  it("is in the OpenAPI document with its media types and the 422", async () => {
    const doc = (await stack.call("GET", "/api/openapi.json")).json;
    const op = doc.paths["/api/exports/{province}/{period}"].post;
    expect(Object.keys(op.responses["200"].content)).toEqual(["application/adx+xml", "text/csv"]);
    expect(op.responses["422"]).toBeDefined();
    expect(op.responses["403"]).toBeDefined();
  });
});
