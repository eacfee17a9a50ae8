// The scanner itself must find a circle when one exists, or the no-circle test could not fail.
import { describe, expect, it } from "vitest";
import { cycles } from "./import-graph.ts";

describe("cycles()", () => {
  it("finds a two-file circle and a self-import, ignores a chain", () => {
    const edges = new Map<string, string[]>([
      ["/r/a.ts", ["/r/b.ts"]], ["/r/b.ts", ["/r/a.ts", "/r/c.ts"]], ["/r/c.ts", []],
      ["/r/d.ts", ["/r/d.ts"]], ["/r/e.ts", ["/r/c.ts"]],
    ]);
    const found = cycles(edges).map((c) => c.map((f) => f.split("/").pop()));
    expect(found).toHaveLength(2);
    expect(found).toContainEqual(["a.ts", "b.ts"]);
    expect(found).toContainEqual(["d.ts"]);
  });
});
