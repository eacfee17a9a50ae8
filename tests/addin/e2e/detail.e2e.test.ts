import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cellOf, hasChromium, openTab, paneIdle, signInAs, startPaneOnStack, type PaneOnStack } from "./pane.ts";
import { communeValues } from "../../../scripts/demo.ts";
import { DetailResponse } from "../../../shared/contract/index.ts";
import { getCatalog } from "../../../shared/index.ts";
import { layoutDetail } from "../../../shared/report/detail-layout.ts";
import { REGISTRY } from "../../../seeds/orgunits.ts";
import { idem, submission, type Stack } from "../../functions/stack.ts";

/**
 * Drill-down in the preview page, in Chromium, against the running stack: province staff fetch
 * a rollup, pick a district by name and get its detail sheet (its communes, its total, both
 * versions with what changed), then one of its communes from the list that grew under it; a
 * two-tier commune's clerk gets their own commune's party cells.
 */
describe.skipIf(!hasChromium)("drill-down and audit in the pane (preview page, Chromium)", { timeout: 240_000 }, () => {
  let env: PaneOnStack | undefined;
  let stack: Stack;
  let page: Page;
  const waitIdle = () => paneIdle(page);
  const signIn = (user: string) => signInAs(page, user);
  const fetchRollup = async (province: string, period: string) => {
    await openTab(page, "rollup");
    await page.selectOption("#r-province", province);
    await page.fill("#r-period", period);
    await page.click("#r-fetch");
    await waitIdle();
    expect(await page.textContent(".notice")).toContain("Tổng hợp tỉnh");
  };
  const options = () => page.$$eval("#d-unit option", (els) => els.map((e) => ({ value: (e as HTMLOptionElement).value, label: (e.textContent ?? "").replace(/\u00a0/g, " ") })));
  const show = async (value: string) => {
    await page.selectOption("#d-unit", value);
    await page.click("#d-show");
    await waitIdle();
    return (await page.textContent(".notice")) ?? "";
  };
  const api = async (path: string, user: string) => DetailResponse.parse((await stack.call("GET", `/api/details/${path}`, { user })).json);

  /** Two versions of TST-D06's report and one of Xã mẫu 01's (its party cells), so both have a history. */
  const seed = async (stack: Stack) => {
    const first = submission("TST-D06");
    expect((await stack.call("POST", "/api/submissions", { user: "clerk-TST-D06", headers: idem(), body: first })).status).toBe(200);
    const second = { ...first, baseVersion: 1, units: [{ unit: "TST-D06-M02", values: communeValues(9090) }] };
    expect((await stack.call("POST", "/api/submissions", { user: "clerk-TST-D06", headers: idem(), body: second })).status).toBe(200);
    const cells = REGISTRY.filter((u) => u.parent === "LDG-M01");
    const r = await stack.call("POST", "/api/submissions", { user: "clerk-LDG-M01", headers: idem(), body: {
      province: "LDG", unit: "LDG-M01", period: "2026", catalogVersion: getCatalog().version, baseVersion: null, mode: "merge",
      units: cells.map((c, i) => ({ unit: c.code, values: { "members.total": 30 + i, "party.cells": 1, "members.grade.httnv": 12 } })),
      source: { workbook: "xa-mau-01.xlsx", sheet: "Báo cáo", fingerprint: "fp" },
    } });
    expect(r.status).toBe(200);
  };

  beforeAll(async () => {
    ({ stack, page } = env = await startPaneOnStack({ seed }));
  }, 120_000);

  afterAll(() => env?.close());

  it("province staff pick a district by name: its communes, its total and both versions with what changed, as the API has them", async () => {
    await signIn("province-TST");
    await openTab(page, "rollup");
    // Nothing to pick before a rollup is fetched.
    expect(await page.$("#d-unit")).toBeNull();
    await fetchRollup("TST", "2015");
    const list = await options();
    expect(list).toHaveLength(30);
    expect(list.find((o) => o.value === "TST-D06")!.label).toBe("Huyện mẫu TST 6");
    const notice = await show("TST-D06");
    expect(notice).toContain("Đã ghi trang “Chi tiết Huyện mẫu TST 6”: 3 đơn vị trực thuộc, 2 phiên bản");
    const d = await api("TST/2015/TST-D06", "province-TST");
    const L = layoutDetail(d, "vi");
    const sheet = "Chi tiết Huyện mẫu TST 6";
    expect((await cellOf(page, sheet, "A1"))?.value).toBe("CHI TIẾT SỐ LIỆU — HUYỆN MẪU TST 6 (Tỉnh mẫu TST)");
    const members = L.codes.indexOf("members.total");
    const col = String.fromCharCode(65 + members);
    expect((await cellOf(page, sheet, `${col}${L.totalRow + 1}`))?.value).toBe(d.total.values["members.total"]);
    expect((await cellOf(page, sheet, `B${L.headerRow + 3}`))?.value).toBe("TST-D06-M02");
    expect((await cellOf(page, sheet, `${col}${L.headerRow + 3}`))?.value).toBe(communeValues(9090)["members.total"]);
    const first = L.historyRow + 3;
    expect((await cellOf(page, sheet, `A${first}`))?.value).toBe(2);
    const unitCol = String.fromCharCode(65 + L.historyHeader.indexOf("Đơn vị"));
    expect((await cellOf(page, sheet, `${unitCol}${first}`))?.value).toBe("Xã mẫu 6.2");
    expect(d.history[0]!.changes.length).toBeGreaterThan(0);
    expect((await cellOf(page, sheet, `A${first + d.history[0]!.changes.length}`))?.value).toBe(1);
    // The preview draws the sheet it wrote.
    await page.waitForSelector(`td[data-address="A1"]`);
  });

  it("then one of its communes from the list that grew under it; showing the district again rewrites its sheet", async () => {
    const list = await options();
    const at = list.findIndex((o) => o.value === "TST-D06");
    expect(list.slice(at + 1, at + 4).map((o) => o.label.trim())).toEqual(["Xã mẫu 6.1", "Xã mẫu 6.2", "Xã mẫu 6.3"]);
    const notice = await show("TST-D06-M02");
    expect(notice).toContain("“Chi tiết Xã mẫu 6.2”: 0 đơn vị trực thuộc, 2 phiên bản");
    const d = await api("TST/2015/TST-D06-M02", "province-TST");
    const L = layoutDetail(d, "vi");
    expect((await cellOf(page, "Chi tiết Xã mẫu 6.2", "A2"))?.value).toContain("báo cáo qua Huyện mẫu TST 6");
    const unitCol = String.fromCharCode(65 + L.historyHeader.indexOf("Đơn vị"));
    expect((await cellOf(page, "Chi tiết Xã mẫu 6.2", `${unitCol}${L.historyRow + 3}`))?.value).toBe("Xã mẫu 6.2");
    await show("TST-D06");
    const names = await page.evaluate(() => window.htct!.host.workbook.sheets.map((s) => s.name));
    expect(names.filter((n) => n.startsWith("Chi tiết"))).toEqual(["Chi tiết Huyện mẫu TST 6", "Chi tiết Xã mẫu 6.2"]);
  });

  it("from a unit's row selected on the rollup sheet, then a commune's row on the district's detail sheet", async () => {
    const pick = async (sheet: string, code: string) => {
      // The grid re-renders when the previous sheet's write finishes; click until the selection
      // holds: on this sheet, and on the cell that holds the code (not a cell the re-render left).
      await expect.poll(async () => {
        await page.click(`.sheet-tabs button:text-is("${sheet}")`);
        await page.click(`td[data-address^="B"]:text-is("${code}")`);
        return page.evaluate(() => {
          const wb = window.htct!.host.workbook;
          const sel = wb.selection;
          const m = sel ? /^([A-Z]+)(\d+)/.exec(sel.address) : null;
          if (!sel || !m) return null;
          const col = [...m[1]!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
          return `${sel.sheet}|${String(wb.sheet(sel.sheet)?.get(Number(m[2]) - 1, col)?.value ?? "")}`;
        });
      }, { timeout: 10_000 }).toBe(`${sheet}|${code}`);
      await page.click("#d-selected");
      await waitIdle();
      return (await page.textContent(".notice")) ?? "";
    };
    expect(await pick("Tổng hợp tỉnh", "TST-D06")).toContain("“Chi tiết Huyện mẫu TST 6”: 3 đơn vị trực thuộc, 2 phiên bản");
    expect(await pick("Chi tiết Huyện mẫu TST 6", "TST-D06-M03")).toContain("“Chi tiết Xã mẫu 6.3”: 0 đơn vị trực thuộc, 2 phiên bản");
    const names = await page.evaluate(() => window.htct!.host.workbook.sheets.map((s) => s.name));
    expect(names.filter((n) => n.startsWith("Chi tiết"))).toEqual(["Chi tiết Huyện mẫu TST 6", "Chi tiết Xã mẫu 6.2", "Chi tiết Xã mẫu 6.3"]);
    // A row that is no unit's (the history's) is said so, and nothing is written.
    await page.click('.sheet-tabs button:text-is("Chi tiết Huyện mẫu TST 6")');
    await page.click(`td[data-address="G${layoutDetail(await api("TST/2015/TST-D06", "province-TST"), "vi").historyRow + 2}"]`);
    await page.click("#d-selected");
    await waitIdle();
    expect(await page.textContent(".notice")).toContain("không phải dòng của một đơn vị");
  });

  it("a two-tier commune's clerk is offered their own commune only, and gets its party cells", async () => {
    await signIn("clerk-LDG-M01");
    await fetchRollup("LDG", "2026");
    expect((await options()).map((o) => o.value)).toEqual(["LDG-M01"]);
    const notice = await show("LDG-M01");
    expect(notice).toContain("“Chi tiết Xã mẫu 01”: 3 đơn vị trực thuộc, 1 phiên bản");
    const d = await api("LDG/2026/LDG-M01", "clerk-LDG-M01");
    const L = layoutDetail(d, "vi");
    expect((await cellOf(page, "Chi tiết Xã mẫu 01", `A${L.headerRow + 2}`))?.value).toBe("Chi bộ mẫu 01");
    expect((await cellOf(page, "Chi tiết Xã mẫu 01", `C${L.headerRow + 2}`))?.value).toBe("Chi bộ");
  });
});
