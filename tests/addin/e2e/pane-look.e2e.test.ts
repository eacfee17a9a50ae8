import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasChromium, paneIdle, pickIndicator, startPane, type Pane } from "./pane.ts";

/**
 * Issue 20's pane in Debian's Chromium, signed out (nothing here needs the server, so no stack:
 * the dev server's /api goes nowhere): the indicator pickers of a 48-column sheet are light and
 * answer a keystroke without redrawing the pane; a fix on an indicators-as-rows form is kept
 * under its row; the columns to confirm lead to their picker and cell; the keyboard stays where
 * it was after Enter; tabs follow the ARIA pattern; the pane works at 320 px and in the dark
 * and high-contrast themes.
 */
describe.skipIf(!hasChromium)("the pane's look and answers (preview page, Chromium)", { timeout: 120_000 }, () => {
  let pane: Pane;
  let page: Page;
  const dir = mkdtempSync(join(tmpdir(), "htct-look-"));
  const idle = () => paneIdle(page);
  const focused = () => page.evaluate(() => document.activeElement?.id ?? "");

  async function open(query: string): Promise<void> {
    await page.goto(`${pane.base}/preview.html?${query}`);
    await page.waitForSelector("body[data-ready=true]", { timeout: 60_000 });
    if (await page.$("#intro")) await page.click("#intro-skip");
  }

  async function openFile(path: string, name: string): Promise<void> {
    await page.setInputFiles("#open-file", path);
    await expect.poll(() => page.textContent("#wb-name")).toBe(name);
    await page.waitForSelector("body[data-ready=true]");
  }

  beforeAll(async () => {
    pane = await startPane("http://127.0.0.1:9");
    page = pane.page;
    page.setDefaultTimeout(90_000);
  }, 120_000);

  afterAll(async () => {
    await pane?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("48 indicator pickers stay light, and a keystroke in one redraws its list, not the pane", async () => {
    await open("workbook=ham-tan-tong-sai.xlsx");
    await page.click("#v-run");
    await idle();
    await page.click("#mapping summary").catch(() => undefined);
    const pickers = await page.$$eval("#mapping htct-picker", (els) => els.map((e) => e.id));
    expect(pickers.length).toBe(48);
    // Before: ~16,000 elements, 15,000 of them <option>s. Closed pickers hold a box each.
    expect(await page.$$eval("aside.taskpane *", (els) => els.length)).toBeLessThan(2_500);
    expect(await page.$$eval("#mapping option, #mapping [role=option]", (els) => els.length)).toBe(0);
    // Its name says which column and which header; the search box is the combobox, labelled.
    const box = page.getByRole("combobox", { name: /cột C: Đảng bộ xã, thị trấn/ });
    expect(await box.getAttribute("id")).toBe("map-q-C");
    expect(await box.getAttribute("aria-label")).toMatch(/^Chỉ tiêu — cột C: Đảng bộ xã, thị trấn$/);

    await page.evaluate(() => {
      const app = window.htct!.app as unknown as { render(): void; renders?: number };
      const draw = app.render.bind(app);
      app.renders = 0;
      app.render = () => { app.renders!++; draw(); };
    });
    await box.click();
    await page.keyboard.type("d");
    const afterD = await page.$$eval("#map-C-list [role=option]", (els) => els.map((e) => e.textContent));
    const countD = await page.textContent("#map-C-count");
    await page.keyboard.type("ang vien ket nap");
    const shown = await page.$$eval("#map-C-list [role=option]:not([data-value=''])", (els) => els.map((e) => e.textContent ?? ""));
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.every((o) => /kết nạp/i.test(o))).toBe(true);
    expect(shown).not.toEqual(afterD.slice(1));
    expect(await page.textContent("#map-C-count")).toMatch(/^\d+ chỉ tiêu khớp$/);
    expect(await page.textContent("#map-C-count")).not.toBe(countD);
    // Only the rows in view exist, however many match.
    await page.fill("#map-q-C", "");
    await page.keyboard.type("a");
    expect(await page.$$eval("#map-C-list [role=option]", (els) => els.length)).toBeLessThan(30);
    expect(await page.evaluate(() => (window.htct!.app as unknown as { renders: number }).renders)).toBe(0);
    expect(await focused()).toBe("map-q-C");
    // Arrow keys move through the matches (the combobox names the one it is on); Enter picks it.
    await page.fill("#map-q-C", "dang vien ket nap");
    await page.keyboard.press("ArrowDown");
    const on = await box.getAttribute("aria-activedescendant");
    const code = await page.getAttribute(`#${on}`, "data-value");
    await page.keyboard.press("Enter");
    expect(await page.$eval("#map-C", (e) => e.getAttribute("value"))).toBe(code);
    expect(await box.getAttribute("aria-expanded")).toBe("false");
    expect(await page.$eval("#map-apply", (e) => e.hasAttribute("disabled"))).toBe(false);
  });

  it("a fix on an indicators-as-rows form is kept under its row, so the reader uses it", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Biểu");
    for (const r of [["BÁO CÁO SỐ LIỆU THÁNG 6/2012"], ["Đơn vị: Xã Sơn Mỹ"], ["STT", "Chỉ tiêu", "Đơn vị tính", "Số lượng"],
      [1, "Tổng số đảng viên", "người", 120], [2, "Số chi bộ trực thuộc", "chi bộ", 9], [3, "Đảng viên mới kết nạp", "người", 4]]) ws.addRow(r);
    const path = join(dir, "bieu-dong.xlsx");
    await wb.xlsx.writeFile(path);
    await open("workbook=ham-tan-2012-06.xlsx");
    await openFile(path, "bieu-dong.xlsx");
    await page.click("#v-run");
    await idle();
    expect(await page.textContent("#sheet-kind")).toMatch(/Biểu báo cáo của một đơn vị/);
    // The value sits in D4; the picker is named for its row.
    await page.click("#mapping summary");
    expect(await page.getAttribute("#map-q-D4", "aria-label")).toBe("Chỉ tiêu — dòng 4: Tổng số đảng viên");
    await pickIndicator(page, "D4", "dang vien nu", "members.women");
    await page.click("#map-apply");
    await idle();
    // Before: saved as "D4", which the reader never looks up; the row went back to its old reading.
    expect(await page.$eval("#map-D4", (e) => e.getAttribute("value"))).toBe("members.women");
    expect(await page.textContent("#mapping tr[data-key='map|D4'] td.conf")).toBe("đã lưu");
    expect(await page.evaluate(() => window.htct!.app.docs.mapping("Biểu"))).toEqual({ "4": "members.women" });
  });

  it("each column to confirm is a button to its picker and its cell", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Số liệu");
    ws.addRow(["Đơn vị", "Tổng số đảng viên", "Số đảng viên được miễn"]);
    ws.addRow(["Xã Sơn Mỹ", 100, 30]);
    ws.addRow(["Xã Tân Đức", 120, 40]);
    const path = join(dir, "xac-nhan.xlsx");
    await wb.xlsx.writeFile(path);
    await openFile(path, "xac-nhan.xlsx");
    await page.click("#v-run");
    await idle();
    const item = page.locator("#confirm button#confirm-C");
    expect(await item.textContent()).toMatch(/^C“Số đảng viên được miễn” → /);
    await item.click();
    expect(await focused()).toBe("map-q-C");
    expect(await page.$eval("#mapping", (e) => (e as HTMLDetailsElement).open)).toBe(true);
    await expect.poll(() => page.evaluate(() => window.htct!.host.workbook.selection)).toEqual({ sheet: "Số liệu", address: "C1" });
  });

  it("the keyboard stays where it was: Enter on Kiểm tra, Enter in the period; tabs take arrows, Home and End", async () => {
    await open("workbook=ham-tan-2012-06.xlsx");
    await page.focus("#v-run");
    expect(await focused()).toBe("v-run");
    await page.keyboard.press("Enter");
    await idle();
    expect(await page.textContent("main .counts")).toBeTruthy();
    expect(await focused()).toBe("v-run");
    await page.fill("#v-period", "6/2012");
    await page.keyboard.press("Enter");
    await idle();
    expect(await page.evaluate(() => window.htct!.app.scope.period)).toBe("2012-06");
    expect(await focused()).toBe("v-period");
    await page.focus("#tab-validate");
    const tabs = await page.$$eval("aside [role=tab]", (els) => els.map((e) => e.id));
    await page.keyboard.press("End");
    expect(await focused()).toBe(tabs[tabs.length - 1]);
    expect(await page.getAttribute(`#${tabs[tabs.length - 1]}`, "aria-selected")).toBe("true");
    await page.keyboard.press("Home");
    expect(await focused()).toBe("tab-validate");
    await page.keyboard.press("ArrowLeft");
    expect(await focused()).toBe(tabs[tabs.length - 1]);
    await page.keyboard.press("ArrowRight");
    expect(await focused()).toBe("tab-validate");
    expect(await page.getAttribute("#tab-validate", "tabindex")).toBe("0");
    expect(await page.getAttribute("#tab-submit", "tabindex")).toBe("-1");
  });

  it("at 320 px: no sideways scrolling, the tabs on one line, each picker at least 150 px wide", async () => {
    await open("workbook=ham-tan-tong-sai.xlsx&pane=320");
    expect(await page.$eval("aside.taskpane", (e) => e.getBoundingClientRect().width)).toBe(320);
    await page.click("#v-run");
    await idle();
    await page.click("#mapping summary").catch(() => undefined);
    await page.fill("#map-q-C", "dang vien");
    const look = await page.evaluate(() => {
      const aside = document.querySelector("aside.taskpane")!;
      // The tabs in view (those that do not fit are in the "Thêm" menu, tab-overflow.e2e.test.ts).
      const tabs = [...aside.querySelectorAll("[role=tab]")].filter((t) => t.getClientRects().length).map((t) => t.getBoundingClientRect().top);
      const widths = [...aside.querySelectorAll("htct-picker")].map((p) => p.getBoundingClientRect().width);
      return { overflow: aside.scrollWidth - aside.clientWidth, tabTops: new Set(tabs).size, tabs: tabs.length, narrowest: Math.min(...widths) };
    });
    expect(look.overflow).toBeLessThanOrEqual(0);
    expect(look.tabs).toBeGreaterThan(1);
    expect(look.tabTops).toBe(1);
    expect(look.narrowest).toBeGreaterThanOrEqual(150);
    await page.screenshot({ path: join(dir, "pane-320.png") });
  });

  it("follows a dark or high-contrast theme", async () => {
    await page.emulateMedia({ colorScheme: "dark" });
    await open("workbook=ham-tan-2012-06.xlsx");
    const dark = await page.evaluate(() => getComputedStyle(document.querySelector("aside.taskpane")!).backgroundColor);
    expect(dark).toBe("rgb(41, 41, 41)");
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue("--colorNeutralBackground1").trim())).toBe("#292929");
    // High contrast wins over a dark scheme: the system's colours, not the pane's dark ones.
    await page.emulateMedia({ colorScheme: "dark", forcedColors: "active" });
    await open("workbook=ham-tan-2012-06.xlsx");
    expect(await page.evaluate(() => document.documentElement.style.getPropertyValue("--bg"))).toBe("");
    await page.emulateMedia({ colorScheme: "light", forcedColors: "none" });
  });
});
