import { readFileSync } from "node:fs";
import { join } from "node:path";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";

/**
 * legacy.js runs before the module in every web view. It must stay quiet where the bundle runs,
 * and say which Office versions work where it cannot (no modules, or no `?.`/`??`).
 */
const code = readFileSync(join(import.meta.dirname, "..", "..", "addin", "public", "legacy.js"), "utf8");

function page(opts: { modules: boolean; modernSyntax: boolean }) {
  const app = { className: "app", innerHTML: "Đang tải… — Loading…" };
  const document = {
    readyState: "complete",
    getElementById: (id: string) => (id === "app" ? app : null),
    createElement: () => (opts.modules ? { noModule: false } : {}),
    addEventListener: () => undefined,
  };
  const ModernFunction = Function;
  const OldFunction = function () { throw new SyntaxError("Expected identifier"); };
  runInNewContext(code, { document, Function: opts.modernSyntax ? ModernFunction : OldFunction });
  return app;
}

describe("legacy.js (the message for web views that cannot run the pane)", () => {
  it("does nothing in a modern web view", () => {
    expect(page({ modules: true, modernSyntax: true }).innerHTML).toBe("Đang tải… — Loading…");
  });

  it.each([
    { name: "Internet Explorer (no modules)", modules: false, modernSyntax: false },
    { name: "EdgeHTML (modules, but no ?. or ??)", modules: true, modernSyntax: false },
  ])("tells the clerk in Vietnamese which Office works, in $name", (o) => {
    const app = page(o);
    expect(app.innerHTML).toContain("Phiên bản Office này chưa mở được ngăn");
    expect(app.innerHTML).toContain("Microsoft 365");
    expect(app.innerHTML).toContain("Excel trên web");
    expect(app.innerHTML).toContain("Office 2016 và Office 2019 không dùng được");
  });

  it("is written in JavaScript Internet Explorer 11 parses (no let/const, arrows, templates, ?. or ??)", () => {
    const body = code.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "").replace(/"[^"]*"|'[^']*'/g, '""');
    expect(body).not.toMatch(/\b(let|const|class)\s|=>|`|\?\.|\?\?/);
  });
});
