import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasChromium, openTab, paneIdle, signInAs, startPaneOnStack, type PaneOnStack } from "./pane.ts";
import type { Stack } from "../../functions/stack.ts";

/**
 * Issues 17 and 21 through the preview page in Chromium against the running stack: the
 * province's staff review clerks' mapping offers on the Ánh xạ cột tab (accept one, reject one),
 * and manage the province's people on the Người dùng tab (assign a clerk, refuse a bad account,
 * revoke with a second click); an operator assigns province staff there.
 */
describe.skipIf(!hasChromium)("the province's review and people screens (preview page, Chromium)", { timeout: 240_000 }, () => {
  let env: PaneOnStack | undefined;
  let stack: Stack;
  let page: Page;
  const idle = () => paneIdle(page);
  const notice = async () => (await page.textContent(".notice")) ?? "";
  const offer = (header: string, code: string) => ({ mapping: { [header]: code }, headers: [header], kind: "units", sheet: "Biểu mẫu 01" });

  /** The third offer's id: someone reviews it behind the pane's back. */
  let raced = "";

  /** One form the province has a mapping for, and three clerks' offers: a change to it, and new forms. */
  const seed = async (stack: Stack) => {
    expect((await stack.call("POST", "/api/mappings/TST/f00000000000000e1", { user: "province-TST", body: offer("Tổng số đảng viên", "members.total") })).status).toBe(200);
    expect((await stack.call("POST", "/api/mappings/TST/f00000000000000e1", { user: "clerk-TST-D01", body: offer("Tổng số đảng viên", "party.cells") })).json.offer.state).toBe("pending");
    expect((await stack.call("POST", "/api/mappings/TST/f00000000000000e2", { user: "clerk-TST-D02", body: { ...offer("Số chi bộ", "party.cells"), sheet: "Biểu mẫu 02" } })).json.offer.state).toBe("pending");
    const third = await stack.call("POST", "/api/mappings/TST/f00000000000000e3", { user: "clerk-TST-D03", body: { ...offer("Số đảng viên mới", "members.admitted"), sheet: "Biểu mẫu 03" } });
    expect(third.json.offer.state).toBe("pending");
    raced = third.json.offer.id;
  };

  beforeAll(async () => {
    ({ stack, page } = env = await startPaneOnStack({ seed }));
  }, 120_000);

  afterAll(() => env?.close());

  it("province staff see the pending offers beside the mapping in use, accept one and reject the other", async () => {
    await signInAs(page, "province-TST");
    await openTab(page, "mappings");
    await page.selectOption("#m-province", "TST");
    await page.click("#m-load");
    await idle();
    await page.waitForSelector("#o-list");
    expect(await page.textContent("#o-list h3")).toBe("Đề xuất ánh xạ cột chờ duyệt (3)");
    // The form's fingerprint is in its heading's tooltip (for support), not in the clerk's text.
    const cardOf = async (form: string) => (await page.$$eval("#o-list > article", (els) => els.map((e) => e.querySelector("h4")?.getAttribute("title") ?? ""))).findIndex((t) => t.includes(form));

    // Reviewed meanwhile elsewhere: the pane's click is refused in the server's Vietnamese words, and the list catches up.
    expect((await stack.call("POST", `/api/mapping-offers/TST/${raced}`, { user: "province-TST", body: { decision: "reject" } })).status).toBe(200);
    await page.click(`#o-accept-p${await cardOf("f00000000000000e3")}`);
    await idle();
    expect(await notice()).toMatch(/^Đề xuất ánh xạ o[0-9a-f]{16} đã bị từ chối \(province-TST, .+ giờ Việt Nam\); hãy tải lại danh sách\.$/);
    expect(await page.textContent("#o-list h3")).toBe("Đề xuất ánh xạ cột chờ duyệt (2)");
    expect((await stack.call("GET", "/api/mappings/TST/f00000000000000e3", { user: "clerk-TST-D05" })).status).toBe(404);

    const cards = await page.$$eval("#o-list > article", (els) => els.map((e) => `${e.querySelector("h4")?.getAttribute("title") ?? ""} ${e.textContent ?? ""}`));
    const changed = cards.findIndex((t) => t.includes("f00000000000000e1"));
    expect(cards[changed]).toContain("khác ánh xạ đang dùng");
    expect(cards[changed]).toContain("clerk-TST-D01");
    expect(cards[1 - changed]).toContain("Biểu mới, chưa có ánh xạ");

    await page.click(`#o-accept-p${changed}`);
    await idle();
    expect(await notice()).toContain("Đã chấp nhận đề xuất cho biểu “Biểu mẫu 01”");
    const served = await stack.call("GET", "/api/mappings/TST/f00000000000000e1", { user: "clerk-TST-D05" });
    expect(served.json.mapping).toEqual({ "Tổng số đảng viên": "party.cells" });
    expect(await page.textContent("#o-list h3")).toBe("Đề xuất ánh xạ cột chờ duyệt (1)");

    await page.click("#o-reject-p0");
    await idle();
    expect(await notice()).toContain("Đã từ chối đề xuất cho biểu “Biểu mẫu 02”");
    expect((await stack.call("GET", "/api/mappings/TST/f00000000000000e2", { user: "clerk-TST-D05" })).status).toBe(404);
    const offers = (await stack.call("GET", "/api/mapping-offers/TST", { user: "province-TST" })).json.offers as { fingerprint: string; state: string; reviewedBy: string }[];
    expect(offers.map((o) => [o.fingerprint, o.state, o.reviewedBy]).sort()).toEqual([["f00000000000000e1", "accepted", "province-TST"], ["f00000000000000e2", "rejected", "province-TST"], ["f00000000000000e3", "rejected", "province-TST"]]);
    expect(await page.textContent("#o-list h3")).toBe("Đề xuất ánh xạ cột chờ duyệt (0)");
    expect(await page.textContent("#o-reviewed summary")).toBe("Đã duyệt (3)");
  });

  const listed = async () => (await stack.call("GET", "/api/assignments/TST", { user: "province-TST" })).json.assignments as { user: string; role: string; unit: string; name: string | null; levels?: number[] }[];

  it("province staff list the province's people, assign a clerk, get a bad account named, and revoke with a second click", async () => {
    await openTab(page, "people");
    expect(await page.textContent("#tab-people")).toBe("Người dùng");
    await page.selectOption("#p-province", "TST");
    await page.click("#p-load");
    await idle();
    expect(await notice()).toMatch(/^Tỉnh có \d+ người dùng\.$/);
    expect(await page.textContent("#p-list")).toContain("clerk-TST-D01");
    // Staff assign clerks only: no province role to choose.
    expect(await page.$$eval("#p-role option", (els) => els.map((e) => (e as HTMLOptionElement).value))).toEqual(["clerk"]);

    const before = await listed();
    await page.fill("#p-user", "tai khoan co dau cach");
    await page.fill("#p-unit", "TST-D05");
    await page.click("#p-add");
    expect(await notice()).toContain("Mã người dùng không hợp lệ");
    expect(await listed()).toEqual(before);

    await page.fill("#p-user", "van-thu-mau-05@tinh-mau.example");
    await page.fill("#p-unit", "BTH-HTN");
    await page.click("#p-add");
    await idle();
    expect(await notice()).toContain("Đơn vị BTH-HTN không có trong danh mục đơn vị của tỉnh TST");
    expect(await listed()).toEqual(before);
    // A refusal costs no typing: the pane redraws, the fields keep what was typed.
    expect(await page.inputValue("#p-user")).toBe("van-thu-mau-05@tinh-mau.example");

    await page.fill("#p-unit", "TST-D05");
    await page.fill("#p-name", "Văn thư mẫu 05");
    await page.click("#p-add");
    await idle();
    expect(await notice()).toContain("Đã phân công van-thu-mau-05@tinh-mau.example: Cán bộ đơn vị TST-D05");
    expect((await listed()).find((a) => a.user === "van-thu-mau-05@tinh-mau.example")).toMatchObject({ role: "clerk", unit: "TST-D05", name: "Văn thư mẫu 05" });
    expect(await page.inputValue("#p-user")).toBe("");
    const row = page.locator("#p-list tr[data-key='van-thu-mau-05@tinh-mau.example']");
    await row.locator("fluent-button:text-is('Thu hồi')").click();
    // The first click only asks.
    expect((await listed()).some((a) => a.user === "van-thu-mau-05@tinh-mau.example")).toBe(true);
    await row.locator("fluent-button:text-is('Xác nhận thu hồi')").click();
    await idle();
    expect(await notice()).toContain("Đã thu hồi phân công của van-thu-mau-05@tinh-mau.example");
    expect((await listed()).some((a) => a.user === "van-thu-mau-05@tinh-mau.example")).toBe(false);
    expect((await stack.call("GET", "/api/me", { user: "van-thu-mau-05@tinh-mau.example" })).status).toBe(403);
  });

  it("an operator sees the Người dùng tab and assigns province staff", async () => {
    await signInAs(page, "admin");
    // An operator manages people, not a province's figures: no Duyệt, no Ánh xạ cột.
    expect(await page.$$eval("nav[role=tablist] button", (els) => els.map((e) => e.id))).toEqual(["tab-validate", "tab-submit", "tab-rollup", "tab-people", "tab-settings"]);
    await openTab(page, "people");
    await page.fill("#p-province", "TST");
    await page.click("#p-load");
    await idle();
    await page.fill("#p-user", "can-bo-tinh-mau@tinh-mau.example");
    await page.selectOption("#p-role", "province");
    await page.fill("#p-unit", "TST");
    await page.fill("#p-name", "Cán bộ tỉnh mẫu");
    // Province staff can be given approval levels (where the province's levels are "assigned"): a bad list is named first.
    await page.fill("#p-levels", "1, 9");
    await page.click("#p-add");
    expect(await notice()).toContain("Cấp duyệt là các số từ 1 đến 5");
    await page.fill("#p-levels", "1");
    await page.click("#p-add");
    await idle();
    expect(await notice()).toContain("Đã phân công can-bo-tinh-mau@tinh-mau.example: Cán bộ tỉnh TST");
    expect((await listed()).find((a) => a.user === "can-bo-tinh-mau@tinh-mau.example")).toMatchObject({ role: "province", unit: "TST", levels: [1] });
    expect(await page.textContent("#p-list tr[data-key='can-bo-tinh-mau@tinh-mau.example']")).toContain("Cán bộ tỉnh (cấp duyệt 1)");
  });
});
