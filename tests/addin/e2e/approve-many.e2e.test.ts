import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApprovalsResponse } from "../../../shared/contract/index.ts";
import { getCatalog } from "../../../shared/index.ts";
import { TWO_LEVEL_EXAMPLE } from "../../../shared/approval/levels-v1.ts";
import { communeValues, demoAssignments, syntheticProvince } from "../../../scripts/demo.ts";
import { idem, type Stack } from "../../functions/stack.ts";
import { hasChromium, openTab, paneIdle, signInAs, startPaneOnStack, type PaneOnStack } from "./pane.ts";

/**
 * Issue 20, defect 7, through the preview page in Chromium against the running stack: the Duyệt
 * tab with 120 reporting units. A filter ("Lọc…") narrows the list by name or state; the comment,
 * the buttons and their answer stay in the window however far the list is scrolled; "Mở lại…"
 * reopens an approved unit from the pane.
 */
const CODE = "TSC";
const PERIOD = "2016";
/** 120 districts of one commune each: in 2016 the districts are the reporting units. */
const REGISTRY = syntheticProvince(CODE, 120, 1);
const units = REGISTRY.filter((u) => u.level === "district");
/** The first 100 mark their data complete; the last 20 send it only. */
const COMPLETE = 100;

describe.skipIf(!hasChromium)("approvals at 120 units (preview page, Chromium)", { timeout: 300_000 }, () => {
  let env: PaneOnStack | undefined;
  let stack: Stack;
  let page: Page;
  const idle = () => paneIdle(page);
  const states = async () => new Map(ApprovalsResponse.parse((await stack.call("GET", `/api/approvals/${CODE}/${PERIOD}`, { user: `province-${CODE}` })).json).units.map((u) => [u.unit, u.state]));
  const visibleRows = () => page.$$eval("#a-units tbody tr", (rows) => rows.filter((r) => !(r as HTMLElement).hidden && (r as HTMLElement).offsetParent !== null).map((r) => r.getAttribute("data-key")));
  /** Wholly inside the browser window: what the person sees without scrolling. */
  const inWindow = async (l: Locator) => {
    const box = await l.boundingBox();
    const view = page.viewportSize()!;
    return !!box && box.height > 0 && box.y >= 0 && box.y + box.height <= view.height && box.x >= 0 && box.x + box.width <= view.width;
  };

  /** The province's registry and people, and every unit's report (the first COMPLETE marked complete). */
  const seed = async (stack: Stack) => {
    const { writeAssignments, writeReference } = await import("../../../functions/store/reference.ts");
    await writeReference(stack.table, CODE, REGISTRY, []);
    await writeAssignments(stack.table, demoAssignments(REGISTRY).filter((a) => a.role === "province" || a.role === "clerk"));
    const report = async (d: (typeof units)[number], i: number) => {
      const commune = REGISTRY.find((u) => u.parent === d.code)!;
      const sent = await stack.call("POST", "/api/submissions", {
        user: `clerk-${d.code}`, headers: idem(),
        body: { province: CODE, unit: d.code, period: PERIOD, catalogVersion: getCatalog().version, baseVersion: null, mode: "merge", units: [{ unit: commune.code, values: communeValues(i + 1) }], source: { workbook: "test.xlsx", sheet: "Sheet1", fingerprint: "fp" } },
      });
      expect(sent.status, JSON.stringify(sent.json).slice(0, 300)).toBe(200);
      if (i >= COMPLETE) return;
      const done = await stack.call("POST", `/api/approvals/${CODE}/${PERIOD}/complete`, { user: `clerk-${d.code}`, body: { unit: d.code, version: 1 } });
      expect(done.status, JSON.stringify(done.json).slice(0, 300)).toBe(200);
    };
    // A few at a time: the machine has two cores.
    for (let i = 0; i < units.length; i += 6) await Promise.all(units.slice(i, i + 6).map((d, k) => report(d, i + k)));
  };

  beforeAll(async () => {
    ({ stack, page } = env = await startPaneOnStack({ seed }));
    await signInAs(page, `province-${CODE}`);
    await openTab(page, "approve");
    await page.selectOption("#a-province", CODE);
    await page.fill("#a-period", PERIOD);
    await page.click("#a-load");
    await idle();
  }, 240_000);

  afterAll(() => env?.close());

  it("lists the 120 units and filters them by name or state with the “Lọc…” field", async () => {
    expect(await page.$$eval("#a-units tbody tr", (rows) => rows.length)).toBe(120);
    const filter = page.getByLabel("Lọc…");
    expect(await filter.getAttribute("type")).toBe("search");
    await filter.fill("Huyện mẫu TSC 11");
    // 11 and 110…119, by name.
    expect(await visibleRows()).toEqual(["TSC-D11", ...Array.from({ length: 10 }, (_, i) => `TSC-D${110 + i}`)]);
    expect(await page.textContent("#a-count")).toBe("Đang hiện 11/120 đơn vị.");
    // By state, without accents: the 20 units whose data is not marked complete.
    await filter.fill("chua bao cao hoan thanh");
    expect(await visibleRows()).toEqual(units.slice(COMPLETE).map((u) => u.code));
    await filter.fill("");
    expect((await visibleRows()).length).toBe(120);
  });

  it("keeps the action bar in the window while the list scrolls; approves a unit near the bottom; the answer shows beside the buttons", async () => {
    const row = page.locator("#a-units tr[data-key='TSC-D95']");
    await row.scrollIntoViewIfNeeded();
    expect(await inWindow(row)).toBe(true);
    const bar = page.locator("#a-bar");
    expect(await inWindow(bar)).toBe(true);
    expect(await inWindow(page.locator("#a-approve"))).toBe(true);
    expect(await inWindow(page.locator("#a-return"))).toBe(true);
    // The list really is longer than the window: its top is out of view.
    expect(await inWindow(page.locator("#a-units thead"))).toBe(false);
    // At the top of the list too.
    await page.locator("#a-units tr[data-key='TSC-D01']").scrollIntoViewIfNeeded();
    expect(await inWindow(bar)).toBe(true);
    await row.scrollIntoViewIfNeeded();

    await page.check("#a-pick-TSC-D95");
    expect(await page.textContent("#a-picked")).toBe("Đã chọn: 1 đơn vị chờ duyệt, 0 đơn vị đã duyệt.");
    await page.click("#a-approve");
    await idle();
    const result = page.locator("#a-result .notice");
    expect(await result.textContent()).toContain("Đã duyệt 1 đơn vị.");
    expect(await inWindow(result)).toBe(true);
    expect(await page.getAttribute("#a-result", "aria-live")).toBe("polite");
    // Said once, there: not in the pane's notice line above the list, out of view.
    expect(await page.$(".status .notice")).toBeNull();
    expect(await page.getAttribute("#a-units tr[data-key='TSC-D95']", "data-state")).toBe("approved");
    expect((await states()).get("TSC-D95")).toBe("approved");
  });

  it("filters, selects every unit shown, and approves them: only those, the answer in view", async () => {
    await page.getByLabel("Lọc…").fill("Huyện mẫu TSC 9");
    // 9 and 90…99; 95 is approved already, so "select all" (every unit shown awaiting approval) leaves it out.
    expect((await visibleRows()).length).toBe(11);
    await page.check("#a-all");
    expect(await page.textContent("#a-picked")).toBe("Đã chọn: 10 đơn vị chờ duyệt, 0 đơn vị đã duyệt.");
    expect(await page.isChecked("#a-pick-TSC-D95")).toBe(false);
    await page.locator("#a-units tr[data-key='TSC-D99']").scrollIntoViewIfNeeded();
    await page.click("#a-approve");
    await idle();
    expect(await page.locator("#a-result .notice").textContent()).toContain("Đã duyệt 10 đơn vị.");
    expect(await inWindow(page.locator("#a-result .notice"))).toBe(true);
    const now = await states();
    const approved = [...now].filter(([, s]) => s === "approved").map(([u]) => u).sort();
    expect(approved).toEqual(["TSC-D09", ...Array.from({ length: 10 }, (_, i) => `TSC-D${90 + i}`)].sort());
    // A unit outside the filter was not touched.
    expect(now.get("TSC-D11")).toBe("complete");
  });

  it("reopens an approved unit with “Mở lại…”: a reason is asked for first, then the unit is reopened", async () => {
    await page.getByLabel("Lọc…").fill("Huyện mẫu TSC 95");
    await page.check("#a-pick-TSC-D95");
    expect(await page.textContent("#a-picked")).toBe("Đã chọn: 0 đơn vị chờ duyệt, 1 đơn vị đã duyệt.");
    const reopen = page.locator("fluent-button:text-is('Mở lại…')");
    await reopen.click();
    expect(await page.locator("#a-result [role=alert]").textContent()).toContain("Nhập lý do mở lại");
    expect((await states()).get("TSC-D95")).toBe("approved");
    await page.fill("#a-comment", "Mở lại để đơn vị bổ sung số đảng viên mới kết nạp");
    await reopen.click();
    await idle();
    expect(await page.locator("#a-result .notice").textContent()).toContain("Đã mở lại 1 đơn vị");
    expect(await inWindow(page.locator("#a-result .notice"))).toBe(true);
    expect(await page.getAttribute("#a-units tr[data-key='TSC-D95']", "data-state")).toBe("reopened");
    expect((await states()).get("TSC-D95")).toBe("reopened");
  });

  it("with two levels, shows the chain and each unit's level; level 1 approves, then level 2; each sees only its own units to decide", async () => {
    expect((await stack.call("PUT", `/api/approval-levels/${CODE}`, { user: "admin", body: { chain: TWO_LEVEL_EXAMPLE } })).status).toBe(200);
    const { writeAssignments } = await import("../../../functions/store/reference.ts");
    await writeAssignments(stack.table, [
      { user: "btc-TSC", role: "province", unit: CODE, name: "Cán bộ Ban Tổ chức mẫu", levels: [1] },
      { user: "btv-TSC", role: "province", unit: CODE, name: "Cán bộ Ban Thường vụ mẫu", levels: [2] },
    ]);
    const load = async (user: string) => {
      await signInAs(page, user);
      await openTab(page, "approve");
      await page.selectOption("#a-province", CODE);
      await page.fill("#a-period", PERIOD);
      await page.click("#a-load");
      await idle();
      await page.getByLabel("Lọc…").fill("Huyện mẫu TSC 11");
    };
    const stateOf = (unit: string) => page.textContent(`#a-units tr[data-key='${unit}'] td.state`);

    await load("btc-TSC");
    expect(await page.textContent("#a-levels")).toBe("Các cấp duyệt: 1. Ban Tổ chức thẩm định → 2. Ban Thường vụ duyệt. Bạn duyệt ở cấp 1 (Ban Tổ chức thẩm định).");
    expect(await stateOf("TSC-D11")).toBe("Chờ cấp 1: Ban Tổ chức thẩm định");
    await page.check("#a-pick-TSC-D11");
    await page.click("#a-approve");
    await idle();
    expect(await page.locator("#a-result .notice").textContent()).toContain("Đã duyệt 1 đơn vị ở cấp 1 (Ban Tổ chức thẩm định); đã chuyển lên cấp 2 (Ban Thường vụ duyệt).");
    expect(await stateOf("TSC-D11")).toBe("Chờ cấp 2: Ban Thường vụ duyệt");
    // Level 1 has done its part: the unit is level 2's to decide.
    expect(await page.isDisabled("#a-pick-TSC-D11")).toBe(true);

    await load("btv-TSC");
    expect(await page.textContent("#a-levels")).toContain("Bạn duyệt ở cấp 2 (Ban Thường vụ duyệt).");
    // Units still at level 1 are not level 2's to decide.
    expect(await page.isDisabled("#a-pick-TSC-D110")).toBe(true);
    await page.check("#a-pick-TSC-D11");
    await page.click("#a-approve");
    await idle();
    expect(await page.locator("#a-result .notice").textContent()).toContain("Đã duyệt 1 đơn vị ở cấp 2 (Ban Thường vụ duyệt), cấp duyệt cuối cùng.");
    expect(await stateOf("TSC-D11")).toBe("Đã duyệt");
    const u = ApprovalsResponse.parse((await stack.call("GET", `/api/approvals/${CODE}/${PERIOD}`, { user: `province-${CODE}` })).json).units.find((x) => x.unit === "TSC-D11")!;
    expect(u.levels.map((l) => [l.state, l.by])).toEqual([["approved", "btc-TSC"], ["approved", "btv-TSC"]]);
  });
});
