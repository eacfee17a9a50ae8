import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * cli/bin.mjs never runs a stale bundle, and `htct --help` loads only the command table. The
 * build is copied with the sources it lists into a temporary tree; the copy's bundle is marked
 * ("BUNDLE" in its usage line, the sources say "htct"), so each run shows which one answered.
 */
const root = fileURLToPath(new URL("../../", import.meta.url));
const dist = join(root, "cli/dist");
let tree: string;
let builtAt: number;

const help = () => {
  const r = spawnSync(process.execPath, [join(tree, "cli/bin.mjs"), "--help"], { encoding: "utf8", env: { ...process.env, NODE_OPTIONS: "" } });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout.split("\n")[0]!;
};
const at = (p: string) => join(tree, "cli/dist", p);

beforeAll(() => {
  execFileSync(process.execPath, ["scripts/build-cli.mjs"], { cwd: root, stdio: "pipe" });
  tree = mkdtempSync(join(tmpdir(), "htct-fresh-"));
  const { builtAt: b, inputs } = JSON.parse(readFileSync(join(dist, "inputs.json"), "utf8")) as { builtAt: number; inputs: { path: string }[] };
  builtAt = b;
  cpSync(dist, join(tree, "cli/dist"), { recursive: true });
  for (const f of ["cli/bin.mjs", "tsconfig.json", "package.json"]) cpSync(join(root, f), join(tree, f));
  for (const { path } of inputs) {
    const from = resolve(dist, path);
    const to = resolve(tree, "cli/dist", path);
    mkdirSync(dirname(to), { recursive: true });
    // preserveTimestamps: the copy is as old as the sources were at build time.
    cpSync(from, to, { preserveTimestamps: true });
  }
  symlinkSync(join(root, "node_modules"), join(tree, "node_modules"));
  const entry = at("htct.mjs");
  // esbuild writes non-ASCII as escapes.
  const marked = readFileSync(entry, "utf8").replace("USAGE = `htct ", "USAGE = `BUNDLE ");
  expect(marked).toContain("USAGE = `BUNDLE ");
  writeFileSync(entry, marked);
}, 60_000);
afterAll(() => { if (tree) rmSync(tree, { recursive: true, force: true }); });

describe("the bundle's freshness check", () => {
  it("runs the bundle while every source is as it was built", () => {
    expect(help()).toMatch(/^BUNDLE — /);
  });

  it("keeps the bundle for a source saved again with the same content (its hash vouches)", () => {
    const main = join(tree, "cli/main.ts");
    const later = new Date(builtAt + 60_000);
    utimesSync(main, later, later);
    expect(help()).toMatch(/^BUNDLE — /);
  });

  it("runs the sources when a source changed, newer and of the same size", () => {
    const main = join(tree, "cli/main.ts");
    const text = readFileSync(main, "utf8");
    writeFileSync(main, text.replace("htct — kiểm tra", "SRCS — kiểm tra"));
    expect(help()).toMatch(/^SRCS — /);
    writeFileSync(main, text);
  }, 60_000);

  it("runs the sources when a source changed size, even with its old modification time", () => {
    const main = join(tree, "cli/main.ts");
    const text = readFileSync(main, "utf8");
    writeFileSync(main, text.replace("htct — kiểm tra", "SOURCES — kiểm tra"));
    const old = new Date(builtAt - 60_000);
    utimesSync(main, old, old);
    expect(help()).toMatch(/^SOURCES — /);
    writeFileSync(main, text);
  }, 60_000);

  it("runs the sources when the build record is missing or damaged", () => {
    const record = at("inputs.json");
    const kept = readFileSync(record, "utf8");
    writeFileSync(record, "{ not json");
    expect(help()).toMatch(/^htct — /);
    rmSync(record);
    expect(help()).toMatch(/^htct — /);
    writeFileSync(record, kept);
  }, 60_000);
});

describe("htct --help loads the command table only", () => {
  it("its entry imports no chunk that holds zod, the contract, the reader or the rules", () => {
    const seen = new Set<string>();
    const walk = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = readFileSync(join(dist, file), "utf8");
      // Static imports only: a handler's `import("./x.mjs")` runs when the command does.
      for (const m of text.matchAll(/^import\s[^;]*?from\s+"\.\/([^"]+)";/gms)) walk(m[1]!);
      for (const m of text.matchAll(/^import\s+"\.\/([^"]+)";/gm)) walk(m[1]!);
    };
    walk("htct.mjs");
    const loaded = [...seen].map((f) => readFileSync(join(dist, f), "utf8")).join("\n");
    expect(loaded).not.toMatch(/from "zod"/);
    for (const heavy of ["shared/contract/index.ts", "shared/contract/codes.ts", "shared/catalog/", "shared/validate/", "shared/xlsx/", "cli/check.ts"]) expect(loaded).not.toContain(`// ${heavy}`);
    // The walk would see a static import of a chunk: the table itself shares CliError with handlers.
    expect(seen.size).toBeGreaterThan(1);
  });
});
