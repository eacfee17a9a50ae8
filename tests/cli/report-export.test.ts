import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import ExcelJS from "exceljs";
import { runCli } from "./run-cli.ts";
import { spawnSync } from "node:child_process";
import { idem, REGISTRY_ALL, ROOT, startStack, submission, type Stack } from "../functions/stack.ts";
import { getCatalog } from "../../shared/index.ts";
import { sampleDhis2Mapping } from "../../seeds/dhis2-mapping.ts";
import { AssignmentsResponse } from "../../shared/contract/index.ts";

/** `htct report` (and `htct export`) against the real stack: Azurite and the local functions host. */
let stack: Stack;
let dir: string;
let staff: string;

beforeAll(async () => {
  stack = await startStack();
  dir = await mkdtemp(join(tmpdir(), "htct-report-"));
  staff = join(dir, "staff.token");
  await writeFile(staff, await stack.token("province-TST"));
  // Three units report in 2014, four in 2015: the draft compares the two years.
  for (const [period, units, seed] of [["2014", ["TST-D01", "TST-D02", "TST-D03"], 1], ["2015", ["TST-D01", "TST-D02", "TST-D03", "TST-D04"], 2]] as const) {
    for (const d of units) {
      const r = await stack.call("POST", "/api/submissions", { user: `clerk-${d}`, headers: idem(), body: submission(d, { period }, seed) });
      expect(r.status, JSON.stringify(r.json)).toBe(200);
    }
  }
}, 120_000);
afterAll(async () => { await stack?.close(); });

async function docxText(file: string): Promise<string> {
  const zip = await JSZip.loadAsync(await readFile(file));
  const xml = await zip.file("word/document.xml")!.async("string");
  return xml.replace(/<\/w:p>/g, "\n").replace(/<[^>]+>/g, "");
}

describe("htct report", () => {
  it("writes the Vietnamese draft as .docx, with the rollup's figures and the change on the year before", async () => {
    const out = join(dir, "bao-cao.docx");
    const r = await runCli(["report", "--server", stack.url, "--token-file", staff, "--province", "TST", "--period", "2015", "-o", out]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Đã viết dự thảo "Báo cáo kết quả xây dựng hệ thống chính trị cơ sở năm 2015 — Tỉnh mẫu TST"/);
    const text = await docxText(out);
    const api = (await stack.call("GET", "/api/rollups/TST/2015", { user: "province-TST" })).json;
    const prev = (await stack.call("GET", "/api/rollups/TST/2014", { user: "province-TST" })).json;
    const members = api.totals["members.total"] as number;
    // Like with like: 2014 had three of the four units, so the change is theirs (their 2015 against 2014's total), as the sheet's change row.
    const both = (api.districts as { unit: string; submitted: boolean; values: Record<string, number> }[]).filter((d) => prev.districts.find((p: { unit: string; submitted: boolean }) => p.unit === d.unit)?.submitted);
    expect(both).toHaveLength(3);
    const diff = both.reduce((n, d) => n + d.values["members.total"]!, 0) - (prev.totals["members.total"] as number);
    const vn = (n: number) => new Intl.NumberFormat("vi-VN").format(n);
    expect(text).toContain(`Tổng số đảng viên là ${vn(members)}, ${diff === 0 ? "không thay đổi" : `${diff > 0 ? "tăng" : "giảm"} ${vn(Math.abs(diff))}`} ở 3 đơn vị có số liệu cả hai kỳ so với năm 2014. Số liệu so sánh chưa cùng phạm vi: 4/30 đơn vị báo cáo năm 2015, so với 3/30 đơn vị năm 2014.`);
    expect(text).toMatch(/Đã có 4\/30 đơn vị gửi báo cáo/);
    expect(text).toContain("Số liệu tổng hợp lúc");
  });

  it("in English on request, and from a template file", async () => {
    const tpl = join(dir, "mau.json");
    await writeFile(tpl, JSON.stringify({ id: "ngan", version: "1.0.0", periodKinds: ["year"], title: { vi: "Tóm tắt {period}", en: "Summary {period}" },
      sections: [{ heading: { vi: "Đảng viên", en: "Members" }, paragraphs: [{ vi: "Có {v:members.total} đảng viên.", en: "{v:members.total} members." }] }] }));
    const out = join(dir, "en.docx");
    const r = await runCli(["report", "--server", stack.url, "--token-file", staff, "--province", "TST", "--period", "2015", "-o", out, "--template", tpl, "--lang", "en"]);
    expect(r.code).toBe(0);
    expect(await docxText(out)).toMatch(/Summary year 2015[\s\S]*\d members\./);
  });

  const bad: [string, () => Promise<string[]>, RegExp][] = [
    ["no output", async () => ["report", "--server", stack.url, "--token-file", staff, "--province", "TST", "--period", "2015"], /Thiếu -o <tệp.docx>/],
    ["an .xlsx output", async () => ["report", "--server", stack.url, "--token-file", staff, "--province", "TST", "--period", "2015", "-o", join(dir, "x.xlsx")], /Thiếu -o <tệp.docx>/],
    ["a bad province", async () => ["report", "--server", stack.url, "--token-file", staff, "--province", "t/../x", "--period", "2015", "-o", join(dir, "x.docx")], /--province/],
    ["a bad period", async () => ["report", "--server", stack.url, "--token-file", staff, "--province", "TST", "--period", "2015-13", "-o", join(dir, "x.docx")], /--period/],
    ["a template that is not JSON", async () => { const f = join(dir, "t1.json"); await writeFile(f, "{nope"); return ["report", "--server", stack.url, "--token-file", staff, "--province", "TST", "--period", "2015", "-o", join(dir, "x.docx"), "--template", f]; }, /không phải JSON/],
    ["a template missing its sections", async () => { const f = join(dir, "t2.json"); await writeFile(f, JSON.stringify({ id: "a", version: "1.0.0", periodKinds: ["year"], title: { vi: "a", en: "a" } })); return ["report", "--server", stack.url, "--token-file", staff, "--province", "TST", "--period", "2015", "-o", join(dir, "x.docx"), "--template", f]; }, /Mẫu báo cáo không hợp lệ ở "0.sections"/],
    ["a template naming an unknown indicator", async () => { const f = join(dir, "t3.json"); await writeFile(f, JSON.stringify({ id: "a", version: "1.0.0", periodKinds: ["year"], title: { vi: "a", en: "a" }, sections: [{ heading: { vi: "a", en: "a" }, paragraphs: [{ vi: "{v:khong.co}", en: "x" }] }] })); return ["report", "--server", stack.url, "--token-file", staff, "--province", "TST", "--period", "2015", "-o", join(dir, "x.docx"), "--template", f]; }, /không dùng được: unknown indicator "khong.co"/],
    ["an oversized template", async () => { const f = join(dir, "t4.json"); await writeFile(f, " ".repeat(1024 * 1024 + 1)); return ["report", "--server", stack.url, "--token-file", staff, "--province", "TST", "--period", "2015", "-o", join(dir, "x.docx"), "--template", f]; }, /quá lớn/],
    ["another province's staff", async () => { const f = join(dir, "o.token"); await writeFile(f, await stack.token("province-BTH")); return ["report", "--server", stack.url, "--token-file", f, "--province", "TST", "--period", "2015", "-o", join(dir, "x.docx")]; }, /từ chối \(403\)/],
  ];
  for (const [name, args, msg] of bad) {
    it(`refuses ${name} with a clear message, exit 2, no file`, async () => {
      const r = await runCli(await args());
      expect(r.code).toBe(2);
      expect(r.err).toMatch(msg);
      expect(r.err).not.toMatch(/at .*\.ts:\d+/);
      expect(existsSync(join(dir, "x.docx"))).toBe(false);
    });
  }
});

describe("htct export", () => {
  const mappingFile = () => join(dir, "dhis2.json");
  beforeAll(async () => { await writeFile(mappingFile(), JSON.stringify(sampleDhis2Mapping(getCatalog(), REGISTRY_ALL.filter((u) => u.code.startsWith("TST"))))); });
  const args = (format: string, out: string, mapping = mappingFile()) => ["export", "--server", stack.url, "--token-file", staff, "--province", "TST", "--period", "2015", "--format", format, "--mapping", mapping, "-o", out];

  it("writes ADX that the IHE schema accepts, with the stored figures", async () => {
    const out = join(dir, "tst.xml");
    const r = await runCli(args("adx", out));
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Đã xuất \d+ giá trị \(adx\)/);
    const v = spawnSync("xmllint", ["--noout", "--nonet", "--schema", join(ROOT, "tests/fixtures/adx/adx_loose.xsd"), out], { encoding: "utf8" });
    expect(v.stderr).toMatch(/validates/);
    const api = (await stack.call("GET", "/api/rollups/TST/2015", { user: "province-TST" })).json;
    expect(await readFile(out, "utf8")).toContain(`<dataValue dataElement="HTCT_MEMBERS_TOTAL" value="${api.districts[0].values["members.total"]}"/>`);
  });

  it("writes DHIS2 CSV", async () => {
    const out = join(dir, "tst.csv");
    const r = await runCli(args("dhis2-csv", out));
    expect(r.code).toBe(0);
    const lines = (await readFile(out, "utf8")).trimEnd().split("\r\n");
    expect(lines[0]).toBe("dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value,storedby,lastupdated,comment,followup,deleted");
    expect(lines.some((l) => l.startsWith("HTCT_MEMBERS_TOTAL,2015,TST-D01,"))).toBe(true);
    expect(lines.every((l) => l.split(",").length === 11)).toBe(true);
    expect(lines.some((l) => l.startsWith("HTCT_MEMBERS_TOTAL,2015,TST,"))).toBe(false);
  });

  it("adds the province total only with --include-aggregates", async () => {
    const out = join(dir, "tst-agg.csv");
    const r = await runCli([...args("dhis2-csv", out), "--include-aggregates"]);
    expect(r.code).toBe(0);
    expect((await readFile(out, "utf8")).split("\r\n").some((l) => l.startsWith("HTCT_MEMBERS_TOTAL,2015,TST,"))).toBe(true);
  });

  it("refuses a period with nothing to export: a message, exit 1, no file", async () => {
    const out = join(dir, "empty.xml");
    const a = args("adx", out);
    a[a.indexOf("2015")] = "2013";
    const r = await runCli(a);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/Chưa xuất\.[\s\S]*Không có số liệu để xuất cho TST kỳ 2013/);
    expect(existsSync(out)).toBe(false);
  });

  it("names what the mapping leaves out, exits 1 and writes nothing", async () => {
    const partial = join(dir, "partial.json");
    await writeFile(partial, JSON.stringify({ dataSet: "DS", dataElements: { "members.total": { dataElement: "M" } }, orgUnits: { TST: "OU" } }));
    const out = join(dir, "none.xml");
    const r = await runCli(args("adx", out, partial));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/Chưa xuất: bảng ánh xạ DHIS2 chưa đủ[\s\S]*party\.cells \(Số chi bộ trực thuộc\)[\s\S]*TST-D01 \(Huyện mẫu TST 1\)/);
    expect(existsSync(out)).toBe(false);
  });

  const bad: [string, () => Promise<string[]>, RegExp][] = [
    ["no format", async () => ["export", "--server", stack.url, "--token-file", staff, "--province", "TST", "--period", "2015", "--mapping", mappingFile(), "-o", join(dir, "x.xml")], /--format nhận "adx" hoặc "dhis2-csv"/],
    ["a format it does not know", async () => args("sdmx", join(dir, "x.xml")), /--format nhận/],
    ["no mapping", async () => ["export", "--server", stack.url, "--token-file", staff, "--province", "TST", "--period", "2015", "--format", "adx", "-o", join(dir, "x.xml")], /Thiếu --mapping/],
    ["a mapping that is not JSON", async () => { const f = join(dir, "m1.json"); await writeFile(f, "<xml/>"); return args("adx", join(dir, "x.xml"), f); }, /không phải JSON/],
    ["a mapping with a formula for an identifier", async () => { const f = join(dir, "m2.json"); await writeFile(f, JSON.stringify({ dataSet: "DS", dataElements: { "members.total": { dataElement: "=cmd|' /C calc'!A0" } }, orgUnits: {} })); return args("adx", join(dir, "x.xml"), f); }, /Tệp ánh xạ không hợp lệ ở "dataElements.members.total.dataElement"/],
    ["an oversized mapping", async () => { const f = join(dir, "m3.json"); await writeFile(f, "[" + "0,".repeat(600_000) + "0]"); return args("adx", join(dir, "x.xml"), f); }, /quá lớn/],
    ["no output", async () => ["export", "--server", stack.url, "--token-file", staff, "--province", "TST", "--period", "2015", "--format", "adx", "--mapping", mappingFile()], /Thiếu -o/],
  ];
  for (const [name, a, msg] of bad) {
    it(`refuses ${name} with a clear message, exit 2, no file`, async () => {
      const r = await runCli(await a());
      expect(r.code).toBe(2);
      expect(r.err).toMatch(msg);
      expect(existsSync(join(dir, "x.xml"))).toBe(false);
    });
  }
});

describe("htct approve, return, reopen", () => {
  const args = (cmd: string, ...rest: string[]) => [cmd, "--server", stack.url, "--token-file", staff, "--province", "TST", "--period", "2015", ...rest];
  beforeAll(async () => {
    for (const d of ["TST-D01", "TST-D02", "TST-D03"]) {
      const r = await stack.call("POST", "/api/approvals/TST/2015/complete", { user: `clerk-${d}`, body: { unit: d, version: 1 } });
      expect(r.status, JSON.stringify(r.json)).toBe(200);
    }
  });

  it("approves named units, returns one with a comment, reopens with a comment", async () => {
    const a = await runCli(args("approve", "--unit", "TST-D01,TST-D02"));
    expect(a.err).toBe("");
    expect(a.code).toBe(0);
    expect(a.out).toBe("Đã duyệt 2 đơn vị: Huyện mẫu TST 1, Huyện mẫu TST 2");
    const r = await runCli(args("return", "--unit", "TST-D03", "--comment", "Đề nghị rà soát số đảng viên"));
    expect(r.code).toBe(0);
    const states = (await stack.call("GET", "/api/approvals/TST/2015", { user: "province-TST" })).json.units;
    expect(states.find((u: { unit: string }) => u.unit === "TST-D03")).toMatchObject({ state: "returned", comment: "Đề nghị rà soát số đảng viên" });
    const o = await runCli(args("reopen", "--all", "--comment", "Mở lại để bổ sung"));
    expect(o.out).toBe("Đã mở lại 2 đơn vị: Huyện mẫu TST 1, Huyện mẫu TST 2");
  });

  it("names the units the server refuses and exits 1", async () => {
    const r = await runCli(args("approve", "--unit", "TST-D04,TST-D09"));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/2 đơn vị không thực hiện được[\s\S]*Huyện mẫu TST 4 \(TST-D04\): state[\s\S]*TST-D09/);
  });

  const bad: [string, string[], RegExp][] = [
    ["no units", ["approve"], /Thiếu --unit/],
    ["both --unit and --all", ["approve", "--unit", "TST-D01", "--all"], /không dùng cả hai/],
    ["a bad code", ["approve", "--unit", "TST-D01,../x"], /Mã đơn vị không hợp lệ: \.\.\/x/],
    ["a return without a comment", ["return", "--unit", "TST-D01"], /cần --comment/],
    ["a comment with control characters", ["return", "--unit", "TST-D01", "--comment", "a\u0007b"], /ký tự điều khiển/],
    ["a comment too long", ["return", "--unit", "TST-D01", "--comment", "x".repeat(2001)], /tối đa 2000/],
    ["too many units", ["approve", "--unit", Array.from({ length: 501 }, (_, i) => `U${i}`).join(",")], /Tối đa 500/],
  ];
  for (const [name, a, msg] of bad) {
    it(`refuses ${name}: a clear message, exit 2`, async () => {
      const r = await runCli(args(a[0]!, ...a.slice(1)));
      expect(r.code).toBe(2);
      expect(r.err).toMatch(msg);
    });
  }
});

describe("htct complete", () => {
  const clerk = (d: string) => join(dir, `clerk-${d}.token`);
  beforeAll(async () => { for (const d of ["TST-D01", "TST-D04"]) await writeFile(clerk(d), await stack.token(`clerk-${d}`)); });
  const args = (d: string, ...rest: string[]) => ["complete", "--server", stack.url, "--token-file", clerk(d), "--period", "2014", ...rest];

  it("marks the clerk's unit complete at the version stored now; a second run changes nothing", async () => {
    const r = await runCli(args("TST-D01", "--unit", "TST-D01"));
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toBe("Đã đánh dấu hoàn thành Huyện mẫu TST 1, kỳ 2014 (phiên bản 1); chờ tỉnh duyệt.");
    const states = (await stack.call("GET", "/api/approvals/TST/2014", { user: "province-TST" })).json.units;
    expect(states.find((u: { unit: string }) => u.unit === "TST-D01")).toMatchObject({ state: "complete", version: 1, by: "clerk-TST-D01" });
    const steps = (await stack.call("GET", "/api/approvals/TST/2014", { user: "province-TST" })).json.steps.length;
    const again = await runCli(args("TST-D01", "--unit", "TST-D01"));
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/đã được đánh dấu hoàn thành \(phiên bản 1\); không có gì thay đổi/);
    expect((await stack.call("GET", "/api/approvals/TST/2014", { user: "province-TST" })).json.steps.length).toBe(steps);
  });

  it("refuses a unit that is not the clerk's (exit 2) and one with no data (exit 1)", async () => {
    const other = await runCli(args("TST-D01", "--unit", "TST-D02"));
    expect(other.code).toBe(2);
    expect(other.err).toMatch(/không phải cán bộ phụ trách đơn vị TST-D02/);
    const none = await runCli(args("TST-D04", "--unit", "TST-D04"));
    expect(none.code).toBe(1);
    expect(none.err).toMatch(/chưa có số liệu kỳ 2014: hãy gửi báo cáo trước/);
  });

  const bad: [string, string[], RegExp][] = [
    ["no unit", [], /Thiếu --unit/],
    ["two units", ["--unit", "TST-D01,TST-D02"], /đúng một mã đơn vị/],
    ["a bad code", ["--unit", "../x"], /Mã đơn vị không hợp lệ/],
  ];
  for (const [name, a, msg] of bad) {
    it(`refuses ${name}: a clear message, exit 2`, async () => {
      const r = await runCli(args("TST-D01", ...a));
      expect(r.code).toBe(2);
      expect(r.err).toMatch(msg);
    });
  }
  it("refuses a bad period: exit 2", async () => {
    const r = await runCli(["complete", "--server", stack.url, "--token-file", clerk("TST-D01"), "--unit", "TST-D01", "--period", "2014-Q5"]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/[Ss]ai --period/);
  });
});

describe("approved data only (?approved=only, --approved-only)", () => {
  // 2014: D01–D03 reported; D01 approved, D02 complete only, D03 untouched.
  beforeAll(async () => {
    for (const d of ["TST-D01", "TST-D02"]) {
      const r = await stack.call("POST", "/api/approvals/TST/2014/complete", { user: `clerk-${d}`, body: { unit: d, version: 1 } });
      expect(r.status, JSON.stringify(r.json)).toBe(200);
    }
    const a = await stack.call("POST", "/api/approvals/TST/2014/approve", { user: "province-TST", body: { units: [{ unit: "TST-D01", version: 1 }] } });
    expect(a.status, JSON.stringify(a.json)).toBe(200);
  });

  it("the API counts the approved unit alone; the CLI's --json is that answer", async () => {
    const all = (await stack.call("GET", "/api/rollups/TST/2014", { user: "province-TST" })).json;
    const only = (await stack.call("GET", "/api/rollups/TST/2014?approved=only", { user: "province-TST" })).json;
    const d01 = all.districts.find((d: { unit: string }) => d.unit === "TST-D01");
    expect(only.approvedOnly).toBe(true);
    expect(only.completeness.unitsCounted).toBe(1);
    expect(only.totals["members.total"]).toBe(d01.values["members.total"]);
    expect(only.totals["members.total"]).toBeLessThan(all.totals["members.total"]);
    expect(only.districts.find((d: { unit: string }) => d.unit === "TST-D02").values).toEqual({});
    const r = await runCli(["rollup", "--server", stack.url, "--token-file", staff, "--province", "TST", "--period", "2014", "--json", "--approved-only"]);
    expect(r.code).toBe(0);
    const cli = JSON.parse(r.out);
    expect(cli.totals).toEqual(only.totals);
    expect(cli.approvedOnly).toBe(true);
  });

  it("the report says it counts approved data only", async () => {
    const out = join(dir, "da-duyet.docx");
    const r = await runCli(["report", "--server", stack.url, "--token-file", staff, "--province", "TST", "--period", "2014", "-o", out, "--approved-only"]);
    expect(r.code).toBe(0);
    expect(await docxText(out)).toContain("chỉ tính số liệu đã duyệt của 1/30 đơn vị");
  });

  it("refuses any other query with a 400, in Vietnamese and English", async () => {
    for (const q of ["approved=yes", "approved=only&x=1", "approved=ONLY", `approved=${"only".repeat(500)}`]) {
      const r = await stack.call("GET", `/api/rollups/TST/2014?${q}`, { user: "province-TST" });
      expect(r.status, q.slice(0, 30)).toBe(400);
      expect(JSON.stringify(r.json)).toMatch(/Tham số truy vấn không hợp lệ/);
    }
  });
});

describe("htct status", () => {
  it("writes the reporting status sheet: who has reported, who has not", async () => {
    const out = join(dir, "tinh-hinh.xlsx");
    const r = await runCli(["status", "--server", stack.url, "--token-file", staff, "--province", "TST", "--period", "2015", "-o", out]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/4\/30 đơn vị đã gửi, 26 chưa gửi/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet("Tình hình nộp báo cáo")!;
    expect(ws.getCell(1, 1).value).toBe("TÌNH HÌNH NỘP BÁO CÁO — TỈNH MẪU TST");
    const texts: string[] = [];
    ws.eachRow((row) => texts.push(String(row.getCell(1).value)));
    expect(texts).toContain("Tổng cộng");
    expect(texts).toContain("Đơn vị chưa gửi");
    // The units still to report name their clerks, as the province's assignment listing holds them.
    const list = AssignmentsResponse.parse((await stack.call("GET", "/api/assignments/TST", { user: "province-TST" })).json);
    let head = 0;
    ws.eachRow((row, n) => { if (row.getCell(1).value === "Đơn vị chưa gửi") head = n; });
    expect(ws.getCell(head, 4).value).toBe("Cán bộ phụ trách");
    const rollup = (await stack.call("GET", "/api/rollups/TST/2015", { user: "province-TST" })).json as { districts: { unit: string; name: string; submitted: boolean }[] };
    let checked = 0;
    for (let n = head + 1; ws.getCell(n, 1).value; n++) {
      const unit = rollup.districts.find((d) => d.name === ws.getCell(n, 1).value)!;
      expect(unit.submitted).toBe(false);
      const names = list.assignments.filter((a) => a.role === "clerk" && a.unit === unit.unit).map((a) => a.name);
      expect(names.length).toBeGreaterThan(0);
      expect(ws.getCell(n, 4).value).toBe(names.join(", "));
      checked++;
    }
    expect(checked).toBe(26);
  });
  it("refuses a non-.xlsx output", async () => {
    const r = await runCli(["status", "--server", stack.url, "--token-file", staff, "--province", "TST", "--period", "2015", "-o", join(dir, "x.csv")]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/Thiếu -o <tệp.xlsx>/);
  });
});

describe("htct scorecard", () => {
  it("writes the units ranked by data quality, in Vietnamese", async () => {
    const out = join(dir, "chat-luong.xlsx");
    const r = await runCli(["scorecard", "--server", stack.url, "--token-file", staff, "--province", "TST", "--period", "2015", "-o", out]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Đã ghi trang "Chất lượng số liệu" \(30 đơn vị xếp hạng\)/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet("Chất lượng số liệu")!;
    expect(ws.getCell(1, 1).value).toBe("CHẤT LƯỢNG SỐ LIỆU BÁO CÁO — TỈNH MẪU TST");
    expect(ws.getRow(4).values).toEqual(expect.arrayContaining(["Hạng", "Đơn vị", "Điểm chất lượng"]));
    expect(ws.getCell(5, 1).value).toBe(1);
    expect(ws.getCell(34, 3).value).toBe("Chưa gửi");
  });
  it("refuses another province's staff: a clear message, exit 2", async () => {
    const f = join(dir, "o2.token");
    await writeFile(f, await stack.token("province-BTH"));
    const r = await runCli(["scorecard", "--server", stack.url, "--token-file", f, "--province", "TST", "--period", "2015", "-o", join(dir, "y.xlsx")]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/từ chối \(403\)/);
  });
});
