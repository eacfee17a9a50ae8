import { describe, expect, it } from "vitest";
import { contrast, themeVariables } from "../../addin/src/theme.ts";

/** Pairs of the pane's stylesheet and the theme colours it may take: every text pair ≥ 4.5:1. */
describe("colours and contrast", () => {
  it("the stylesheet's text colours read at 4.5:1 on their backgrounds", () => {
    const pairs: [string, string][] = [
      ["#242424", "#ffffff"], ["#616161", "#ffffff"], ["#ffffff", "#0f6cbd"], ["#ffffff", "#115ea3"], ["#646464", "#f0f0f0"],
      ["#b10e1c", "#ffffff"], ["#835b00", "#ffffff"], ["#0e700e", "#ffffff"], ["#0f6cbd", "#ffffff"],
      ["#242424", "#fdf3f4"], ["#242424", "#ebf3fc"], ["#616161", "#ebf3fc"], ["#242424", "#fff4ce"],
    ];
    for (const [fg, bg] of pairs) expect(contrast(fg, bg)!, `${fg} on ${bg}`).toBeGreaterThanOrEqual(4.5);
  });

  it("follows a readable Office theme, dark ones with their own muted text and lines; ignores an unreadable or missing one", () => {
    const dark = themeVariables({ bodyBackgroundColor: "#262626", bodyForegroundColor: "#ffffff" });
    expect(dark["--bg"]).toBe("#262626");
    for (const k of ["--muted", "--error", "--warn", "--ok", "--info"]) expect(contrast(dark[k]!, "#262626")!, k).toBeGreaterThanOrEqual(4.5);
    expect(contrast(dark["--on-brand"]!, dark["--brand"]!)!).toBeGreaterThanOrEqual(4.5);
    // A disabled control's words stay readable in the dark too.
    expect(contrast(dark["--disabled-ink"]!, dark["--disabled-bg"]!)!).toBeGreaterThanOrEqual(4.5);
    expect(themeVariables({ bodyBackgroundColor: "#777777", bodyForegroundColor: "#888888" })).toEqual({});
    expect(themeVariables({ bodyBackgroundColor: "red", bodyForegroundColor: "#000000" })).toEqual({});
    expect(themeVariables(undefined)).toEqual({});
  });
});
