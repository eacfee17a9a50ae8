import { describe, expect, it } from "vitest";
import { normaliseServer } from "../../addin/src/prefs.ts";

describe("the server address a clerk types", () => {
  it("gets https:// when only the name is typed, loses a trailing slash, keeps http:// for local testing", () => {
    expect(normaliseServer("htct.example.org")).toBe("https://htct.example.org");
    expect(normaliseServer("  https://htct.example.org/ ")).toBe("https://htct.example.org");
    expect(normaliseServer("HTTPS://HTCT.Example.org/htct/")).toBe("https://htct.example.org/htct");
    expect(normaliseServer("http://localhost:7071")).toBe("http://localhost:7071");
    expect(normaliseServer("")).toBe("");
  });

  it("is refused when it is no web address", () => {
    for (const bad of ["htct example", "ftp://htct.example.org", "https://", "javascript:alert(1)", "https://h.example.org/?a=1"]) expect(normaliseServer(bad), bad).toBeNull();
  });
});
