import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RollupResponse } from "../../shared/contract/index.ts";
import { idem, startStack, submission, type Stack } from "./stack.ts";

/**
 * Issue 19: Lâm Đồng, formed on 1 July 2025 from Bình Thuận, Đắk Nông and the old Lâm Đồng, sees
 * its past on the demo data: its 2024 rebuilt in today's communes (saying whose figures it
 * lacks), Bình Thuận's own figures read only by its staff, and its 2026 compared across the
 * reorganisation. Against Azurite, seeded as `npm run seed` seeds.
 */
let s: Stack;
beforeAll(async () => {
  s = await startStack();
  const { seedSubmissions } = await import("../../scripts/seed.ts");
  await seedSubmissions(s.url, process.env.AUTH_DEV_KEY_DIR!, () => undefined);
}, 180_000);
afterAll(async () => { await s?.close(); });

describe("a province formed in the reorganisation", () => {
  it("reads a period before it existed as its predecessors' figures rebuilt in today's units, marked as such, naming the missing predecessors", async () => {
    const r = await s.call("GET", "/api/rollups/LDG/2024", { user: "province-LDG" });
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    const body = RollupResponse.parse(r.json);
    expect(body.reconstructed).toMatchObject({ inUnitsOf: "2026", from: ["BTH"], missing: ["67", "68"], approximate: true });
    // The registry's names, as a reader says a province that no longer exists.
    expect(body.reconstructed!.note.vi).toContain("từ số liệu của tỉnh Bình Thuận (cũ); thiếu số liệu của tỉnh Đắk Nông (cũ), tỉnh Lâm Đồng (cũ)");
    expect(body.reconstructed!.note.en).toContain("no figures for the former Đắk Nông province, the former Lâm Đồng province");
    // The province total is Bình Thuận's own, not the sum of the communes (which counts a split commune twice).
    const bth = await s.call("GET", "/api/rollups/BTH/2024", { user: "province-BTH" });
    expect(body.totals["members.total"]).toBe(bth.json.totals["members.total"]);
    // Today's communes, each rebuilt from its predecessors; nobody reported, nothing was due.
    expect(body.districts.map((d) => d.unit)).toEqual(["LDG-M01", "LDG-M02", "LDG-M03", "LDG-M04", "LDG-M05"]);
    expect(new Set(body.districts.map((d) => d.status))).toEqual(new Set(["reconstructed"]));
    const m02 = body.districts.find((d) => d.unit === "LDG-M02")!;
    expect(m02.reconstructed?.split).toEqual(["BTH-HTN-08"]);
    expect(m02.reconstructed?.approximate).toContain("members.total");
    const zone = body.districts.find((d) => d.unit === "LDG-M05")!;
    expect(zone.submitted).toBe(false);
    expect(body.completeness).toMatchObject({ unitsExpected: 5, unitsReported: 4 });
    expect(body.targets).toEqual([]);
    // Approved data only is a setting of the province's own periods: a clear refusal, not a 500.
    const only = await s.call("GET", "/api/rollups/LDG/2024?approved=only", { user: "province-LDG" });
    expect(only.status).toBe(400);
    expect(only.json.message.vi).toMatch(/tính lại/);
  });

  it("lets its staff read the old province's own figures, read only; nobody else gains a right", async () => {
    const own = await s.call("GET", "/api/rollups/BTH/2024", { user: "province-BTH" });
    const read = await s.call("GET", "/api/rollups/BTH/2024", { user: "province-LDG" });
    expect(read.status).toBe(200);
    expect(read.json.totals).toEqual(own.json.totals);
    expect(read.json.reconstructed).toBeUndefined();
    expect((await s.call("GET", "/api/details/BTH/2024/BTH-HTN", { user: "province-LDG" })).status).toBe(200);
    expect((await s.call("GET", "/api/submissions/BTH/2024/BTH-HTN", { user: "province-LDG" })).status).toBe(200);
    // Read only: locking, approving or submitting for the old province stays refused.
    expect((await s.call("POST", "/api/periods/BTH/2024/lock", { user: "province-LDG" })).status).toBe(403);
    const units = [{ unit: "BTH-HTN", version: own.json.districts[0].version }];
    expect((await s.call("POST", "/api/approvals/BTH/2024/approve", { user: "province-LDG", body: { units } })).status).toBe(403);
    const sub = await s.call("POST", "/api/submissions", { user: "province-LDG", headers: idem(), body: submission("BTH-HTN", { period: "2024" }) });
    expect(sub.status).toBe(403);
    // Staff of a province with no link, the old province's staff for the new one, and the new province's clerks: still 403.
    for (const [user, path] of [["province-TST", "/api/rollups/BTH/2024"], ["province-TST", "/api/rollups/LDG/2024"], ["province-LCU", "/api/details/BTH/2024/BTH-HTN"],
      ["province-BTH", "/api/rollups/LDG/2024"], ["clerk-LDG-M01", "/api/rollups/BTH/2024"]] as const) {
      const r = await s.call("GET", path, { user });
      expect(r.status, `${user} ${path}`).toBe(403);
    }
  });

  it("every read its staff need for the old province's past answers them (periods, rollup, detail, history, approvals, status clerks, calendar, scorecard, exports); every write stays refused", async () => {
    const { getCatalog } = await import("../../shared/index.ts");
    const { sampleDhis2Mapping } = await import("../../seeds/dhis2-mapping.ts");
    const as = (user: string) => ({ user });
    // Its own staff's answers are what the successor reads, the same bodies.
    const periods = await s.call("GET", "/api/periods/BTH", as("province-LDG"));
    expect(periods.status, JSON.stringify(periods.json)).toBe(200);
    expect(periods.json.periods.map((p: { period: string }) => p.period)).toContain("2024");
    expect(periods.json).toEqual((await s.call("GET", "/api/periods/BTH", as("province-BTH"))).json);
    for (const path of ["/api/rollups/BTH/2024", "/api/details/BTH/2024/BTH-HTN", "/api/submissions/BTH/2024/BTH-HTN", "/api/rollups/BTH/2025-Q4/in/2024",
      "/api/approvals/BTH/2024", "/api/assignments/BTH", "/api/calendars/BTH", "/api/scorecards/BTH/2024", "/api/orgunits/BTH"]) {
      const r = await s.call("GET", path, as("province-LDG"));
      expect(r.status, `${path} ${JSON.stringify(r.json).slice(0, 300)}`).toBe(200);
    }
    // The approval states read, no level to act at; the clerks named for the status sheet.
    const approvals = await s.call("GET", "/api/approvals/BTH/2024", as("province-LDG"));
    expect(approvals.json.myLevels).toEqual([]);
    expect(approvals.json.units.length).toBeGreaterThan(0);
    const units = (await s.call("GET", "/api/orgunits/BTH", as("province-LDG"))).json.units;
    const mapping = sampleDhis2Mapping(getCatalog(), units);
    for (const format of ["adx", "dhis2-csv"]) {
      const res = await fetch(`${s.url}/api/exports/BTH/2024`, { method: "POST", headers: { authorization: `Bearer ${await s.token("province-LDG")}`, "content-type": "application/json" }, body: JSON.stringify({ format, mapping }) });
      expect(res.status, `${format} ${await res.clone().text()}`).toBe(200);
      expect((await res.text()).length).toBeGreaterThan(100);
    }
    // Writes and decisions for the old province: refused, nothing changed.
    const version = (await s.call("GET", "/api/rollups/BTH/2024", as("province-BTH"))).json.districts[0].version;
    const writes: [string, string, unknown][] = [
      ["POST", "/api/periods/BTH/2024/lock", undefined], ["POST", "/api/periods/BTH/2024/unlock", undefined],
      ["POST", "/api/approvals/BTH/2024/approve", { units: [{ unit: "BTH-HTN", version }] }],
      ["POST", "/api/approvals/BTH/2024/return", { units: [{ unit: "BTH-HTN", version }], comment: "rà soát lại" }],
      ["POST", "/api/approvals/BTH/2024/reopen", { units: [{ unit: "BTH-HTN", version }], comment: "mở lại" }],
      ["POST", "/api/approvals/BTH/2024/complete", { unit: "BTH-HTN", version }],
      ["PUT", "/api/calendars/BTH", { calendar: {} }],
      ["PUT", "/api/assignments/BTH/clerk-x", { role: "clerk", unit: "BTH-HTN" }],
      ["POST", "/api/orgunits/BTH/import", { units }],
    ];
    const before = (await s.call("GET", "/api/approvals/BTH/2024", as("province-BTH"))).json;
    for (const [method, path, body] of writes) {
      const r = await s.call(method, path, { user: "province-LDG", headers: idem(), ...(body === undefined ? {} : { body }) });
      expect(r.status, `${method} ${path} ${JSON.stringify(r.json).slice(0, 200)}`).toBe(403);
    }
    expect((await s.call("GET", "/api/approvals/BTH/2024", as("province-BTH"))).json).toEqual(before);
    // The new province's clerks and other provinces' staff gain nothing.
    for (const [user, path] of [["clerk-LDG-M01", "/api/periods/BTH"], ["province-TST", "/api/periods/BTH"], ["province-TST", "/api/scorecards/BTH/2024"], ["province-BTH", "/api/scorecards/LDG/2026"], ["clerk-LDG-M01", "/api/approvals/BTH/2024"]] as const) {
      expect((await s.call("GET", path, as(user))).status, `${user} ${path}`).toBe(403);
    }
  });

  it("GET /api/periods/LDG lists its predecessors' periods too, each marked as that province's, for its staff only", async () => {
    const { PeriodsResponse } = await import("../../shared/contract/index.ts");
    const r = await s.call("GET", "/api/periods/LDG", { user: "province-LDG" });
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    const body = PeriodsResponse.parse(r.json);
    expect(body.province).toBe("LDG");
    // Its own periods, unmarked.
    const own = body.periods.filter((p) => !p.predecessor);
    expect(own.map((p) => p.period)).toContain("2026");
    // Bình Thuận's 2024 (the demo's predecessor with figures), marked with whose it is, as the BTH route lists it.
    const bth = body.periods.filter((p) => p.predecessor?.province === "BTH");
    expect(bth.map((p) => p.period)).toContain("2024");
    expect(bth[0]!.predecessor).toEqual({ province: "BTH", name: { vi: "tỉnh Bình Thuận (cũ)", en: "the former Bình Thuận province" } });
    const bthOwn = (await s.call("GET", "/api/periods/BTH", { user: "province-BTH" })).json.periods;
    expect(bth.map(({ predecessor: _, ...p }) => p)).toEqual(bthOwn);
    // Only predecessors of the shipped registry (Bình Thuận, Đắk Nông, old Lâm Đồng), newest first.
    expect(body.periods.every((p) => !p.predecessor || ["BTH", "67", "68"].includes(p.predecessor.province))).toBe(true);
    expect(body.periods.map((p) => p.period)).toEqual([...body.periods.map((p) => p.period)].sort().reverse());
    // Its clerks read its own periods only; Bình Thuận's staff gain nothing of Lâm Đồng's.
    const clerk = await s.call("GET", "/api/periods/LDG", { user: "clerk-LDG-M01" });
    expect(clerk.status).toBe(200);
    expect(clerk.json.periods.filter((p: { predecessor?: unknown }) => p.predecessor)).toEqual([]);
    expect((await s.call("GET", "/api/periods/LDG", { user: "province-BTH" })).status).toBe(403);
    // The OpenAPI document follows the route table: the periods answer has the optional field.
    const doc = (await s.call("GET", "/api/openapi.json")).json;
    const answer = doc.paths["/api/periods/{province}"].get.responses["200"];
    expect(JSON.stringify(answer)).toContain("\"predecessor\"");
  });

  it("compares its 2026 with 2024 rebuilt in its communes (2025 has no figures), in the sheet and in the report's paragraph", async () => {
    const { writeDraftReport } = await import("../../cli/report.ts");
    const { fetchWithComparisonsInUnits } = await import("../../cli/api-client.ts");
    const { layoutRollup } = await import("../../shared/report/rollup-layout.ts");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const server = { url: new URL(s.url), token: await s.token("province-LDG") };
    const cmp = await fetchWithComparisonsInUnits(server, "LDG", "2026");
    expect(cmp.previous?.period).toBe("2024");
    const L = layoutRollup(cmp.rollup, "vi", cmp);
    const headings = L.comparisons.filter((c) => c.kind === "heading").map((c) => c.label);
    expect(headings[0]).toBe("Kỳ gần nhất có số liệu (năm 2024), theo đơn vị của kỳ này");
    const total = L.comparisons.find((c) => c.kind === "total")!;
    expect(total.values[2]).toContain("thiếu số liệu của tỉnh Đắk Nông (cũ), tỉnh Lâm Đồng (cũ)");
    const draft = await writeDraftReport({ server, province: "LDG", period: "2026", output: join(tmpdir(), `ldg-2026-${process.pid}.docx`), lang: "vi" });
    const members = draft.sections.flatMap((x) => x.paragraphs).find((p) => p.text.startsWith("Tổng số đảng viên"))!;
    expect(members.text).toMatch(/so với năm 2024/);
    // Like with like in the same paragraph: the rebuilt 2024 lacks two predecessors.
    expect(members.text).toContain("số liệu năm 2024 tính lại còn thiếu tỉnh Đắk Nông (cũ), tỉnh Lâm Đồng (cũ)");
  });

  it("htct rollup --province LDG --period 2024 answers (not 404): the sheet's rows are today's communes, its heading says what the figures rest on", async () => {
    const { runCli } = await import("../cli/run-cli.ts");
    const { mkdtemp, writeFile } = await import("node:fs/promises");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const ExcelJS = (await import("exceljs")).default;
    const dir = await mkdtemp(join(tmpdir(), "htct-ldg-"));
    const tokenFile = join(dir, "token");
    await writeFile(tokenFile, await s.token("province-LDG"));
    const out = join(dir, "ldg-2024.xlsx");
    const r = await runCli(["rollup", "--server", s.url, "--token-file", tokenFile, "--province", "LDG", "--period", "2024", "-o", out]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain("4/5 đơn vị, 4/5 xã có số liệu tính lại");
    expect(r.out).toContain("thiếu số liệu của tỉnh Đắk Nông (cũ), tỉnh Lâm Đồng (cũ)");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.worksheets[0]!;
    expect(String(ws.getCell("A3").value)).toMatch(/^Số liệu năm 2024 được tính lại theo đơn vị hành chính năm 2026 từ số liệu của tỉnh Bình Thuận \(cũ\); thiếu số liệu/);
    const names: string[] = [];
    ws.eachRow((row) => names.push(String(row.getCell(1).value)));
    expect(names).toEqual(expect.arrayContaining(["Xã mẫu 01", "Đặc khu mẫu"]));
    const status: string[] = [];
    ws.eachRow((row) => { if (String(row.getCell(1).value).startsWith("Xã mẫu") || row.getCell(1).value === "Đặc khu mẫu") status.push(String(row.getCell(3).value)); });
    expect(status.slice(0, 5)).toEqual(["Tính lại từ đơn vị cũ", "Tính lại từ đơn vị cũ", "Tính lại từ đơn vị cũ", "Tính lại từ đơn vị cũ", "Không có số liệu để tính lại"]);
    // Another province's staff gets the server's refusal, not a sheet.
    await writeFile(tokenFile, await s.token("province-TST"));
    const refused = await runCli(["rollup", "--server", s.url, "--token-file", tokenFile, "--province", "LDG", "--period", "2024", "--json"]);
    expect(refused.code).not.toBe(0);
    expect(refused.err).toMatch(/403|Phân công/);
  });

  it("drafts a report of the rebuilt period that says so in its subtitle", async () => {
    const { writeDraftReport } = await import("../../cli/report.ts");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const server = { url: new URL(s.url), token: await s.token("province-LDG") };
    const draft = await writeDraftReport({ server, province: "LDG", period: "2024", output: join(tmpdir(), `ldg-2024-${process.pid}.docx`), lang: "vi" });
    expect(draft.subtitle).toContain("số liệu năm 2024 được tính lại theo đơn vị hành chính năm 2026 từ số liệu của tỉnh Bình Thuận (cũ); thiếu số liệu của tỉnh Đắk Nông (cũ), tỉnh Lâm Đồng (cũ)");
  });
});
