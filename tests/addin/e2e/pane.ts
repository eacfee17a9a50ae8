import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { freePort } from "../../../scripts/azurite.ts";
import { ROOT, startStack, type Stack } from "../../functions/stack.ts";

export const CHROMIUM = "/usr/bin/chromium";
/** CI installs Chromium: there a missing browser is a failure, not a skip. */
export const hasChromium = existsSync(CHROMIUM) || !!process.env.CI;

export interface Pane {
  base: string;
  browser: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/**
 * The task pane's dev server (plain HTTP, dev sign-in) in front of `functionsUrl`, and Debian's
 * Chromium with a fresh profile and the flags this closed network needs, as every end-to-end
 * suite runs them. Downloads are accepted (Playwright's default), for the workbook and .docx tests.
 */
export async function startPane(functionsUrl: string): Promise<Pane> {
  const port = await freePort();
  const server = spawn(process.execPath, ["--import", "tsx", "addin/dev-server.ts", "--http", "--port", String(port), "--functions", functionsUrl], {
    cwd: ROOT, env: { ...process.env, AUTH_MODE: "dev" }, stdio: ["ignore", "pipe", "inherit"],
  });
  const profile = mkdtempSync(join(tmpdir(), "htct-chromium-"));
  const cleanUp = () => { server.kill("SIGTERM"); rmSync(profile, { recursive: true, force: true }); };
  try {
    await new Promise<void>((ok, fail) => {
      server.stdout!.on("data", (d: Buffer) => { if (String(d).includes("task pane:")) ok(); });
      server.once("exit", (code) => fail(new Error(`dev server exited with ${code}`)));
    });
    const browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM, headless: true, viewport: { width: 1440, height: 900 },
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    const page = await browser.newPage();
    return { base: `http://localhost:${port}`, browser, page, close: async () => { await browser.close(); cleanUp(); } };
  } catch (e) {
    cleanUp();
    throw e;
  }
}

/** A cell of the preview's workbook, by sheet name and A1 address. */
export function cellOf(page: Page, sheet: string, address: string) {
  return page.evaluate(([s, a]) => {
    const m = /^([A-Z]+)(\d+)$/.exec(a!)!;
    let c = 0; for (const ch of m[1]!) c = c * 26 + ch.charCodeAt(0) - 64;
    return window.htct!.host.workbook.sheet(s!)?.get(Number(m[2]) - 1, c - 1) ?? null;
  }, [sheet, address]);
}

/** Edits a cell as a person would in the preview grid: double-click, type, Enter. */
export async function typeInCell(page: Page, address: string, text: string): Promise<void> {
  await page.dblclick(`td[data-address="${address}"]`);
  await page.fill(`td[data-address="${address}"] input`, text);
  await page.press(`td[data-address="${address}"] input`, "Enter");
}

/** Until the pane is not busy (a loaded two-core machine needs the long wait). */
export function paneIdle(page: Page, timeout = 90_000) {
  return page.waitForFunction(() => document.querySelector("main[aria-busy=false]") !== null, undefined, { timeout });
}

/**
 * Opens a tab as a person would: its button when in view, else through the "Thêm" menu, where
 * the tabs that do not fit the pane's width go (a province's seven tabs in a 380 px pane).
 */
export async function openTab(page: Page, tab: string): Promise<void> {
  if (await page.locator(`#tab-${tab}`).isVisible()) { await page.click(`#tab-${tab}`); return; }
  await page.click("#tab-more");
  await page.click(`#menu-tab-${tab}`);
}

/** Signs in with a dev account from the settings tab, as a tester would; resolves when the header names the user. */
export async function signInAs(page: Page, user: string): Promise<void> {
  await openTab(page, "settings");
  await page.fill("#st-dev-user", user);
  await page.click("#st-signin");
  await paneIdle(page);
  for (let i = 0; i < 300 && (await page.getAttribute("header .who", "title")) !== user; i++) await page.waitForTimeout(100);
  if ((await page.getAttribute("header .who", "title")) !== user) throw new Error(`not signed in as ${user}`);
}

/** The preview page ready to use: loaded, the first-run introduction skipped, clicks given a loaded machine's time. */
export async function openPreview(pane: Pick<Pane, "base" | "page">): Promise<void> {
  // Two cores shared with other work: the pane's clicks wait longer than Playwright's default.
  pane.page.setDefaultTimeout(90_000);
  await pane.page.goto(`${pane.base}/preview.html`);
  await pane.page.waitForSelector("body[data-ready=true]", { timeout: 30_000 });
  if (await pane.page.$("#intro")) await pane.page.click("#intro-skip");
}

/** A browser suite's world: the stack, the pane in front of it, the preview page open. */
export interface PaneOnStack {
  stack: Stack;
  base: string;
  page: Page;
  /** Closes the browser, the dev server and the stack. */
  close(): Promise<void>;
}

/**
 * Azurite and the functions (`startStack`), the pane's dev server and Chromium in front of them,
 * and the preview page opened (`openPreview`), as the browser suites start. `seed` writes the
 * suite's data before the pane starts; `watch` sees the page before the preview loads (to record
 * its requests). Whatever started is closed again when a later step fails.
 */
export async function startPaneOnStack(opts: { seed?: (stack: Stack) => Promise<void>; watch?: (page: Page) => void } = {}): Promise<PaneOnStack> {
  const stack = await startStack();
  let pane: Pane | undefined;
  try {
    await opts.seed?.(stack);
    pane = await startPane(stack.url);
    opts.watch?.(pane.page);
    await openPreview(pane);
  } catch (e) {
    await pane?.close();
    await stack.close();
    throw e;
  }
  const started = pane;
  return { stack, base: started.base, page: started.page, close: async () => { await started.close(); await stack.close(); } };
}

/**
 * Picks an indicator in the picker `map-<id>` as a clerk does: types in its search box, then
 * clicks the match (the list draws only the rows in view, so the search brings it there).
 */
export async function pickIndicator(page: Page, id: string, search: string, code: string): Promise<void> {
  await page.fill(`#map-q-${id}`, search);
  await page.click(`#map-${id}-list [role=option][data-value="${code}"]`);
}
