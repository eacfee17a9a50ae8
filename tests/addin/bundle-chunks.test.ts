import { build, type Metafile } from "esbuild";
import { describe, expect, it } from "vitest";
import { esbuildOptions } from "../../addin/build/build.ts";

/**
 * What the pages load first, from a production build's metafile: the formula engine (its
 * parser, values and functions in shared/parse, and hot-formula-parser's library) is a chunk of its own, fetched by the preview page when it needs it (a
 * file saved without formula results, an edit), never part of the task pane's or the preview
 * page's first load. Sizes are bench/addin.ts's business; this is about which modules go where.
 */
const ENGINE = /node_modules[\\/]hot-formula-parser[\\/]|shared[\\/]parse[\\/]formula-(engine|ast|values|functions)\.ts$/;

function firstLoad(meta: Metafile, entry: string): Set<string> {
  const start = Object.keys(meta.outputs).find((k) => meta.outputs[k]!.entryPoint?.endsWith(entry))!;
  const seen = new Set<string>();
  const visit = (k: string) => {
    if (seen.has(k)) return;
    seen.add(k);
    for (const i of meta.outputs[k]!.imports) if (i.kind === "import-statement") visit(i.path);
  };
  visit(start);
  return seen;
}
const holdsEngine = (meta: Metafile, out: string) => Object.keys(meta.outputs[out]!.inputs).some((i) => ENGINE.test(i));

/** The reader, the rules' checks and the old-encoding converter: what Kiểm tra needs, not the first paint. */
const CHECKING = /shared[\\/](workbook[\\/]read\.ts|validate[\\/]checks[\\/]\w+\.ts|parse[\\/]legacy-encoding\.ts)$/;
/** zod's ahead-of-time compiler and JSON Schema conversion, which nothing in the pane calls. */
const ZOD_UNUSED = /zod[\\/]v4[\\/]core[\\/](compile|json-schema-generator|to-json-schema)\.js$/;

describe("the add-in's chunks", () => {
  it("keep the reader and the rules' checks out of the task pane's first load, fetched by a dynamic import; zod's unused compiler stubbed", { timeout: 120_000 }, async () => {
    const { metafile } = await build({ ...esbuildOptions(false), metafile: true, write: false, sourcemap: false, logLevel: "silent" });
    const first = [...firstLoad(metafile, "addin/src/taskpane.ts")];
    const inputsOf = (o: string) => Object.keys(metafile.outputs[o]!.inputs);
    expect(first.flatMap(inputsOf).filter((i) => CHECKING.test(i))).toEqual([]);
    const checking = Object.keys(metafile.outputs).filter((o) => inputsOf(o).some((i) => CHECKING.test(i)));
    expect(checking.length).toBeGreaterThan(0);
    expect(Object.values(metafile.outputs).some((o) => o.imports.some((i) => i.kind === "dynamic-import" && checking.includes(i.path)))).toBe(true);
    // Stubbed: each such module is a few bytes of throwing functions, not zod's code.
    for (const o of Object.keys(metafile.outputs)) {
      for (const [input, part] of Object.entries(metafile.outputs[o]!.inputs)) if (ZOD_UNUSED.test(input)) expect(part.bytesInOutput, input).toBeLessThan(1_500);
    }
  });


  it("keep the formula engine out of the task pane's and the preview's first load, in a chunk of its own", { timeout: 120_000 }, async () => {
    const { metafile } = await build({ ...esbuildOptions(false), metafile: true, write: false, sourcemap: false, logLevel: "silent" });
    for (const entry of ["addin/src/taskpane.ts", "addin/src/preview.ts"]) {
      const first = firstLoad(metafile, entry);
      expect(first.size).toBeGreaterThan(1);
      expect([...first].filter((o) => holdsEngine(metafile, o)), entry).toEqual([]);
    }
    const engineChunks = Object.keys(metafile.outputs).filter((o) => holdsEngine(metafile, o));
    expect(engineChunks).toHaveLength(1);
    // Reached from the preview by a dynamic import only.
    const preview = [...firstLoad(metafile, "addin/src/preview.ts")];
    expect(preview.some((o) => metafile.outputs[o]!.imports.some((i) => i.kind === "dynamic-import" && i.path === engineChunks[0]))).toBe(true);
  });
});
