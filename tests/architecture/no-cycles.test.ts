// No import circle anywhere: a circle makes load order matter and hides
// which module owns what.
import { describe, expect, it } from "vitest";
import { cycles, graph } from "./import-graph.ts";

const FOLDERS = ["shared", "addin", "functions", "cli", "scripts", "bench"] as const;

describe("import graph", () => {
  const edges = graph(FOLDERS);

  it("resolves the local imports it scans", () => {
    expect(edges.size).toBeGreaterThan(100);
    expect([...edges.values()].some((targets) => targets.length > 0)).toBe(true);
  });

  it("has no circle", () => {
    expect(cycles(edges).map((c) => [...c].sort())).toEqual([]);
  });
});
