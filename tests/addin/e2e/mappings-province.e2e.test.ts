import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasChromium, openTab, paneIdle, signInAs, startPaneOnStack, type PaneOnStack } from "./pane.ts";
import type { Stack } from "../../functions/stack.ts";

/**
 * Issue 20, defect 8, through the preview page in Chromium against the running stack: after the
 * workbook's province changes hands (another province's staff sign in on it), the Ánh xạ cột
 * tab calls the API for the province it shows, never /api/mappings/ without one; a column goes
 * back to "Tự nhận theo tiêu đề"; and a save, which changes the whole province's reading of the
 * form, is asked for first.
 */
describe.skipIf(!hasChromium)("shared mappings after a change of province (preview page, Chromium)", { timeout: 240_000 }, () => {
  let env: PaneOnStack | undefined;
  let stack: Stack;
  let page: Page;
  const idle = () => paneIdle(page);
  const form = "f00000000000000f8";
  const header = "Tổng số đảng viên";
  /** Every mappings call the pane made. */
  const calls: string[] = [];

  /** The province's mapping of the form, saved before the pane opens. */
  const seed = async (stack: Stack) => {
    const body = { mapping: { [header]: "members.total", "Số chi bộ": "party.cells" }, headers: [header, "Số chi bộ"], kind: "units", sheet: "Biểu mẫu 08" };
    expect((await stack.call("POST", `/api/mappings/TST/${form}`, { user: "province-TST", body })).status).toBe(200);
  };
  const watch = (page: Page) => page.on("request", (r) => { const u = new URL(r.url()); if (u.pathname.startsWith("/api/mapping")) calls.push(`${r.method()} ${u.pathname}`); });

  beforeAll(async () => {
    ({ stack, page } = env = await startPaneOnStack({ seed, watch }));
  }, 120_000);

  afterAll(() => env?.close());

  it("another province's staff on the same workbook see and load their own province's mappings", async () => {
    // Province BTH's staff pick a unit: the workbook now says it reports for BTH.
    await signInAs(page, "province-BTH");
    await openTab(page, "validate");
    const unit = await page.$$eval("#v-unit option", (els) => els.map((e) => (e as HTMLOptionElement).value).find((v) => v.startsWith("BTH-")));
    await page.selectOption("#v-unit", unit!);
    await idle();
    await signInAs(page, "province-TST");
    await openTab(page, "mappings");
    // The tab's view comes with the tab (a chunk of its own).
    await page.waitForSelector("#m-province");
    expect(await page.$eval("#m-province", (e) => (e as HTMLSelectElement).value)).toBe("TST");
    await page.click("#m-load");
    await idle();
    await page.waitForSelector("#m-list");
    expect(calls.length).toBeGreaterThan(0);
    // Before: the select held BTH, which is not among TST's staff's provinces, so it read "" and the pane asked for /api/mappings/.
    expect(calls.every((c) => /\/api\/mappings?(-offers)?\/TST(\/|$)/.test(c))).toBe(true);
    expect(await page.textContent(".notice")).not.toMatch(/Không có chức năng/);
  });

  it("a column goes back to 'Tự nhận theo tiêu đề', once the clerk has said yes to changing it for the whole province", async () => {
    const row = page.locator(`#m-list tr[data-key="${form}|${header}"]`);
    await row.locator("fluent-button", { hasText: "Sửa" }).click();
    await row.locator("input[type=search]").fill("tu nhan");
    await row.locator('[role=option][data-value="@auto"]').click();
    expect(await row.locator("input[type=search]").inputValue()).toBe("Tự nhận theo tiêu đề");
    const before = calls.length;
    await row.locator("fluent-button", { hasText: "Lưu" }).click();
    // Nothing is sent yet: the pane says what the save changes, and for whom.
    const ask = row.locator("[role=alertdialog]");
    expect(await ask.textContent()).toMatch(/^Lưu cho cả tỉnh\?Ánh xạ này dùng chung cho cả tỉnh: lưu sẽ đổi cách đọc cột “Tổng số đảng viên” thành “Tự nhận theo tiêu đề” cho mọi đơn vị trong tỉnh dùng biểu này/);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Lưu cho cả tỉnh");
    expect(calls.length).toBe(before);
    expect((await stack.call("GET", `/api/mappings/TST/${form}`, { user: "province-TST" })).json.mapping[header]).toBe("members.total");
    await row.locator("fluent-button", { hasText: "Lưu cho cả tỉnh" }).click();
    await idle();
    expect(await page.textContent(".notice")).toContain(`Đã lưu chỉ tiêu của cột “${header}”`);
    const saved = (await stack.call("GET", `/api/mappings/TST/${form}`, { user: "province-TST" })).json.mapping as Record<string, unknown>;
    expect(Object.prototype.hasOwnProperty.call(saved, header)).toBe(false);
    expect(saved["Số chi bộ"]).toBe("party.cells");
    expect(await row.locator("td").first().textContent()).toBe("Tự nhận theo tiêu đề");
    expect(calls.every((c) => /\/TST(\/|$)/.test(c))).toBe(true);
  });
});
