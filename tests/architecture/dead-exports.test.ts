// No export that nothing uses: dead code cannot come back unseen. An export counts as used when
// its name appears in any other file (product or test) or a second time in its own file. Biome
// (npm run lint) covers unused imports and locals; this covers what no linter here sees.
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, sourceFiles } from "./import-graph.ts";

const PRODUCT = ["shared", "addin", "functions", "cli", "scripts", "bench", "seeds"];
// Exports that are used by the compiler rather than by code, each with its reason.
const USED_BY_THE_COMPILER: Record<string, string> = {
  "addin/src/excel/surface.ts:surfaceChecks": "assigns Excel's real types to our surface, so tsc proves the surface matches office-js",
};

const EXPORT = /^export\s+(?:declare\s+)?(?:async\s+)?(?:function\*?|const|let|class|interface|type|enum)\s+([A-Za-z_$][\w$]*)/gm;

describe("exports", () => {
  const product = PRODUCT.flatMap((f) => sourceFiles(f));
  const all = [...product, ...sourceFiles("tests")];
  const text = new Map(all.map((f) => [f, readFileSync(f, "utf8")]));
  const words = new Map<string, Set<string>>(all.map((f) => [f, new Set(text.get(f)!.match(/[A-Za-z_$][\w$]*/g) ?? [])]));

  it("scans the tree it guards", () => {
    expect(product.length).toBeGreaterThan(200);
  });

  it("are each used somewhere", () => {
    const dead: string[] = [];
    for (const f of product) {
      const src = text.get(f)!;
      for (const m of src.matchAll(EXPORT)) {
        const name = m[1]!;
        const key = `${relative(ROOT, f)}:${name}`;
        if (key in USED_BY_THE_COMPILER) continue;
        const ownUses = src.split(new RegExp(`(?<![\\w$])${name.replace(/\$/g, "\\$")}(?![\\w$])`)).length - 1;
        if (ownUses > 1) continue;
        if (all.some((g) => g !== f && words.get(g)!.has(name))) continue;
        dead.push(key);
      }
    }
    expect(dead).toEqual([]);
  });
});
