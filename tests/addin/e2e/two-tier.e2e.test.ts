import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasChromium, openPreview, paneIdle, signInAs, startPane } from "./pane.ts";
import { buildTemplate } from "../../../cli/template.ts";
import { communeValues } from "../../../scripts/demo.ts";
import { ReconstructedRollup, RollupResponse } from "../../../shared/contract/index.ts";
import { getCatalog, unitsValidIn, type OrgUnit } from "../../../shared/index.ts";
import { REGISTRY_ALL, startStack, type Stack } from "../../functions/stack.ts";

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
  let stack: Stack;
  let closePane: (() => Promise<void>) | undefined;
  let browser: BrowserContext;
  let page: Page;
  let base = "";
  const files = mkdtempSync(join(tmpdir(), "htct-forms-"));

  const waitIdle = () => paneIdle(page);
  const signIn = (user: string) => signInAs(page, user);
  /** Opens a workbook file, picks the unit by its name and the period, checks, submits; the new version. */
  const checkAndSubmit = async (file: string, unitName: string, period: string) => {
    await page.setInputFiles("#open-file", file);
    await page.waitForSelector("body[data-ready=true]", { timeout: 30_000 });
    await page.click("#tab-validate");
    // The period first: which units are offered depends on it (districts before July 2025, communes since).
    await page.fill("#v-period", period);
    await page.press("#v-period", "Tab");
    await waitIdle();
    const options = () => page.$$eval("#v-district option", (els) => els.map((e) => ({ value: (e as HTMLOptionElement).value, label: e.textContent ?? "" })));
    await expect.poll(async () => (await options()).map((o) => o.label), { timeout: 30_000 }).toContain(unitName);
    const chosen = (await options()).find((o) => o.label === unitName);
    await page.selectOption("#v-district", { label: unitName });
    await page.click("#v-run");
    await waitIdle();
    expect(await page.$$eval("details.error button.issue", (els) => els.map((e) => e.textContent))).toEqual([]);
    await page.click("#tab-submit");
    await page.click("#s-send");
    await waitIdle();
    await page.waitForSelector("#s-summary");
    const m = /Phiên bản mới: (\d+)/.exec((await page.textContent(".notice")) ?? "");
    expect(m, (await page.textContent(".notice")) ?? "").not.toBeNull();
    return { unit: chosen!.value, version: Number(m![1]) };
  };

  beforeAll(async () => {
    stack = await startStack();
    ({ base, browser, page, close: closePane } = await startPane(stack.url));
    await openPreview({ base, page });
  }, 120_000);

  afterAll(async () => {
    await closePane?.();
    await stack?.close();
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
    const row = api.districts.find((d) => d.district === "LDG-M02")!;
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
      const row = api.districts.find((d) => d.district === "BTH-HTN")!;
      expect(row).toMatchObject({ submitted: true, version });
      const sum = [...figures.values()].reduce((s, v) => s + Number(v["members.total"] ?? 0), 0);
      expect(row.values["members.total"]).toBe(sum);
    }
  });

  it("the province's staff refresh Lâm Đồng's rollup in its communes; the 2024 comparison is reconstructed in them", async () => {
    await signIn("province-LDG");
    await page.click("#tab-rollup");
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
});
