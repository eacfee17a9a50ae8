import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { webDarkTheme, webLightTheme } from "@fluentui/tokens";
import { describe, expect, it } from "vitest";
import { buttonDarkTheme, buttonLightTheme } from "../../addin/src/ui/fluent-theme.ts";
import { paneDarkTokens, paneLightTokens } from "../../addin/src/ui/pane-tokens.ts";

// The tokens fluent-button's styles import, read from the installed package rather than listed here.
const pkg = dirname(createRequire(import.meta.url).resolve("@fluentui/web-components/package.json"));
const styles = readFileSync(join(pkg, "dist/esm/button/button.styles.js"), "utf8");
const imported = /import \{([^}]*)\} from '\.\.\/theme\/design-tokens\.js'/.exec(styles)?.[1];
const used = (imported ?? "").split(",").map((s) => s.trim()).filter(Boolean).sort();
const pick = (theme: Record<string, string | number>) => Object.fromEntries(used.map((n) => [n, theme[n]]));

describe("the pane's Fluent button theme", () => {
  it("holds every token the button's styles read, and only those", () => {
    expect(used.length).toBeGreaterThan(30);
    expect(Object.keys(buttonLightTheme).sort()).toEqual(used);
    expect(Object.keys(buttonDarkTheme).sort()).toEqual(used);
  });
  it("has @fluentui/tokens' web light and dark values", () => {
    expect(buttonLightTheme).toEqual(pick(webLightTheme));
    expect(buttonDarkTheme).toEqual(pick(webDarkTheme));
    expect(buttonLightTheme.colorBrandBackground).not.toBe(buttonDarkTheme.colorBrandBackground);
  });
  it("reads every token the button's compiled CSS refers to", () => {
    const css = readFileSync(join(pkg, "dist/esm/button/button.styles.css"), "utf8");
    // --icon is the button's own custom property, not a theme token.
    const refs = [...new Set([...css.matchAll(/var\(--([A-Za-z0-9]+)/g)].map((m) => m[1]!))].filter((n) => n !== "icon");
    for (const r of refs) expect(buttonLightTheme, r).toHaveProperty(r);
  });
});

describe("the pane's stylesheet and Fluent's tokens", () => {
  const css = readFileSync(join(import.meta.dirname, "..", "..", "addin", "public", "taskpane.css"), "utf8");
  const read = [...new Set([...css.matchAll(/var\(--([A-Za-z0-9]+)/g)].map((m) => m[1]!))].filter((n) => n in webLightTheme);
  it("sets every Fluent token the stylesheet reads, light and dark", () => {
    expect(read.length).toBeGreaterThan(20);
    for (const n of read) {
      expect({ ...buttonLightTheme, ...paneLightTokens }, n).toHaveProperty(n);
      expect({ ...buttonDarkTheme, ...paneDarkTokens }, n).toHaveProperty(n);
    }
  });
  it("with @fluentui/tokens' values", () => {
    expect(paneLightTokens).toEqual(Object.fromEntries(Object.keys(paneLightTokens).map((n) => [n, (webLightTheme as Record<string, unknown>)[n]])));
    expect(paneDarkTokens).toEqual(Object.fromEntries(Object.keys(paneDarkTokens).map((n) => [n, (webDarkTheme as Record<string, unknown>)[n]])));
  });
});
