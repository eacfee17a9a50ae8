import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasChromium, openTab, paneIdle, signInAs, startPaneOnStack, type PaneOnStack } from "./pane.ts";
import { buildTemplate } from "../../../cli/template.ts";
import { communeValues } from "../../../scripts/demo.ts";
import { ReconstructedRollup, RollupResponse } from "../../../shared/contract/index.ts";
import { getCatalog, unitsValidIn, type OrgUnit } from "../../../shared/index.ts";
import { REGISTRY_ALL, ROOT, type Stack } from "../../functions/stack.ts";

/**
 * The three people of the two structures, each through the preview page in Chromium against the
 * running stack: a commune clerk of 2026 (Xã mẫu 02, directly under Lâm Đồng), an old district's
 * clerk for 2015 (Hàm Tân, its communes as rows) and the province's staff refreshing Lâm Đồng's
 * rollup in its new communes. Each signs in with a dev account in the pane's settings, picks the
 * reporting unit by name, checks and submits a workbook made from the catalog's blank form and
 * filled with internally consistent figures (what `htct template` gives a clerk).
 */

/** The blank form of these units, its input cells filled with each unit's figures (formulas left as they are). */
async function filledForm(units: readonly OrgUnit[], title: string, file: string): Promise<Map<string, Record<string, number | string>>> {
  const wb = buildTemplate(units, title);
  const ws = wb.getWorksheet("Báo cáo")!;
  const codeOfColumn = new Map<number, string>();
  for (const r of [3, 4]) ws.getRow(r).eachCell((c, col) => {
    const note = typeof c.note === "string" ? c.note : c.note?.texts?.map((t) => t.text).join("") ?? "";
    const m = /Mã: (\S+)/.exec(note);
    if (m) codeOfColumn.set(col, m[1]!);
  });
  expect(codeOfColumn.size).toBeGreaterThan(10);
  const values = new Map<string, Record<string, number | string>>();
  units.forEach((u, i) => {
    const v = communeValues(700 + i);
    values.set(u.code, v);
    for (const [col, code] of codeOfColumn) {
      const c = ws.getCell(5 + i, col);
      if (c.formula || !(code in v)) continue;
      c.value = v[code]!;
    }
  });
  await wb.xlsx.writeFile(file);
  return values;
}

describe.skipIf(!hasChromium)("the three people of the two structures, end to end (preview page, Chromium)", { timeout: 240_000 }, () => {
  let env: PaneOnStack | undefined;
  let stack: Stack;
  let page: Page;
  const files = mkdtempSync(join(tmpdir(), "htct-forms-"));

  const waitIdle = () => paneIdle(page);
  /** With `npm run screenshots` the provincial screens go to docs/, else to a temporary folder. */
  const shots = process.env.UPDATE_SCREENSHOTS ? join(ROOT, "docs") : files;
  const shot = async (sheet: string, name: string) => {
    await page.click(`.sheet-tabs button:text-is('${sheet}')`);
    await page.screenshot({ path: join(shots, `addin-${name}.png`) });
  };
  const signIn = (user: string) => signInAs(page, user);
  /** Opens a workbook file, picks the unit by its name and the period, checks, submits; the new version. */
  const checkAndSubmit = async (file: string, unitName: string, period: string) => {
    await page.setInputFiles("#open-file", file);
    await page.waitForSelector("body[data-ready=true]", { timeout: 30_000 });
    await openTab(page, "validate");
    // The period first: which units are offered depends on it (districts before July 2025, communes since).
    await page.fill("#v-period", period);
    await page.press("#v-period", "Tab");
    await waitIdle();
    const options = () => page.$$eval("#v-unit option", (els) => els.map((e) => ({ value: (e as HTMLOptionElement).value, label: e.textContent ?? "" })));
    await expect.poll(async () => (await options()).map((o) => o.label), { timeout: 30_000 }).toContain(unitName);
    const chosen = (await options()).find((o) => o.label === unitName);
    await page.selectOption("#v-unit", { label: unitName });
    await page.click("#v-run");
    await waitIdle();
    expect(await page.$$eval("details.error button.issue", (els) => els.map((e) => e.textContent))).toEqual([]);
    await openTab(page, "submit");
    await page.click("#s-send");
    await waitIdle();
    await page.waitForSelector("#s-summary");
    const m = /Phiên bản mới: (\d+)/.exec((await page.textContent(".notice")) ?? "");
    expect(m, (await page.textContent(".notice")) ?? "").not.toBeNull();
    return { unit: chosen!.value, version: Number(m![1]) };
  };

  beforeAll(async () => {
    ({ stack, page } = env = await startPaneOnStack());
  }, 120_000);

  afterAll(async () => {
    await env?.close();
    rmSync(files, { recursive: true, force: true });
  });

  const commune = REGISTRY_ALL.find((u) => u.code === "LDG-M02")!;
  let communeFigures: Record<string, number | string> = {};

  it("a commune's clerk (2026, directly under the province) submits the commune's one-unit form", async () => {
    const file = join(files, "xa-mau-02-2026.xlsx");
    communeFigures = (await filledForm([commune], `${commune.name} — năm 2026`, file)).get(commune.code)!;
    await signIn("clerk-LDG-M02");
    const { unit, version } = await checkAndSubmit(file, commune.name, "2026");
    expect(unit).toBe("LDG-M02");
    const api = RollupResponse.parse((await stack.call("GET", "/api/rollups/LDG/2026", { user: "province-LDG" })).json);
    const row = api.districts.find((u) => u.unit === "LDG-M02")!;
    expect(row).toMatchObject({ submitted: true, version, level: "commune" });
    expect(row.values["members.total"]).toBe(communeFigures["members.total"]);
  });

  let hamTan2024 = new Map<string, Record<string, number | string>>();
  it("an old district's clerk (three tiers) submits the district's communes for 2015, and for 2024", async () => {
    await signIn("clerk-BTH-HTN");
    const district = REGISTRY_ALL.find((u) => u.code === "BTH-HTN")!;
    for (const period of ["2015", "2024"]) {
      const communes = unitsValidIn(REGISTRY_ALL, period).filter((u) => u.parent === "BTH-HTN");
      expect(communes.length).toBeGreaterThan(5);
      const file = join(files, `ham-tan-${period}.xlsx`);
      const figures = await filledForm(communes, `Huyện Hàm Tân — năm ${period}`, file);
      if (period === "2024") hamTan2024 = figures;
      const { unit, version } = await checkAndSubmit(file, district.name, period);
      expect(unit).toBe("BTH-HTN");
      const api = RollupResponse.parse((await stack.call("GET", `/api/rollups/BTH/${period}`, { user: "province-BTH" })).json);
      const row = api.districts.find((u) => u.unit === "BTH-HTN")!;
      expect(row).toMatchObject({ submitted: true, version });
      const sum = [...figures.values()].reduce((s, v) => s + Number(v["members.total"] ?? 0), 0);
      expect(row.values["members.total"]).toBe(sum);
    }
  });

  it("the province's staff refresh Lâm Đồng's rollup in its communes; the 2024 comparison is reconstructed in them", async () => {
    await signIn("province-LDG");
    await openTab(page, "rollup");
    await page.selectOption("#r-province", "LDG");
    await page.fill("#r-period", "2026");
    await page.click("#r-fetch");
    await waitIdle();
    expect(await page.textContent(".notice")).toContain("Tổng hợp tỉnh");
    const api = RollupResponse.parse((await stack.call("GET", "/api/rollups/LDG/2026", { user: "province-LDG" })).json);
    const sheet = await page.evaluate(() => {
      const s = window.htct!.host.workbook.sheet("Tổng hợp tỉnh")!;
      const rows: (string | number | boolean)[][] = [];
      for (let r = 0; r < 60; r++) { const out: (string | number | boolean)[] = []; for (let c = 0; c < 400; c++) out.push(s.get(r, c)?.value ?? ""); rows.push(out); }
      return rows;
    });
    const header = sheet.find((r) => r[0] === "Đơn vị")!;
    const col = header.indexOf(getCatalog().byCode.get("members.total")!.label.vi);
    expect(col).toBeGreaterThan(0);
    // The communes sit straight under the province, each with the functions' figure.
    const mine = sheet.find((r) => r[1] === "LDG-M02")!;
    expect(Number(mine[col])).toBe(communeFigures["members.total"]);
    expect(Number(sheet.find((r) => r[0] === "Toàn tỉnh")![col])).toBe(api.totals["members.total"]);
    // The 2024 figures of Hàm Tân's communes, in Lâm Đồng's 2026 units, for the same person.
    const rec = await stack.call("GET", "/api/rollups/LDG/2024/in/2026", { user: "province-LDG" });
    expect(rec.status).toBe(200);
    const r = ReconstructedRollup.parse(rec.json);
    const m02 = r.units.find((u) => u.unit === "LDG-M02")!;
    expect(m02).toMatchObject({ reconstructed: true, missing: [] });
    expect([...m02.from].sort()).toEqual([...commune.predecessors ?? []].sort());
    expect(m02.values["members.total"]).toBe(m02.from.reduce((s, c) => s + Number(hamTan2024.get(c)?.["members.total"] ?? 0), 0));
  });

  /** Every cell of a sheet of the preview's workbook, rows × columns. */
  const sheetRows = (name: string, rows = 120, cols = 400) => page.evaluate(({ name, rows, cols }) => {
    const s = window.htct!.host.workbook.sheet(name)!;
    const out: (string | number | boolean)[][] = [];
    for (let r = 0; r < rows; r++) { const row: (string | number | boolean)[] = []; for (let c = 0; c < cols; c++) row.push(s.get(r, c)?.value ?? ""); out.push(row); }
    return out;
  }, { name, rows, cols });

  it("2025-Q3 in the new communes against 2025-Q2 in Hàm Tân's: each commune's earlier figures rebuilt from its predecessors, marked, with the change", async () => {
    const catalog = getCatalog();
    const post = async (user: string, province: string, unit: string, period: string, units: { unit: string; values: Record<string, number | string> }[]) => {
      const r = await stack.call("POST", "/api/submissions", { user, headers: { "idempotency-key": `e2e-q-${unit}-${period}-${Date.now()}` }, body: {
        province, unit, period, catalogVersion: catalog.version, baseVersion: null, mode: "replace", units, source: { workbook: "q.xlsx", sheet: "Báo cáo", fingerprint: "q" } } });
      expect(r.status, JSON.stringify(r.json)).toBe(200);
    };
    const old = unitsValidIn(REGISTRY_ALL, "2025-Q2").filter((u) => u.parent === "BTH-HTN");
    await post("clerk-BTH-HTN", "BTH", "BTH-HTN", "2025-Q2", old.map((u, i) => ({ unit: u.code, values: communeValues(500 + i) })));
    await post("clerk-LDG-M02", "LDG", "LDG-M02", "2025-Q3", [{ unit: "LDG-M02", values: communeValues(600) }]);
    await openTab(page, "rollup");
    await page.selectOption("#r-province", "LDG");
    await page.fill("#r-period", "Quý III/2025");
    await page.click("#r-fetch");
    await waitIdle();
    expect(await page.textContent(".notice")).toContain("Tổng hợp tỉnh");
    const rows = await sheetRows("Tổng hợp tỉnh");
    const col = rows.find((r) => r[0] === "Đơn vị")!.indexOf(catalog.byCode.get("members.total")!.label.vi);
    const at = rows.findIndex((r) => r[0] === "Kỳ trước (quý II năm 2025), theo đơn vị của kỳ này");
    expect(at).toBeGreaterThan(0);
    const api = ReconstructedRollup.parse((await stack.call("GET", "/api/rollups/LDG/2025-Q2/in/2025-Q3", { user: "province-LDG" })).json);
    const m02 = rows.slice(at).find((r) => r[1] === "LDG-M02")!;
    expect(m02[col]).toBe(api.units.find((u) => u.unit === "LDG-M02")!.values["members.total"]);
    expect(String(m02[2])).toMatch(/^Tính lại từ các đơn vị cũ: .*Tân Thắng; gần đúng \(\*\)$/);
    const change = rows.slice(rows.findIndex((r) => r[0] === "Tăng (+), giảm (−) so với quý II năm 2025")).find((r) => r[1] === "LDG-M02")!;
    expect(change[col]).toBe(Number(communeValues(600)["members.total"]) - Number(m02[col]));
    expect(rows.some((r) => String(r[0]).startsWith("(*) Gần đúng: Tân Thắng"))).toBe(true);
    await shot("Tổng hợp tỉnh", "13-rollup-reorganised");
  });

  it("the province's staff write the reporting status sheet (clerks of the units still to report) and the data-quality sheet", async () => {
    await openTab(page, "rollup");
    await page.selectOption("#r-province", "LDG");
    await page.fill("#r-period", "2026");
    await page.click("#r-status");
    await waitIdle();
    expect(await page.textContent(".notice")).toContain("Tình hình nộp báo cáo");
    const status = await sheetRows("Tình hình nộp báo cáo", 60, 8);
    expect(status[0]![0]).toBe("TÌNH HÌNH NỘP BÁO CÁO — LÂM ĐỒNG");
    const list = (await stack.call("GET", "/api/assignments/LDG", { user: "province-LDG" })).json as { assignments: { role: string; unit: string; unitName: string; name: string | null }[] };
    const rollup = RollupResponse.parse((await stack.call("GET", "/api/rollups/LDG/2026", { user: "province-LDG" })).json);
    const head = status.findIndex((r) => r[0] === "Đơn vị chưa gửi");
    expect(head).toBeGreaterThan(0);
    const missing = status.slice(head + 1).filter((r) => r[0] !== "");
    expect(missing.map((r) => r[0]).sort()).toEqual(rollup.districts.filter((d) => !d.submitted).map((d) => d.name).sort());
    for (const r of missing) {
      const unit = rollup.districts.find((d) => d.name === r[0])!.unit;
      expect(r[3]).toBe(list.assignments.filter((a) => a.role === "clerk" && a.unit === unit).map((a) => a.name).join(", "));
      expect(String(r[3])).toMatch(/^Cán bộ /);
    }
    await shot("Tình hình nộp báo cáo", "14-status");
    await page.click("#r-scorecard");
    await waitIdle();
    expect(await page.textContent(".notice")).toContain("Chất lượng số liệu");
    const sc = (await stack.call("GET", "/api/scorecards/LDG/2026", { user: "province-LDG" })).json as { units: { rank: number; name: string }[] };
    const sheet = await sheetRows("Chất lượng số liệu", 40, 9);
    const h = sheet.findIndex((r) => r[0] === "Hạng");
    expect(sheet.slice(h + 1, h + 1 + sc.units.length).map((r) => [r[0], r[1]])).toEqual(sc.units.map((u) => [u.rank, u.name]));
    expect(sheet[h + 1 + sc.units.length]![1]).toBe("Toàn tỉnh");
    await shot("Chất lượng số liệu", "15-scorecard");
    // Clerks see neither button: the routes answer the province's staff only.
    await signIn("clerk-LDG-M02");
    await openTab(page, "rollup");
    expect(await page.$("#r-status")).toBeNull();
    expect(await page.$("#r-scorecard")).toBeNull();
  });
});
