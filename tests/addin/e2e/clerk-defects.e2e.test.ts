import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cellOf, hasChromium, openTab, paneIdle, signInAs, startPane, typeInCell } from "./pane.ts";
import { RegistryProposalsResponse, RollupResponse } from "../../../shared/contract/index.ts";
import { idem, startStack, submission, type Stack } from "../../functions/stack.ts";

/**
 * The clerk's defects found by trying the pane in a real browser (issue 20), each replayed here
 * step by step in Debian's Chromium on the preview page, against the running stack.
 */
describe.skipIf(!hasChromium)("the clerk's defects, in Chromium (issue 20)", { timeout: 180_000 }, () => {
  let stack: Stack;
  let closePane: (() => Promise<void>) | undefined;
  let page: Page;
  let base = "";

  const open = async (workbook: string, query = "") => {
    page.setDefaultTimeout(90_000);
    await page.goto(`${base}/preview.html?workbook=${workbook}${query}`);
    await page.waitForSelector("body[data-ready=true]", { timeout: 60_000 });
    if (await page.$("#intro")) await page.click("#intro-skip");
    await paneIdle(page);
  };
  const check = async (period = "6/2012") => {
    await openTab(page, "validate");
    await page.fill("#v-period", period);
    await page.click("#v-run");
    await paneIdle(page);
  };
  /** Every cell of the sheet that carries a fill or a note, as [row, column, fill, note]. */
  const formats = (sheet: string) => page.evaluate((name) => {
    const s = window.htct!.host.workbook.sheet(name)!;
    return [...s.entries()].filter(([, , c]) => c.fill || c.note)
      .map(([r, c, cell]) => [r, c, JSON.stringify(cell.fill ?? null), cell.note ?? null] as [number, number, string, string | null])
      .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  }, sheet);
  /** What deleting 1-based row `row` does to those: the row's go, the rows below move up. */
  const withoutRow = (cells: [number, number, string, string | null][], row: number) =>
    cells.filter(([r]) => r !== row - 1).map(([r, c, f, n]) => [r > row - 1 ? r - 1 : r, c, f, n] as [number, number, string, string | null]);
  const deleteRow = async (row: number) => {
    await page.click(`th[data-row="${row}"]`);
    await page.click("#grid-delete-row");
  };

  beforeAll(async () => {
    stack = await startStack();
    ({ base, page, close: closePane } = await startPane(stack.url));
  }, 180_000);

  afterAll(async () => {
    await closePane?.();
    await stack?.close();
  });

  it("1. clear after a row delete: every mark and note goes, the clerk's own formats come back (marks follow their rows)", async () => {
    await open("ham-tan-tong-sai.xlsx");
    // The clerk's own formatting, as a file brings it: a green fill on L14 and G10, a note on G10.
    await page.evaluate(() => {
      const s = window.htct!.host.workbook.sheet("Báo cáo")!;
      for (const [r, c] of [[13, 11], [9, 6]] as const) s.cell(r, c).fill = { color: "#C6EFCE", pattern: "Solid" };
      s.cell(9, 6).note = "Số liệu của chi bộ";
    });
    const before = await formats("Báo cáo");
    expect(before.length).toBe(2);
    await check();
    await page.click("#v-annotate");
    await paneIdle(page);
    expect((await cellOf(page, "Báo cáo", "L14"))?.note).toMatch(/L14/);
    // Row 7 goes; the pane checks again by itself and its marks follow the rows that moved up.
    await deleteRow(7);
    await expect.poll(() => page.textContent(".notice"), { timeout: 30_000 }).toContain("Đã kiểm tra lại sau khi sửa");
    await paneIdle(page);
    // Another row goes, and Xóa đánh dấu comes straight after, before any re-check.
    await deleteRow(12);
    await page.click("#v-clear");
    // The re-check the deletion asked for comes after the clear (and marks nothing: the sheet is clear now).
    await expect.poll(() => page.textContent(".notice"), { timeout: 30_000 }).toContain("Đã kiểm tra lại sau khi sửa");
    await paneIdle(page);
    expect(await formats("Báo cáo")).toEqual(withoutRow(withoutRow(before, 7), 12));
  });

  it("2. the re-check after an edit reads the totals Excel recalculated (no stale 'ghi 609 nhưng cộng … 614')", async () => {
    await open("ham-tan-2012-06.xlsx");
    await check();
    expect(await page.textContent(".counts")).toContain("0 lỗi");
    expect((await cellOf(page, "Báo cáo", "E5"))?.value).toBe(65);
    await typeInCell(page, "E5", "70");
    // The sheet's own formula follows the edit, as Excel's does.
    expect((await cellOf(page, "Báo cáo", "E15"))?.value).toBe(614);
    await expect.poll(() => page.textContent(".notice"), { timeout: 30_000 }).toContain("Đã kiểm tra lại sau khi sửa");
    await paneIdle(page);
    const messages = await page.$$eval("details.group .msg", (els) => els.map((e) => e.textContent ?? ""));
    expect(messages.filter((m) => /609/.test(m))).toEqual([]);
    expect(await page.textContent(".counts")).toContain("0 lỗi");
  });

  it("9. the server address: a wrong one is named, one without https:// is completed, and a check does not say 'Có thể gửi' while it is unreachable", async () => {
    await open("ham-tan-2012-06.xlsx");
    const alert = () => page.textContent("[role=alert]");
    await openTab(page, "settings");
    await page.fill("#st-server", "https://htct.example.invalid");
    await page.click("#st-test");
    await paneIdle(page);
    expect(await alert()).toContain("Không kết nối được máy chủ https://htct.example.invalid");
    expect(await alert()).not.toContain("localhost");
    // Only the name: the pane adds https:// instead of asking its own server for a path (404).
    await page.fill("#st-server", "htct.example.org");
    await page.click("#st-test");
    await paneIdle(page);
    expect(await alert()).toContain("https://htct.example.org");
    expect(await alert()).not.toMatch(/404|sự cố/);
    await page.click("#st-save");
    await expect.poll(() => page.$eval("#st-server", (e) => (e as HTMLInputElement).value)).toBe("https://htct.example.org");
    // No web address at all: said, and the address saved before is kept.
    await page.fill("#st-server", "htct example");
    await page.click("#st-save");
    expect(await alert()).toContain("không phải địa chỉ máy chủ");
    // With the wrong server saved, a clean check says the figures cannot be sent, and why.
    await page.fill("#st-server", "https://htct.example.invalid");
    await page.click("#st-save");
    try {
      await check();
      expect(await page.textContent(".counts")).toContain("0 lỗi");
      const notice = await page.textContent(".notice");
      expect(notice).not.toContain("Có thể gửi số liệu");
      expect(notice).toContain("Không kết nối được máy chủ https://htct.example.invalid");
    } finally {
      // The browser's profile keeps preferences: the next tests use the pane's own server again.
      await openTab(page, "settings");
      await page.fill("#st-server", "");
      await page.click("#st-save");
    }
    await check();
    expect(await page.textContent(".notice")).toContain("Có thể gửi số liệu");
  });

  it("12. taskpane.html without office.js (blocked by a firewall) says so and what to do, in Vietnamese and English, instead of 'Đang tải…' for ever", async () => {
    const office = "https://appsforoffice.microsoft.com/**";
    await page.route(office, (r) => r.abort("blockedbyclient"));
    try {
      await page.goto(`${base}/taskpane.html`);
      await expect.poll(() => page.textContent("#app"), { timeout: 30_000 }).toContain("Không tải được Office.js");
      const text = await page.textContent("#app");
      expect(text).not.toContain("Đang tải");
      expect(text).toContain("appsforoffice.microsoft.com");
      expect(await page.textContent("#app p[lang=en]")).toContain("could not be loaded");
      expect(await page.getAttribute("#app", "role")).toBe("alert");
    } finally {
      await page.unroute(office);
    }
  });

  it("6. 'Lần gửi đầu tiên cho kỳ này' only when the server holds nothing: not beside a stored version, not after a 502 or 401 on approvals", async () => {
    const baseNote = () => page.textContent("main .submit");
    const approvals = "**/api/approvals/**";
    // Nothing stored for Hàm Tân in 6/2012 yet: the first send, said so.
    await open("ham-tan-2012-06.xlsx");
    await check();
    await openTab(page, "submit");
    await expect.poll(baseNote).toContain("Lần gửi đầu tiên cho kỳ này");
    // The approvals answer fails (502, then 401): the pane does not know, so claims nothing.
    for (const status of [502, 401]) {
      await page.route(approvals, (r) => r.fulfill({ status, contentType: "application/json", body: "{}" }));
      try {
        await open("ham-tan-2012-06.xlsx");
        await check();
        const asked = page.waitForResponse((r) => r.url().includes("/api/approvals/"));
        await openTab(page, "submit");
        await asked;
        await paneIdle(page);
        expect(await page.textContent("main")).not.toContain("Lần gửi đầu tiên");
      } finally {
        await page.unroute(approvals);
      }
    }
    // Another copy of the workbook sent version 1: this copy (which never sent) names it instead.
    const sent = await stack.call("POST", "/api/submissions", { user: "clerk-BTH-HTN", headers: idem("e2e-other-copy"), body: submission("BTH-HTN", { period: "2012-06" }) });
    expect(sent.status).toBe(200);
    await open("ham-tan-2012-06.xlsx");
    await check();
    await openTab(page, "submit");
    await expect.poll(baseNote).toContain("Máy chủ đã có phiên bản 1");
    expect(await page.textContent("main")).not.toContain("Lần gửi đầu tiên");
  });

  it("4. the period read from the sheet fills 'Kỳ báo cáo'; a typed period that disagrees is named beside the sheet's in one block before sending", async () => {
    await open("ham-tan-2012-06.xlsx");
    await openTab(page, "validate");
    expect(await page.$eval("#v-period", (e) => (e as HTMLInputElement).value)).toBe("");
    await page.click("#v-run");
    await paneIdle(page);
    // Nothing typed: the sheet's title ("Huyện Hàm Tân – tháng 6/2012") gives the period, in words.
    expect(await page.$eval("#v-period", (e) => (e as HTMLInputElement).value)).toBe("Tháng 6 năm 2012");
    expect(await page.textContent("#v-period-hint")).toContain("Tiêu đề sổ tính ghi: tháng 6 năm 2012");
    expect(await page.$("#v-period-mismatch")).toBeNull();
    // Another period typed: both named, in words, in one block, on Kiểm tra and again before Gửi số liệu.
    await page.fill("#v-period", "Quý II/2024");
    await page.click("#v-run");
    await paneIdle(page);
    const block = await page.textContent("#v-period-mismatch");
    expect(block).toContain("quý II năm 2024");
    expect(block).toContain("tháng 6 năm 2012");
    expect(block).not.toMatch(/2024-Q2|2012-06/);
    await openTab(page, "submit");
    const before = await page.textContent("#s-period-mismatch");
    expect(before).toContain("quý II năm 2024");
    expect(before).toContain("tháng 6 năm 2012");
    expect(await page.$eval("#s-period-mismatch", (el) => !!(el.compareDocumentPosition(document.getElementById("s-send")!) & Node.DOCUMENT_POSITION_FOLLOWING))).toBe(true);
    // The sheet's period typed back: the warning goes.
    await openTab(page, "validate");
    await page.fill("#v-period", "6/2012");
    await page.click("#v-run");
    await paneIdle(page);
    expect(await page.$("#v-period-mismatch")).toBeNull();
  });

  it("5. choosing the server's value in a conflict writes it into the sheet; the next send starts from it (no empty version, the colleague's value kept)", async () => {
    const period = "2012-07";
    const stored = async () => RollupResponse.parse((await stack.call("GET", `/api/rollups/BTH/${period}`, { user: "province-BTH" })).json).districts.find((u) => u.unit === "BTH-HTN")!;
    await open("ham-tan-2012-06.xlsx");
    await check("7/2012");
    await openTab(page, "submit");
    await page.click("#s-send");
    await paneIdle(page);
    await page.waitForSelector("#s-summary");
    expect((await stored()).version).toBe(1);
    // A colleague, from another copy of the workbook, changes the first commune's members 65 → 66.
    const commune = await page.evaluate(() => window.htct!.app.read!.units.find((u) => u.row === 5)!.unitId!);
    const other = await stack.call("POST", "/api/submissions", { user: "clerk-BTH-HTN", headers: idem("e2e-colleague"),
      body: submission("BTH-HTN", { period, baseVersion: 1, units: [{ unit: commune, values: { "members.total": 66 } }] }) });
    expect(other.status).toBe(200);
    expect((await stored()).version).toBe(2);
    // The clerk changes the same cell to 70 and sends: the conflict screen; the clerk takes the colleague's 66.
    await typeInCell(page, "E5", "70");
    await expect.poll(() => page.textContent(".notice"), { timeout: 30_000 }).toContain("Đã kiểm tra lại sau khi sửa");
    await paneIdle(page);
    await openTab(page, "submit");
    await page.click("#s-send");
    await paneIdle(page);
    await page.waitForSelector("#conflicts");
    expect(await page.textContent("#conflicts tbody tr")).toContain("66");
    await page.click("#c-theirs");
    await page.click("#c-resubmit");
    await paneIdle(page);
    await page.waitForSelector("#s-summary");
    // The sheet now says what is stored; no empty version was made.
    expect((await cellOf(page, "Báo cáo", "E5"))?.value).toBe(66);
    expect(await page.locator("td[data-address=E5]").textContent()).toBe("66");
    const after = await stored();
    expect(after.version).toBe(2);
    // The next check and send start from the sheet: nothing changed, nothing sent, the colleague's 66 stays.
    await check("7/2012");
    await openTab(page, "submit");
    await page.click("#s-send");
    await paneIdle(page);
    expect(await page.textContent(".notice")).toContain("Không có gì thay đổi");
    const last = await stored();
    expect(last.version).toBe(2);
    expect(last.values).toEqual(after.values);
  });

  it("13. words, not codes: periods, the 'Kiểm tra' sheet's kinds of problem, the person's name; English throughout; help without 'huyện', the intro again", async () => {
    await open("ham-tan-tong-sai.xlsx");
    const me = (await stack.call("GET", "/api/me", { user: "clerk-BTH-HTN" })).json as { displayName: string };
    await expect.poll(() => page.textContent("header .who")).toBe(me.displayName);
    await check();
    expect(await page.textContent("#sheet-kind")).toContain("Kỳ báo cáo: tháng 6 năm 2012.");
    await page.click("#v-annotate");
    await paneIdle(page);
    const kinds = await page.evaluate(() => {
      const s = window.htct!.host.workbook.sheet("Kiểm tra")!;
      return [...s.entries()].filter(([r, c]) => r > 0 && c === 7).map(([, , cell]) => String(cell.value));
    });
    expect(kinds.length).toBeGreaterThan(0);
    expect(kinds).toContain("Đơn vị trùng");
    expect(kinds.filter((k) => /^[a-z]+(_[a-z0-9]+)+$/.test(k))).toEqual([]);
    await page.click("#v-clear");
    await paneIdle(page);
    await openTab(page, "submit");
    expect(await page.textContent("main")).not.toMatch(/\b2012-06\b/);
    // English: every word of the tab in English, plurals right, an English period accepted.
    await openTab(page, "settings");
    await page.selectOption("#st-lang", "en");
    await expect.poll(() => page.textContent("#tab-validate")).toMatch(/^\s*Check\s*$/);
    await openTab(page, "validate");
    await page.click("#v-run");
    await paneIdle(page);
    expect(await page.textContent("#sheet-kind")).not.toMatch(/\b1 total rows\b/);
    expect(await page.textContent("#sheet-kind")).toContain("Reporting period: June 2012.");
    expect(await page.$eval("#v-period", (e) => (e as HTMLInputElement).value)).toBe("June 2012");
    await page.fill("#v-period", "May 2012");
    await page.press("#v-period", "Tab");
    await expect.poll(() => page.$eval("#v-period", (e) => (e as HTMLInputElement).value)).toBe("May 2012");
    expect(await page.getAttribute("#v-period", "aria-invalid")).toBeNull();
    await openTab(page, "settings");
    await page.selectOption("#st-lang", "vi");
    await expect.poll(() => page.textContent("#tab-validate")).toMatch(/Kiểm tra/);
    // Help: a link to the guide, which speaks of today's units, and the introduction again.
    expect(await page.getAttribute("#st-help", "href")).toBe("help.html");
    const help = await (await page.request.get(`${base}/help.html`)).text();
    expect(help).toContain("xã, phường, đặc khu");
    expect(help).not.toMatch(/huyện/i);
    await page.click("#st-intro");
    await page.waitForSelector("#intro");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("intro-ok");
    await page.click("#intro-skip");
    expect(await page.$("#intro")).toBeNull();
  });

  it("issue 21: a commune's clerk whose sheet lists chi bộ the registry does not know asks the province to add them", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Chi bộ");
    ws.addRow(["BÁO CÁO CHẤT LƯỢNG ĐẢNG VIÊN NĂM 2026"]);
    ws.addRow(["STT", "Tên chi bộ", "Tổng số đảng viên", "Số đảng viên kết nạp trong kỳ"]);
    ws.addRow([1, "Chi bộ Thôn mẫu 07", 15, 0]);
    ws.addRow([2, "Chi bộ Trường mẫu 08", 12, 2]);
    ws.addRow([3, "Tổ mẫu 09", 9, 0]);
    ws.addRow(["", "Tổng cộng", 36, 2]);
    const file = join(mkdtempSync(join(tmpdir(), "htct-propose-e2e-")), "chi-bo.xlsx");
    await wb.xlsx.writeFile(file);
    await open("ham-tan-2012-06.xlsx");
    await signInAs(page, "clerk-LDG-M02");
    await page.setInputFiles("#open-file", file);
    await expect.poll(() => page.textContent("#wb-name")).toBe("chi-bo.xlsx");
    await page.waitForSelector("body[data-ready=true]");
    await paneIdle(page);
    await check("2026");
    const box = await page.textContent("#v-propose-box");
    expect(box).toContain("chưa có trong danh mục");
    expect(box).toContain("Chi bộ Thôn mẫu 07");
    expect(box).toContain("Chi bộ Trường mẫu 08");
    // A row that does not say what it is is not offered.
    expect(box).not.toContain("Tổ mẫu 09");
    await page.click("#v-propose");
    await paneIdle(page);
    expect(await page.textContent(".notice")).toContain("Đã gửi đề nghị bổ sung 2 đơn vị");
    expect(await page.textContent("#v-proposed")).toContain("chờ tỉnh duyệt");
    expect(await page.$("#v-propose")).toBeNull();
    const list = RegistryProposalsResponse.parse((await stack.call("GET", "/api/orgunits/LDG/proposals", { user: "province-LDG" })).json);
    expect(list.proposals.map((p) => [p.parent, p.state, p.units.map((u) => u.name)])).toEqual([["LDG-M02", "pending", ["Chi bộ Thôn mẫu 07", "Chi bộ Trường mẫu 08"]]]);
    await signInAs(page, "clerk-BTH-HTN");
  });
});
