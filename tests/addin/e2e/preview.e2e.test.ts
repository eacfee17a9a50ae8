import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cellOf, hasChromium, openTab, startPane, typeInCell } from "./pane.ts";
import { ApprovalsResponse, RollupResponse } from "../../../shared/contract/index.ts";
import { ROOT, startStack, type Stack } from "../../functions/stack.ts";

/**
 * The whole flow in Debian's Chromium against the running stack (Azurite, the local functions
 * host, the task pane's dev server over plain HTTP): the preview page opens a messy seed
 * workbook, the clerk validates, sees the issues, fixes them, submits, refreshes the rollup and
 * the rollup sheet's numbers are checked against the functions' own rollup; then a second change
 * to the same value by someone else brings up the conflict screen. Screenshots of each step go
 * to a temporary folder, or to docs/ with `npm run screenshots` (so a test run leaves the tree clean).
 */
const SHOTS = process.env.UPDATE_SCREENSHOTS ? join(ROOT, "docs") : mkdtempSync(join(tmpdir(), "htct-shots-"));
const PERIOD = "2012-06";

// A loaded two-core machine (load 15 and more) takes up to 45 s for the longest step here.
describe.skipIf(!hasChromium)("task pane end to end (preview page, Chromium)", { timeout: 120_000 }, () => {
  let stack: Stack;
  let closePane: (() => Promise<void>) | undefined;
  let page: Page;
  let base = "";

  const shot = (name: string) => page.screenshot({ path: join(SHOTS, `addin-${name}.png`) });
  const waitIdle = () => page.waitForFunction(() => document.querySelector("main[aria-busy=false]") !== null, undefined, { timeout: 30_000 });
  const type = (address: string, text: string) => typeInCell(page, address, text);
  const cell = (sheet: string, address: string) => cellOf(page, sheet, address);

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    stack = await startStack();
    ({ base, page, close: closePane } = await startPane(stack.url));
  }, 120_000);

  afterAll(async () => {
    await closePane?.();
    await stack?.close();
  });

  it("validates a messy workbook, shows its issues, annotates them", async () => {
    await page.goto(`${base}/preview.html?workbook=ham-tan-tong-sai.xlsx`);
    await page.waitForSelector("body[data-ready=true]", { timeout: 30_000 });
    // The first-run explanation, which a clerk can skip; it does not come back.
    await page.waitForSelector("#intro");
    await page.click("#intro-skip");
    expect(await page.$("#intro")).toBeNull();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("tab-validate");
    // The person's name from GET /api/me, not the user id (which stays in the tooltip).
    const me = (await stack.call("GET", "/api/me", { user: "clerk-BTH-HTN" })).json as { displayName: string };
    await expect.poll(() => page.textContent("header .who")).toBe(me.displayName);
    expect(await page.getAttribute("header .who", "title")).toBe("clerk-BTH-HTN");
    // The registry came from the functions: the reporting unit is chosen by name.
    await expect.poll(() => page.$eval("#v-unit", (e) => (e as HTMLSelectElement).value)).toBe("BTH-HTN");
    // A period as clerks write it, then straight to the button: leaving the field re-renders the
    // pane, and the click must still land (the renderer keeps the elements that stay).
    await page.fill("#v-period", "6/2012");
    await page.click("#v-run");
    await waitIdle();
    // The period in words, as the clerk writes it (the field reads them back).
    expect(await page.$eval("#v-period", (e) => (e as HTMLInputElement).value)).toBe("Tháng 6 năm 2012");
    expect(await page.textContent("details.error summary")).toBeTruthy();
    await shot("01-preview");
    const summary = await page.textContent("details.error summary");
    expect(summary).toMatch(/Lỗi \(\d+\)/);
    const issues = await page.$$eval("details.error button.issue .cell", (els) => els.map((e) => e.textContent));
    expect(issues).toEqual(expect.arrayContaining(["B6", "L14", "G10"]));
    await shot("02-issues");
    // The indicator picker: search without diacritics, results grouped.
    await page.click("#mapping summary").catch(() => undefined);
    const column = await page.$eval("#mapping htct-picker", (e) => e.id.slice(4));
    await page.fill(`#map-q-${column}`, "dang vien ket nap");
    await expect.poll(() => page.$$eval(`#map-${column}-list .picker-group`, (els) => els.map((e) => e.textContent))).toContain("Đảng viên");
    const offered = await page.$$eval(`#map-${column}-list [role=option]:not([data-value=""])`, (els) => els.map((e) => e.textContent ?? ""));
    expect(offered.length).toBeGreaterThan(0);
    expect(offered.every((o) => /kết nạp/i.test(o))).toBe(true);
    // Focus stayed in the search box while the list narrowed.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(`map-q-${column}`);
    await page.keyboard.press("Escape");
    // Clicking an issue selects its cell.
    await page.click("details.error button.issue:has(.cell:text-is('G10'))");
    await expect.poll(() => page.evaluate(() => window.htct!.host.workbook.selection)).toEqual({ sheet: "Báo cáo", address: "G10" });
    await page.click("#v-annotate");
    await waitIdle();
    expect((await cell("Báo cáo", "G10"))?.fill?.color).toBe("#FFC7CE");
    expect((await cell("Báo cáo", "G10"))?.note).toContain("HTTNV");
    await shot("03-annotated");
  });

  it("clears the annotations, the clerk fixes the cells, validation comes back clean", async () => {
    await page.click("#v-clear");
    await waitIdle();
    expect((await cell("Báo cáo", "G10"))?.fill ?? null).toBeNull();
    // The total row whose SUMs skip a commune, then the duplicated Sơn Mỹ row: the clerk selects
    // each row by its number and deletes it, as in Excel (the rows below move up).
    for (const row of [15, 7]) {
      await page.click(`th[data-row="${row}"]`);
      await page.click("#grid-delete-row");
    }
    expect(await cell("Báo cáo", "B7")).toMatchObject({ value: "Xã Sông Phan" });
    await type("G9", "40"); // Tân Hà (now row 9): HTTNV members cannot exceed its members (43)
    await type("L13", ""); // #DIV/0!: the rate is left for the server to derive
    // No click on Kiểm tra: the pane checks again by itself once the clerk pauses (onChanged, 1.7).
    await expect.poll(() => page.$$eval("details.error button.issue", (els) => els.length), { timeout: 15_000 }).toBe(0);
    await expect.poll(() => page.textContent(".notice")).toContain("Đã kiểm tra lại sau khi sửa");
    await waitIdle();
    // One cell edited: only its row is read again (one sync), and its issue comes and goes.
    await page.evaluate(() => window.htct!.host.resetCounters());
    await type("G9", "400");
    await expect.poll(() => page.$$eval("details.error button.issue .cell", (els) => els.map((e) => e.textContent)), { timeout: 15_000 }).toContain("G9");
    await waitIdle();
    expect(await page.evaluate(() => window.htct!.host.syncCount)).toBe(1);
    await type("G9", "40");
    await expect.poll(() => page.$$eval("details.error button.issue", (els) => els.length), { timeout: 15_000 }).toBe(0);
    await waitIdle();
    // On a marked sheet the marks follow the edits: the cell's mark comes and goes, nothing else moves.
    await page.click("#v-annotate");
    await waitIdle();
    await type("G9", "400");
    await expect.poll(async () => (await cell("Báo cáo", "G9"))?.fill?.color ?? null, { timeout: 15_000 }).toBe("#FFC7CE");
    await waitIdle();
    await type("G9", "40");
    await expect.poll(async () => (await cell("Báo cáo", "G9"))?.fill ?? null, { timeout: 15_000 }).toBeNull();
    await waitIdle();
    await page.click("#v-clear");
    await waitIdle();
    await shot("04-fixed");
  });

  let version = 0;
  it("submits and shows the import summary", async () => {
    await openTab(page, "submit");
    await shot("05-ready");
    await page.click("#s-send");
    await waitIdle();
    await page.waitForSelector("#s-summary");
    const text = await page.textContent(".notice");
    const m = /Phiên bản mới: (\d+)/.exec(text ?? "");
    expect(m).not.toBeNull();
    version = Number(m![1]);
    expect(await page.textContent("#s-summary")).toMatch(/Giá trị: tạo mới \d+/);
    // The pane says it was sent, not "ready to send".
    expect(await page.textContent("#s-state")).toContain(`phiên bản ${version}`);
    await shot("06-submitted");
    // The same figures again: nothing is sent, no version is made.
    await page.click("#s-send");
    await waitIdle();
    expect(await page.textContent(".notice")).toContain("Không có gì thay đổi");
    const stored = RollupResponse.parse((await stack.call("GET", `/api/rollups/BTH/${PERIOD}`, { user: "province-BTH" })).json);
    expect(stored.districts.find((u) => u.unit === "BTH-HTN")!.version).toBe(version);
  });

  it("refreshes the rollup sheet, whose numbers match the functions' rollup", async () => {
    await openTab(page, "rollup");
    // The province by name, from the clerk's assignment.
    await page.selectOption("#r-province", "BTH");
    await page.fill("#r-period", PERIOD);
    await page.click("#r-fetch");
    await waitIdle();
    expect(await page.textContent(".notice")).toContain("Tổng hợp tỉnh");
    const api = RollupResponse.parse((await stack.call("GET", `/api/rollups/BTH/${PERIOD}`, { user: "province-BTH" })).json);
    const layout = await page.evaluate(() => {
      const s = window.htct!.host.workbook.sheet("Tổng hợp tỉnh")!;
      const row = (r: number) => { const out: (string | number | boolean)[] = []; for (let c = 0; c < 400; c++) out.push(s.get(r, c)?.value ?? ""); return out; };
      const rows: (string | number | boolean)[][] = [];
      for (let r = 0; r < 60; r++) rows.push(row(r));
      const h = rows.findIndex((r) => r[0] === "Đơn vị");
      return { rows, headerRow: h, formats: Array.from({ length: 400 }, (_, c) => s.get(h + 1, c)?.numberFormat ?? ""), tables: s.tables, charts: s.charts.length, print: s.pageLayout };
    });
    expect(layout.tables.map((t) => t.name)).toEqual(["HTCT_TongHopTinh"]);
    expect(layout.charts).toBe(1);
    expect(String(layout.rows[0]![0])).toBe("TỔNG HỢP CHỈ TIÊU HỆ THỐNG CHÍNH TRỊ CƠ SỞ — BÌNH THUẬN");
    expect(layout.print).toMatchObject({ orientation: "Landscape", paperSize: "A4" });
    const header = layout.rows[layout.headerRow]!;
    const htn = layout.rows.find((r) => r[1] === "BTH-HTN")!;
    const total = layout.rows.find((r) => r[0] === "Toàn tỉnh")!;
    const unit = api.districts.find((u) => u.unit === "BTH-HTN")!;
    expect(unit.submitted).toBe(true);
    const { getCatalog } = await import("../../../shared/index.ts");
    const catalog = getCatalog();
    let compared = 0;
    for (const [code, v] of Object.entries(unit.values)) {
      const ind = catalog.byCode.get(code)!;
      const col = header.indexOf(ind.label.vi);
      expect(col, code).toBeGreaterThan(5);
      const isRate = ind.kind === "ratio" || ind.type === "percent";
      expect(Number(htn[col]) * (isRate ? 100 : 1)).toBeCloseTo(v, 6);
      expect(Number(total[col]) * (isRate ? 100 : 1)).toBeCloseTo(api.totals[code]!, 6);
      if (isRate) expect(layout.formats[col]).toBe("0.00%");
      compared++;
    }
    expect(compared).toBeGreaterThan(20);
    await page.click(".sheet-tabs button:text-is('Tổng hợp tỉnh')");
    await shot("07-rollup");
  });

  it("drafts the report into its own sheet (the clerk's 'Báo cáo' untouched) and offers the same draft as .docx", async () => {
    const before = await page.evaluate(() => JSON.stringify([...window.htct!.host.workbook.sheet("Báo cáo")!.entries()]));
    await page.click("#r-report");
    await waitIdle();
    expect(await page.textContent(".notice")).toContain("Báo cáo (2)");
    const title = await cell("Báo cáo (2)", "A1");
    expect(String(title?.value)).toMatch(/^Báo cáo .*Bình Thuận$/);
    expect(await page.evaluate(() => JSON.stringify([...window.htct!.host.workbook.sheet("Báo cáo")!.entries()]))).toBe(before);
    // Again: the same sheet, found by id, rewritten in place.
    await page.click("#r-report");
    await waitIdle();
    expect(await page.evaluate(() => window.htct!.host.workbook.sheets.filter((s) => s.name.startsWith("Báo cáo")).length)).toBe(2);
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#r-docx")]);
    expect(download.suggestedFilename()).toBe(`bao-cao-BTH-${PERIOD}.docx`);
    const { default: JSZip } = await import("jszip");
    const { readFile } = await import("node:fs/promises");
    const xml = await (await JSZip.loadAsync(await readFile((await download.path())!))).file("word/document.xml")!.async("string");
    // The party's form: "BÁO CÁO" over the subject, which is the sheet's title without the kind and the province.
    expect(xml).toContain("BÁO CÁO");
    expect(xml).toContain(String(title?.value).replace(/^Báo cáo /, "").replace(/ — Bình Thuận$/, ""));
    await page.click(".sheet-tabs button:text-is('Báo cáo (2)')");
    await shot("07b-draft");
  });

  it("a second clerk's concurrent change brings up the conflict screen; resubmitting with a choice succeeds", async () => {
    // Someone else (another copy of the workbook) changes Tân Minh's members from the same base.
    const members = (await cell("Báo cáo", "E4"))?.value as number;
    const other = await stack.call("POST", "/api/submissions", {
      user: "clerk-BTH-HTN", headers: { "idempotency-key": `e2e-other-${Date.now()}` },
      // An older client's body: the unit sent as "district", the alias the server still accepts.
      body: { province: "BTH", district: "BTH-HTN", period: PERIOD, catalogVersion: (await import("../../../shared/index.ts")).getCatalog().version,
        baseVersion: version, mode: "merge", units: [{ unit: "BTH-HTN-01", values: { "members.total": members + 2 } }],
        source: { workbook: "khac.xlsx", sheet: "Báo cáo", fingerprint: "other" } },
    });
    expect(other.status).toBe(200);
    await page.click(".sheet-tabs button:text-is('Báo cáo')");
    await type("E4", String(members + 5));
    await openTab(page, "validate");
    await page.click("#v-run");
    await waitIdle();
    // The sheets the product wrote (the rollup, the draft) are not offered for checking; the clerk's own is.
    const offeredSheets = await page.$$eval("#v-sheet option", (els) => els.map((e) => (e as HTMLOptionElement).value));
    expect(offeredSheets).toContain("Báo cáo");
    expect(offeredSheets).not.toContain("Báo cáo (2)");
    expect(offeredSheets).not.toContain("Tổng hợp tỉnh");
    await openTab(page, "submit");
    await page.click("#s-send");
    await waitIdle();
    await page.waitForSelector("#conflicts");
    const row = await page.textContent("#conflicts tbody tr");
    expect(row).toContain("Tân Minh");
    expect(row).toContain(String(members + 5));
    expect(row).toContain(String(members + 2));
    await shot("08-conflict");
    await page.click("#c-theirs");
    await page.click("#c-resubmit");
    await waitIdle();
    await page.waitForSelector("#s-summary");
    const stored = RollupResponse.parse((await stack.call("GET", `/api/rollups/BTH/${PERIOD}`, { user: "province-BTH" })).json);
    // Taking theirs leaves the workbook equal to what is stored: nothing changed, so no new version (an empty one was made before).
    expect(stored.districts.find((u) => u.unit === "BTH-HTN")!.version).toBe(version + 1);
    await shot("09-resolved");
  });

  it("the clerk marks complete; province staff return it with a comment; the clerk sees the comment, sends again; the province approves", async () => {
    const approvals = async () => ApprovalsResponse.parse((await stack.call("GET", `/api/approvals/BTH/${PERIOD}`, { user: "province-BTH" })).json);
    const htn = async () => (await approvals()).units.find((u) => u.unit === "BTH-HTN")!;
    const signInAs = async (user: string) => {
      await openTab(page, "settings");
      await page.fill("#st-dev-user", user);
      await page.click("#st-signin");
      await waitIdle();
      await expect.poll(() => page.getAttribute("header .who", "title")).toBe(user);
    };
    const openApprovals = async () => {
      await openTab(page, "approve");
      await page.fill("#a-period", "6/2012");
      await page.click("#a-load");
      await waitIdle();
    };
    // The clerk, on the Gửi tab: the stored version is marked complete from the pane.
    await openTab(page, "submit");
    await page.click("#s-complete");
    await waitIdle();
    expect(await page.textContent(".notice")).toContain("Đã báo cáo hoàn thành");
    expect((await htn()).state).toBe("complete");
    // A clerk's pane has no Duyệt tab; province staff's does.
    expect(await page.$("#tab-approve")).toBeNull();
    await signInAs("province-BTH");
    await openApprovals();
    expect(await page.textContent(".notice")).toMatch(/1 đơn vị chờ duyệt/);
    expect(await page.getAttribute("#a-units tr[data-key=BTH-HTN]", "data-state")).toBe("complete");
    // Every unit awaiting approval at once; a return without a comment is refused in the pane, nothing sent.
    await page.check("#a-all");
    expect(await page.isChecked("#a-pick-BTH-HTN")).toBe(true);
    await page.click("#a-return");
    expect(await page.textContent("[role=alert]")).toContain("Nhập ý kiến");
    expect((await htn()).state).toBe("complete");
    const comment = "Số đảng viên của Xã mẫu 01 chưa khớp với biên bản, đề nghị đối chiếu lại";
    await page.fill("#a-comment", comment);
    await page.click("#a-return");
    await waitIdle();
    expect(await page.textContent(".notice")).toContain("Đã trả lại 1 đơn vị");
    expect(await page.getAttribute("#a-units tr[data-key=BTH-HTN]", "data-state")).toBe("returned");
    // A returned unit cannot be ticked until its clerk marks it complete again.
    expect(await page.isDisabled("#a-pick-BTH-HTN")).toBe(true);
    expect(await htn()).toMatchObject({ state: "returned", comment, by: "province-BTH" });
    await shot("10-returned");

    // The clerk sees the province's comment on the Gửi tab, changes a figure and sends again.
    await signInAs("clerk-BTH-HTN");
    await openTab(page, "submit");
    await expect.poll(() => page.textContent("#s-returned").catch(() => null)).toContain(comment);
    await shot("11-clerk-returned");
    const members = (await cell("Báo cáo", "E4"))?.value as number;
    await page.click(".sheet-tabs button:text-is('Báo cáo')");
    await type("E4", String(members + 1));
    await openTab(page, "validate");
    await page.click("#v-run");
    await waitIdle();
    await openTab(page, "submit");
    await page.click("#s-send");
    await waitIdle();
    await page.waitForSelector("#s-summary");
    await page.click("#s-complete");
    await waitIdle();
    expect(await page.textContent(".notice")).toContain("Đã báo cáo hoàn thành");
    const resent = await htn();
    expect(resent.state).toBe("complete");

    // The province approves the new version; the clerk's pane then says so and offers no "complete".
    await signInAs("province-BTH");
    await openApprovals();
    await page.check("#a-pick-BTH-HTN");
    await page.click("#a-approve");
    await waitIdle();
    expect(await page.textContent(".notice")).toContain("Đã duyệt 1 đơn vị");
    expect(await page.getAttribute("#a-units tr[data-key=BTH-HTN]", "data-state")).toBe("approved");
    expect(await htn()).toMatchObject({ state: "approved", version: resent.dataVersion });
    await shot("12-approved");
    await signInAs("clerk-BTH-HTN");
    await openTab(page, "submit");
    await expect.poll(() => page.textContent("#s-approval").catch(() => null)).toContain("Tỉnh đã duyệt");
    expect(await page.$("#s-complete")).toBeNull();
  });

  it("with two approval levels, the clerk's Gửi tab says which level has approved and which is next", async () => {
    const { TWO_LEVEL_EXAMPLE } = await import("../../../shared/approval/levels-v1.ts");
    const { writeAssignments } = await import("../../../functions/store/reference.ts");
    expect((await stack.call("PUT", "/api/approval-levels/BTH", { user: "admin", body: { chain: TWO_LEVEL_EXAMPLE } })).status).toBe(200);
    await writeAssignments(stack.table, [
      { user: "btc-BTH", role: "province", unit: "BTH", levels: [1] },
      { user: "btv-BTH", role: "province", unit: "BTH", levels: [2] },
    ]);
    const base = `/api/approvals/BTH/${PERIOD}`;
    const htn = ApprovalsResponse.parse((await stack.call("GET", base, { user: "province-BTH" })).json).units.find((u) => u.unit === "BTH-HTN")!;
    // Only the new top level reopens; the clerk marks it complete again and level 1 approves.
    expect((await stack.call("POST", `${base}/reopen`, { user: "btv-BTH", body: { units: [{ unit: "BTH-HTN", version: htn.dataVersion }], comment: "Mở lại để duyệt theo hai cấp" } })).status).toBe(200);
    expect((await stack.call("POST", `${base}/complete`, { user: "clerk-BTH-HTN", body: { unit: "BTH-HTN", version: htn.dataVersion } })).status).toBe(200);
    expect((await stack.call("POST", `${base}/approve`, { user: "btc-BTH", body: { units: [{ unit: "BTH-HTN", version: htn.dataVersion }] } })).status).toBe(200);
    await openTab(page, "validate");
    await openTab(page, "submit");
    await expect.poll(() => page.textContent("#s-approval").catch(() => null))
      .toBe(`Đã báo cáo hoàn thành phiên bản ${htn.dataVersion}; cấp 1 (Ban Tổ chức thẩm định) đã duyệt, đang chờ cấp 2 (Ban Thường vụ duyệt).`);
  });

  it("settings: Microsoft 365 sign-in asks for the app's client ID and scope, and says plainly when Office cannot do it", async () => {
    await openTab(page, "settings");
    await page.selectOption("#st-method", "naa");
    await page.waitForSelector("#st-client-id");
    expect(await page.getAttribute("#st-client-id", "aria-describedby")).toBe("st-client-id-hint");
    expect(await page.textContent("label[for=st-scope]")).toMatch(/Phạm vi truy cập API/);
    await page.fill("#st-client-id", "11111111-2222-3333-4444-555555555555");
    await page.click("#st-signin");
    await waitIdle();
    // The preview's Office has no NestedAppAuth requirement set, like Office 2019.
    expect(await page.textContent("[role=alert]")).toMatch(/chưa hỗ trợ đăng nhập Microsoft 365/);
    await page.selectOption("#st-method", "dev");
  });

  it("settings: English is fetched when chosen (not in the first load) and the pane speaks it; Vietnamese again after", async () => {
    const fetched: string[] = [];
    const onRequest = (r: { url(): string }) => { if (/\/chunks\/i18n-en-/.test(r.url())) fetched.push(r.url()); };
    page.on("request", onRequest);
    try {
      await openTab(page, "settings");
      expect(await page.textContent("#tab-validate")).toMatch(/Kiểm tra/);
      await page.selectOption("#st-lang", "en");
      await expect.poll(() => page.textContent("#tab-validate")).toMatch(/^\s*Check\s*$/);
      expect(await page.textContent("#tab-settings")).toMatch(/Settings/);
      expect(fetched.length).toBe(1);
      await page.selectOption("#st-lang", "vi");
      await expect.poll(() => page.textContent("#tab-validate")).toMatch(/Kiểm tra/);
    } finally {
      page.off("request", onRequest);
    }
  });

  // The same check, mark and clear at the manifest's minimum and at 1.9 (the flow above ran at 1.18).
  it.each([
    { api: "1.2" },
    { api: "1.9" },
  ])("validates, marks and clears at ExcelApi $api (no notes there: fills and the report sheet)", async ({ api }) => {
    await page.goto(`${base}/preview.html?workbook=ham-tan-tong-sai.xlsx&excelApi=${api}`);
    await page.waitForSelector("body[data-ready=true]", { timeout: 30_000 });
    const before = await page.evaluate(() => JSON.stringify(window.htct!.host.workbook.sheets.map((s) => [s.name, [...s.entries()]])));
    await openTab(page, "validate");
    await page.fill("#v-period", "6/2012");
    await page.click("#v-run");
    await waitIdle();
    expect(await page.$$eval("details.error button.issue", (els) => els.length)).toBeGreaterThan(0);
    await page.click("#v-annotate");
    await waitIdle();
    expect((await cell("Báo cáo", "G10"))?.fill?.color).toBe("#FFC7CE");
    expect((await cell("Báo cáo", "G10"))?.note ?? null).toBeNull();
    expect(await page.textContent(".notice")).toContain("không có ghi chú ô");
    await page.click("#v-clear");
    await waitIdle();
    expect(await page.textContent(".notice")).not.toMatch(/Excel báo lỗi/);
    const after = await page.evaluate(() => JSON.stringify(window.htct!.host.workbook.sheets.map((s) => [s.name, [...s.entries()]])));
    expect(after).toBe(before);
  });
});
