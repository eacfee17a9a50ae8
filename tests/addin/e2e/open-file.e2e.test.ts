import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cellOf, hasChromium, openTab, pickIndicator, startPane, typeInCell } from "./pane.ts";
import { REPORT_SHEET } from "../../../shared/index.ts";
import { ROOT, startStack, type Stack } from "../../functions/stack.ts";

/**
 * The preview page opens any .xlsx the person picks or drops (read in the browser, never
 * uploaded), runs the whole flow on it, recalculates formulas as the clerk fixes a SUM range,
 * shifts formulas when a row is deleted, and downloads the workbook after annotating; a file
 * that is not a workbook gets a plain message and the open workbook stays.
 */

/** A commune table of the clerk's own making whose total row's SUM stops one row early. */
async function clerkWorkbook(path: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Số liệu 2014");
  ws.addRow(["BÁO CÁO CHẤT LƯỢNG ĐẢNG VIÊN NĂM 2014"]);
  ws.addRow(["STT", "Đơn vị", "Tổng số đảng viên", "Số chi bộ trực thuộc"]);
  const rows = [["Xã Sơn Mỹ", 100, 9], ["Xã Tân Đức", 120, 8], ["Xã Tân Hà", 90, 7], ["Xã Tân Phúc", 80, 6]] as const;
  rows.forEach((r, i) => ws.addRow([i + 1, ...r]));
  // Rows 3–6 are the communes; the SUM stops at row 5, as clerks' totals do when a row is added.
  ws.addRow([null, "Tổng cộng", { formula: "SUM(C3:C5)", result: 310 }, { formula: "SUM(D3:D5)", result: 24 }]);
  await wb.xlsx.writeFile(path);
}

describe.skipIf(!hasChromium)("the preview opens any workbook (Chromium)", { timeout: 60_000 }, () => {
  let stack: Stack;
  let closePane: (() => Promise<void>) | undefined;
  let page: Page;
  let base = "";
  const dir = mkdtempSync(join(tmpdir(), "htct-open-"));
  const waitIdle = () => page.waitForFunction(() => document.querySelector("main[aria-busy=false]") !== null, undefined, { timeout: 30_000 });
  const cell = (sheet: string, address: string) => cellOf(page, sheet, address);
  const type = (address: string, text: string) => typeInCell(page, address, text);
  const errors = () => page.$$eval("details.error button.issue", (els) => els.map((e) => e.textContent ?? ""));

  beforeAll(async () => {
    stack = await startStack();
    ({ base, page, close: closePane } = await startPane(stack.url));
    await page.goto(`${base}/preview.html`);
    await page.waitForSelector("body[data-ready=true]", { timeout: 30_000 });
  }, 120_000);

  afterAll(async () => {
    await closePane?.();
    await stack?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("opens a picked .xlsx in the browser and finds its total's SUM range stopping early, once", async () => {
    const file = join(dir, "so-lieu-cua-toi.xlsx");
    await clerkWorkbook(file);
    const uploads: string[] = [];
    page.on("request", (r) => { if (r.method() !== "GET" && r.postData()?.includes("PK")) uploads.push(r.url()); });
    await page.setInputFiles("#open-file", file);
    await expect.poll(() => page.textContent("#wb-name")).toBe("so-lieu-cua-toi.xlsx");
    await page.waitForSelector("body[data-ready=true]");
    expect(await page.$$eval(".sheet-tabs [role=tab]", (els) => els.map((e) => e.textContent))).toEqual(["Số liệu 2014"]);
    await page.click("#v-run");
    await waitIdle();
    expect(await page.textContent("#sheet-kind")).toMatch(/Bảng đơn vị × chỉ tiêu/);
    expect(await page.textContent("#why-mapping")).toMatch(/"Tổng số đảng viên" → "Tổng số đảng viên" \(100%\), theo tên "Tổng số đảng viên"; phương án khác: /);
    const errs = await errors();
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatch(/chỉ cộng đến dòng 5, bỏ sót dòng 6: 2 cột không khớp/);
    expect(uploads).toEqual([]);
  });

  it("recalculates as the clerk fixes the SUM range, and validation comes back clean", async () => {
    await type("C7", "=SUM(C3:C6)");
    expect(await cell("Số liệu 2014", "C7")).toMatchObject({ formula: "=SUM(C3:C6)", value: 390 });
    await type("D7", "=ROUND(SUM(D3:D6)*100%,0)");
    expect(await cell("Số liệu 2014", "D7")).toMatchObject({ value: 30 });
    await page.click("#v-run");
    await waitIdle();
    expect(await errors()).toEqual([]);
  });

  it("deleting a row moves the formulas' references as Excel does", async () => {
    await page.click('th[data-row="4"]');
    await page.click("#grid-delete-row");
    expect(await cell("Số liệu 2014", "C6")).toMatchObject({ formula: "=SUM(C3:C5)", value: 270 });
    expect(await cell("Số liệu 2014", "B4")).toMatchObject({ value: "Xã Tân Hà" });
  });

  it("annotating downloads the annotated workbook", async () => {
    await type("C3", "ba trăm");
    await page.click("#v-run");
    await waitIdle();
    const [dl] = await Promise.all([page.waitForEvent("download"), page.click("#v-annotate")]);
    await waitIdle();
    expect(dl.suggestedFilename()).toBe("so-lieu-cua-toi.xlsx");
    const saved = join(dir, "annotated.xlsx");
    await dl.saveAs(saved);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(saved);
    expect(wb.worksheets.map((w) => w.name)).toContain(REPORT_SHEET);
    expect(wb.getWorksheet("Số liệu 2014")!.getCell("C3").value).toBe("ba trăm");
  });

  it("computes formulas a file was saved without results for, as Excel does on opening, and names one it cannot", async () => {
    // The same table written by a tool that does not compute: the totals' SUMs have no saved result.
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Số liệu 2014");
    ws.addRow(["BÁO CÁO CHẤT LƯỢNG ĐẢNG VIÊN NĂM 2014"]);
    ws.addRow(["STT", "Đơn vị", "Tổng số đảng viên", "Số chi bộ trực thuộc"]);
    [["Xã Sơn Mỹ", 100, 9], ["Xã Tân Đức", 120, 8], ["Xã Tân Hà", 90, 7], ["Xã Tân Phúc", 80, 6]].forEach((r, i) => ws.addRow([i + 1, ...r]));
    ws.addRow([null, "Tổng cộng", { formula: "SUM(C3:C5)" }, { formula: "SUM(D3:D5)" }]);
    ws.addRow([]);
    ws.addRow([null, { formula: 'WEBSERVICE("https://example.invalid/")' }]);
    const file = join(dir, "khong-ket-qua.xlsx");
    await wb.xlsx.writeFile(file);
    await page.setInputFiles("#open-file", file);
    await expect.poll(() => page.textContent("#wb-name")).toBe("khong-ket-qua.xlsx");
    await page.waitForSelector("body[data-ready=true]");
    expect(await cell("Số liệu 2014", "C7")).toMatchObject({ formula: "=SUM(C3:C5)", value: 310 });
    expect(await page.textContent("#open-message")).toMatch(/1 ô công thức chưa có kết quả mà bản xem thử không tính được \(Số liệu 2014!B9\)/);
    await page.click("#v-run");
    await waitIdle();
    const errs = await errors();
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatch(/chỉ cộng đến dòng 5, bỏ sót dòng 6: 2 cột không khớp/);
  });

  it("on a sheet of two tables, the issue list says which table each issue is in", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Báo cáo");
    for (const r of [
      ["BÁO CÁO NĂM 2014"],
      ["Biểu 01: Tổ chức đảng"], ["Đơn vị", "Tổng số chi bộ", "Chi bộ đạt TSVM"], ["Xã Sơn Mỹ", 9, 6], ["Xã Tân Đức", 8, 9], // 9 of 8: planted
      [],
      ["Biểu 02: Đảng viên"], ["Đơn vị", "Tổng số đảng viên", "Đảng viên HTTNV"], ["Xã Sơn Mỹ", 100, 160], ["Xã Tân Đức", 150, 90], // 160 of 100: planted
    ]) ws.addRow(r);
    const file = join(dir, "hai-bieu.xlsx");
    await wb.xlsx.writeFile(file);
    await page.setInputFiles("#open-file", file);
    await expect.poll(() => page.textContent("#wb-name")).toBe("hai-bieu.xlsx");
    await page.waitForSelector("body[data-ready=true]");
    await page.click("#v-run");
    await waitIdle();
    const listed = await page.$$eval("details.error button.issue", (els) => els.map((e) => [e.querySelector(".cell")?.textContent, e.querySelector(".table")?.textContent]));
    expect(listed).toEqual(expect.arrayContaining([["C5", "Biểu 01: "], ["C9", "Biểu 02: "]]));
  });

  it("a mapping the clerk confirmed and submitted is the province's for the next workbook of the same form", async () => {
    const form = async (path: string, members: number[]) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet("Báo cáo");
      ws.addRow(["Đơn vị", "Số chi bộ trực thuộc", "Cột số 3"]);
      ["Xã Sơn Mỹ", "Xã Tân Đức", "Xã Tân Hà"].forEach((u, i) => ws.addRow([u, 8 + i, members[i]]));
      await wb.xlsx.writeFile(path);
    };
    const first = join(dir, "mau-a.xlsx");
    await form(first, [100, 120, 90]);
    await page.setInputFiles("#open-file", first);
    await expect.poll(() => page.textContent("#wb-name")).toBe("mau-a.xlsx");
    await page.waitForSelector("body[data-ready=true]");
    await page.fill("#v-period", "2014");
    await page.press("#v-period", "Tab");
    await page.click("#v-run");
    await waitIdle();
    await pickIndicator(page, "C", "tong so dang vien", "members.total");
    await page.click("#map-apply");
    await waitIdle();
    await openTab(page, "submit");
    await page.click("#s-send");
    await waitIdle();
    await expect.poll(() => page.textContent(".notice")).toMatch(/Phiên bản mới: \d+/);
    // The clerk's mapping waits for the province's staff; accepted, it is served to the next workbook of the form.
    await expect.poll(async () => (await stack.call("GET", "/api/mapping-offers/BTH", { user: "province-BTH" })).json.offers.length).toBe(1);
    expect((await stack.call("GET", "/api/mappings/BTH", { user: "province-BTH" })).json.mappings).toEqual([]);
    const offerId = (await stack.call("GET", "/api/mapping-offers/BTH", { user: "province-BTH" })).json.offers[0].id;
    expect((await stack.call("POST", `/api/mapping-offers/BTH/${offerId}`, { user: "province-BTH", body: { decision: "accept" } })).status).toBe(200);
    await expect.poll(async () => (await stack.call("GET", "/api/mappings/BTH", { user: "province-BTH" })).json.mappings.length).toBe(1);

    const second = join(dir, "mau-b.xlsx");
    await form(second, [101, 121, 91]);
    await page.setInputFiles("#open-file", second);
    await expect.poll(() => page.textContent("#wb-name")).toBe("mau-b.xlsx");
    await page.waitForSelector("body[data-ready=true]");
    await page.click("#v-run");
    await waitIdle();
    expect(await page.textContent("#shared-mapping")).toMatch(/Dùng ánh xạ cột chung của tỉnh cho biểu này \(học từ Hàm Tân\)/);
    expect(await page.$eval("#map-C", (e) => (e as HTMLSelectElement).value)).toBe("members.total");
  });

  it("province staff see the form's mapping in use and correct one column; a colleague's edit meanwhile is refused in Vietnamese", async () => {
    await openTab(page, "settings");
    await page.fill("#st-dev-user", "province-BTH");
    await page.click("#st-signin");
    await waitIdle();
    await expect.poll(() => page.getAttribute("header .who", "title")).toBe("province-BTH");
    await openTab(page, "mappings");
    // The tab's view comes with the tab (a chunk of its own).
    await page.waitForSelector("#m-province");
    expect(await page.$eval("#m-province", (e) => (e as HTMLSelectElement).value)).toBe("BTH");
    await page.click("#m-load");
    await waitIdle();
    const article = page.locator("#m-list article.mapping-form").first();
    const text = await article.textContent();
    expect(text).toMatch(/“Báo cáo” · Bảng đơn vị × chỉ tiêu/);
    expect(text).toMatch(/1 đơn vị đã dùng · học từ Hàm Tân, do clerk-BTH-HTN xác nhận · \d\d\/\d\d\/\d{4} \d\d:\d\d \(giờ Việt Nam\)/);
    // The unit by its name, the form's fingerprint only in a tooltip (issue 20, words not codes).
    expect(text).not.toMatch(/BTH-HTN,|mã biểu/);
    const row = page.locator('#m-list tr[data-key$="|Cột số 3"]').first();
    expect(await row.locator("td").first().textContent()).toBe("Tổng số đảng viên");
    // One column corrected through the searchable picker.
    await row.locator("fluent-button", { hasText: "Sửa" }).click();
    await row.locator("input[type=search]").fill("dang vien nu");
    await row.locator('[role=option][data-value="members.women"]').click();
    await row.locator("fluent-button", { hasText: "Lưu" }).click();
    // The save is the whole province's: asked first, in words that say so.
    expect(await row.locator("[role=alertdialog]").textContent()).toMatch(/cho mọi đơn vị trong tỉnh dùng biểu này \(1 đơn vị đã dùng\)/);
    await row.locator("fluent-button", { hasText: "Lưu cho cả tỉnh" }).click();
    await waitIdle();
    expect(await page.textContent(".notice")).toContain("Đã lưu chỉ tiêu của cột “Cột số 3”");
    const saved = (await stack.call("GET", "/api/mappings/BTH", { user: "province-BTH" })).json.mappings[0];
    expect(saved).toMatchObject({ source: "province", by: "province-BTH", units: ["BTH-HTN"], mapping: { "Cột số 3": "members.women" } });
    expect(await row.locator("td").first().textContent()).toBe("Đảng viên nữ");
    expect(await article.textContent()).toMatch(/do tỉnh đặt \(province-BTH\)/);
    await page.screenshot({ path: join(process.env.UPDATE_SCREENSHOTS ? join(ROOT, "docs") : dir, "addin-10-mappings.png") });
    // A colleague saves the same form meanwhile: this pane's next edit is refused (409), nothing overwritten.
    const colleague = await stack.call("POST", `/api/mappings/BTH/${saved.fingerprint}`, { user: "province-BTH", body: { mapping: { ...saved.mapping, "Cột số 3": "members.total" }, headers: saved.headers, kind: saved.kind, sheet: saved.sheet, baseAt: saved.at } });
    expect(colleague.status).toBe(200);
    await row.locator("fluent-button", { hasText: "Sửa" }).click();
    await row.locator("input[type=search]").fill("bo qua");
    await row.locator('[role=option][data-value=""]').click();
    await row.locator("fluent-button", { hasText: "Lưu" }).click();
    await row.locator("fluent-button", { hasText: "Lưu cho cả tỉnh" }).click();
    await waitIdle();
    expect(await page.textContent(".notice.error")).toMatch(/Ánh xạ của biểu này vừa được province-BTH sửa lúc .* \(giờ Việt Nam\), sau khi anh\/chị mở ra; hãy tải lại danh sách/);
    expect((await stack.call("GET", `/api/mappings/BTH/${saved.fingerprint}`, { user: "province-BTH" })).json.mapping["Cột số 3"]).toBe("members.total");
    await page.click("#m-load");
    await waitIdle();
    expect(await page.locator('#m-list tr[data-key$="|Cột số 3"] td').first().textContent()).toBe("Tổng số đảng viên");
  });

  it("a file that is not a workbook gets a plain message, and the open workbook stays", async () => {
    const bad = join(dir, "hong.xlsx");
    writeFileSync(bad, "đây không phải sổ tính");
    await page.setInputFiles("#open-file", bad);
    await expect.poll(() => page.textContent("#open-message")).toMatch(/bị hỏng hoặc không phải tệp \.xlsx/);
    expect(await page.textContent("#wb-name")).toBe("mau-b.xlsx");
    const csv = join(dir, "bang.csv");
    writeFileSync(csv, "a,b\n1,2\n");
    await page.setInputFiles("#open-file", csv);
    await expect.poll(() => page.textContent("#open-message")).toMatch(/không phải tệp \.xlsx/);
  });
  it("deleting a row moves the references other sheets make to it, and the download keeps them", async () => {
    const file = join(dir, "hai-trang.xlsx");
    const wb = new ExcelJS.Workbook();
    const data = wb.addWorksheet("Số liệu");
    data.addRow(["Đơn vị", "Tổng số đảng viên", "Số chi bộ trực thuộc"]);
    [["Xã Sơn Mỹ", 100, 9], ["Xã Tân Đức", 120, 8], ["Xã Tân Hà", 90, 7], ["Xã Tân Phúc", 80, 6]].forEach((r) => data.addRow(r));
    const sum = wb.addWorksheet("Tổng hợp");
    sum.getCell("A1").value = "Tổng số đảng viên";
    sum.getCell("B1").value = { formula: "SUM('Số liệu'!B2:B5)", result: 390 };
    sum.getCell("B2").value = { formula: "'Số liệu'!B3", result: 120 };
    sum.getCell("B3").value = { formula: "'Số liệu'!B5*2+B1", result: 550 };
    sum.getCell("B4").value = { formula: "B2+1", result: 121 };
    await wb.xlsx.writeFile(file);
    await page.setInputFiles("#open-file", file);
    await expect.poll(() => page.textContent("#wb-name")).toBe("hai-trang.xlsx");
    await page.waitForSelector("body[data-ready=true]");
    // Row 3 (Xã Tân Đức) of "Số liệu" goes, as the clerk deletes it in the grid.
    await page.click('th[data-row="3"]');
    await page.click("#grid-delete-row");
    expect(await cell("Số liệu", "A3")).toMatchObject({ value: "Xã Tân Hà" });
    expect(await cell("Tổng hợp", "B1")).toMatchObject({ formula: "=SUM('Số liệu'!B2:B4)", value: 270 });
    expect(await cell("Tổng hợp", "B2")).toMatchObject({ formula: "='Số liệu'!#REF!", value: "#REF!" });
    expect(await cell("Tổng hợp", "B3")).toMatchObject({ formula: "='Số liệu'!B4*2+B1", value: 430 });
    expect(await cell("Tổng hợp", "B4")).toMatchObject({ formula: "=B2+1", value: "#REF!" });
    const [dl] = await Promise.all([page.waitForEvent("download"), page.click("#download")]);
    const saved = join(dir, "hai-trang-sau.xlsx");
    await dl.saveAs(saved);
    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(saved);
    expect(back.getWorksheet("Tổng hợp")!.getCell("B1").value).toMatchObject({ formula: "SUM('Số liệu'!B2:B4)", result: 270 });
  });
});
