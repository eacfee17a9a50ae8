import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasChromium, paneIdle, startPane, type Pane } from "./pane.ts";

/**
 * The pane's native controls in Fluent 2's terms, read from Chromium's computed styles on the
 * preview page (signed out, no server): sizes, corners, the focus ring and the brand underline,
 * hover on tabs, the progress bar and disabled controls, in the light and the dark theme, with
 * the values of @fluentui/tokens (which tests/addin/fluent-theme.test.ts holds the pane to).
 */
describe.skipIf(!hasChromium)("Fluent 2 on the pane's native controls (Chromium)", { timeout: 120_000 }, () => {
  let pane: Pane;
  let page: Page;

  async function open(): Promise<void> {
    await page.goto(`${pane.base}/preview.html?workbook=ham-tan-2012-06.xlsx`);
    await page.waitForSelector("body[data-ready=true]", { timeout: 60_000 });
    if (await page.$("#intro")) await page.click("#intro-skip");
    await paneIdle(page);
  }

  /** Computed styles of a few controls; a disabled button and a progress bar drawn in the pane for the purpose. */
  const styles = () => page.evaluate(() => {
    const panel = document.querySelector("aside.taskpane main")!;
    const extra = document.createElement("div");
    extra.className = "busy";
    extra.innerHTML = '<progress aria-label="x"></progress><button type="button" disabled>Tắt</button><textarea></textarea>';
    panel.append(extra);
    const cs = (el: Element | null) => (el ? getComputedStyle(el) : null);
    const input = cs(document.getElementById("v-period"));
    const out = {
      inputHeight: input?.minHeight, inputRadius: input?.borderTopLeftRadius, inputBg: input?.backgroundColor, inputUnderline: input?.borderBottomColor,
      progressHeight: cs(extra.querySelector("progress"))?.height, progressTrack: cs(extra.querySelector("progress"))?.backgroundColor,
      disabledInk: cs(extra.querySelector("button"))?.color, disabledBg: cs(extra.querySelector("button"))?.backgroundColor,
      textareaRadius: cs(extra.querySelector("textarea"))?.borderTopLeftRadius, textareaBorder: cs(extra.querySelector("textarea"))?.borderTopColor,
    };
    extra.remove();
    return out;
  });

  beforeAll(async () => {
    pane = await startPane("http://127.0.0.1:9");
    page = pane.page;
    page.setDefaultTimeout(90_000);
  }, 120_000);

  afterAll(async () => {
    await page?.emulateMedia({ colorScheme: "light", forcedColors: "none" });
    await pane?.close();
  });

  it("light: 32 px controls with 4 px corners, the brand underline on focus, a focus ring from colorStrokeFocus2, tab hover and a 2 px progress bar", async () => {
    await page.emulateMedia({ colorScheme: "light" });
    await open();
    const light = await styles();
    expect(light).toMatchObject({
      inputHeight: "32px", inputRadius: "4px", inputBg: "rgb(255, 255, 255)", inputUnderline: "rgb(97, 97, 97)",
      progressHeight: "2px", progressTrack: "rgb(230, 230, 230)",
      disabledInk: "rgb(100, 100, 100)", disabledBg: "rgb(240, 240, 240)", textareaRadius: "4px", textareaBorder: "rgb(209, 209, 209)",
    });
    // Focus by keyboard: the period field gets the brand's 2 px underline, a tab the 2 px focus ring.
    await page.focus("#v-period");
    const underline = await page.$eval("#v-period", (e) => [getComputedStyle(e).borderBottomWidth, getComputedStyle(e).borderBottomColor]);
    expect(underline).toEqual(["2px", "rgb(15, 108, 189)"]);
    await page.focus("#tab-validate");
    await page.keyboard.press("ArrowRight");
    const ring = await page.$eval("#tab-submit", (e) => [getComputedStyle(e).outlineStyle, getComputedStyle(e).outlineWidth, getComputedStyle(e).outlineColor]);
    expect(ring).toEqual(["solid", "2px", "rgb(0, 0, 0)"]);
    await page.hover("#tab-rollup");
    expect(await page.$eval("#tab-rollup", (e) => getComputedStyle(e).borderBottomColor)).toBe("rgb(199, 199, 199)");
  });

  it("dark: the same controls with Fluent's dark tokens, disabled words still readable", async () => {
    await page.emulateMedia({ colorScheme: "dark" });
    await open();
    const dark = await styles();
    expect(dark).toMatchObject({
      inputBg: "rgb(41, 41, 41)", inputUnderline: "rgb(173, 173, 173)", progressTrack: "rgb(51, 51, 51)",
      disabledInk: "rgb(173, 173, 173)", disabledBg: "rgb(61, 61, 61)", textareaBorder: "rgb(102, 102, 102)",
    });
    await page.focus("#tab-validate");
    await page.keyboard.press("ArrowRight");
    expect(await page.$eval("#tab-submit", (e) => getComputedStyle(e).outlineColor)).toBe("rgb(255, 255, 255)");
  });

  it("high contrast: the system's colours for the focus ring and disabled controls", async () => {
    await page.emulateMedia({ colorScheme: "dark", forcedColors: "active" });
    await open();
    await page.focus("#tab-validate");
    await page.keyboard.press("ArrowRight");
    const [ring, highlight] = await page.$eval("#tab-submit", (e) => {
      const probe = document.createElement("span");
      probe.style.color = "Highlight";
      document.body.append(probe);
      const h = getComputedStyle(probe).color;
      probe.remove();
      return [getComputedStyle(e).outlineColor, h];
    });
    expect(ring).toBe(highlight);
  });
});
