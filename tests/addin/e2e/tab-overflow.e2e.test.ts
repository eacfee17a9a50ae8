import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStack, type Stack } from "../../functions/stack.ts";
import { hasChromium, openTab, paneIdle, signInAs, startPane, type Pane } from "./pane.ts";

/**
 * Province staff have seven tabs; at 320 px they do not fit. As Fluent 2's TabList does, the ones
 * that do not fit go into a "Thêm" menu button (never the selected tab), reached and used with
 * the keyboard (the ARIA menu button pattern), in Debian's Chromium on the preview page.
 */
describe.skipIf(!hasChromium)("the tab list's overflow menu at 320 px (Chromium)", { timeout: 180_000 }, () => {
  let stack: Stack;
  let pane: Pane;
  let page: Page;
  const focused = () => page.evaluate(() => document.activeElement?.id ?? "");
  const look = () => page.evaluate(() => {
    const aside = document.querySelector("aside.taskpane")!;
    const nav = aside.querySelector<HTMLElement>("nav[role=tablist]")!;
    const shown = [...nav.querySelectorAll<HTMLElement>("[role=tab]")].filter((t) => t.getClientRects().length > 0);
    const more = document.getElementById("tab-more");
    return {
      shown: shown.map((t) => t.id),
      hidden: [...nav.querySelectorAll<HTMLElement>("[role=tab]")].filter((t) => t.hidden).map((t) => t.id),
      tops: new Set(shown.map((t) => Math.round(t.getBoundingClientRect().top))).size,
      navScrolls: nav.scrollWidth > nav.clientWidth + 1,
      asideScrolls: aside.scrollWidth > aside.clientWidth,
      more: more && more.getClientRects().length ? { text: more.textContent, popup: more.getAttribute("aria-haspopup"), expanded: more.getAttribute("aria-expanded") } : null,
      moreRight: more ? more.getBoundingClientRect().right : 0,
      asideRight: aside.getBoundingClientRect().right,
    };
  });
  const menuItems = () => page.$$eval("#tab-menu [role=menuitem]", (els) => els.map((e) => e.id));

  beforeAll(async () => {
    stack = await startStack();
    pane = await startPane(stack.url);
    page = pane.page;
    page.setDefaultTimeout(90_000);
  }, 180_000);

  afterAll(async () => {
    await pane?.close();
    await stack?.close();
  });

  it("hides the tabs that do not fit behind 'Thêm', on one line, and the menu works with the keyboard", async () => {
    await page.goto(`${pane.base}/preview.html?workbook=ham-tan-2012-06.xlsx&pane=640`);
    await page.waitForSelector("body[data-ready=true]", { timeout: 60_000 });
    if (await page.$("#intro")) await page.click("#intro-skip");
    await signInAs(page, "province-BTH");
    await openTab(page, "validate");
    await paneIdle(page);
    // The pane made narrow as Excel's is by default: the list is measured again on resize.
    await page.evaluate(() => document.documentElement.style.setProperty("--pane-width", "320px"));
    expect(await page.$eval("aside.taskpane", (e) => e.getBoundingClientRect().width)).toBe(320);
    await expect.poll(async () => (await look()).hidden.length).toBeGreaterThan(0);
    const narrow = await look();
    // Seven tabs at 320 px: some overflow, the rest on one line, nothing scrolls sideways.
    expect(narrow.hidden.length).toBeGreaterThan(0);
    expect(narrow.shown).toContain("tab-validate");
    expect(narrow.shown.length + narrow.hidden.length).toBe(7);
    expect(narrow.tops).toBe(1);
    expect(narrow.navScrolls).toBe(false);
    expect(narrow.asideScrolls).toBe(false);
    expect(narrow.more).toEqual({ text: expect.stringContaining("Thêm"), popup: "menu", expanded: "false" });
    expect(narrow.moreRight).toBeLessThanOrEqual(narrow.asideRight);

    // Keyboard: ArrowDown on the button opens the menu on its first item; arrows wrap; Escape closes back to the button.
    await page.focus("#tab-more");
    await page.keyboard.press("ArrowDown");
    expect(await page.getAttribute("#tab-more", "aria-expanded")).toBe("true");
    expect(await page.getAttribute("#tab-menu", "role")).toBe("menu");
    const items = await menuItems();
    expect(items).toEqual(narrow.hidden.map((id) => `menu-${id}`));
    expect(await focused()).toBe(items[0]);
    await page.keyboard.press("ArrowUp");
    expect(await focused()).toBe(items[items.length - 1]);
    await page.keyboard.press("Home");
    expect(await focused()).toBe(items[0]);
    await page.keyboard.press("Escape");
    expect(await page.$("#tab-menu")).toBeNull();
    expect(await page.getAttribute("#tab-more", "aria-expanded")).toBe("false");
    expect(await focused()).toBe("tab-more");

    // Enter opens it; Enter on the last item opens that tab, now in view and selected, the focus on it.
    await page.keyboard.press("Enter");
    await page.keyboard.press("End");
    const last = (await focused()).replace(/^menu-/, "");
    await page.keyboard.press("Enter");
    await paneIdle(page);
    expect(await page.getAttribute(`#${last}`, "aria-selected")).toBe("true");
    expect(await focused()).toBe(last);
    const after = await look();
    expect(after.shown).toContain(last);
    expect(after.tops).toBe(1);
    expect(after.navScrolls).toBe(false);
    expect(after.hidden).not.toContain(last);
    expect(after.shown.length + after.hidden.length).toBe(7);

    // Arrow keys go round the tabs in view only; a click outside closes an open menu.
    await page.keyboard.press("Home");
    expect(await focused()).toBe(after.shown[0]);
    await openTab(page, "more");
    expect(await page.$("#tab-menu")).not.toBeNull();
    await page.mouse.click(5, 5);
    expect(await page.$("#tab-menu")).toBeNull();

    // A wide pane: every tab in view, no menu button.
    await page.evaluate(() => document.documentElement.style.setProperty("--pane-width", "900px"));
    await expect.poll(async () => (await look()).hidden.length).toBe(0);
    expect((await look()).more).toBeNull();
  });
});
