// Bundles the CLI (cli/main.ts and everything of the project it imports) into ESM files with
// their source maps, so `htct` starts without compiling TypeScript: cli/dist/htct.mjs (the
// command table and the argument checks) and chunks beside it, split at each handler's dynamic import, so
// `htct --help` compiles a few kilobytes and a command only what it runs. Runs at `npm ci` time
// (the `prepare` script) and by hand with `npm run build:cli`. Plain JS: it must run before tsx
// is set up. Packages stay external (node_modules is there whenever the CLI runs).
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outdir = join(root, "cli/dist");
const out = join(outdir, "htct.mjs");
mkdirSync(outdir, { recursive: true });
const started = Date.now();
// Without dev dependencies (`npm ci --omit=dev`) there is no esbuild: htct then runs its
// sources through tsx, a runtime dependency, as cli/bin.mjs falls back to.
let build;
try {
  ({ build } = await import("esbuild"));
} catch {
  console.error("htct bundle: esbuild not installed; htct will run from its sources.");
  process.exit(0);
}

// Packages that cost hundreds of milliseconds to load and that only some commands use: the
// bundle loads each on first use, so `htct --help` and `htct validate` do not pay for exceljs,
// docx, SheetJS or the Azure SDK. Every use of them is a call, a `new` or a property read at run time.
const LAZY = ["exceljs", "docx", "@azure/identity", "@azure/data-tables", "@e965/xlsx"];
const requireHere = createRequire(join(root, "package.json"));
const lazyPackages = {
  name: "lazy-packages",
  setup(b) {
    b.onResolve({ filter: new RegExp(`^(${LAZY.map((p) => p.replace(/[/@]/g, "\\$&")).join("|")})$`) }, (a) => (a.namespace === "lazy" ? { path: a.path, external: true } : { path: a.path, namespace: "lazy" }));
    b.onLoad({ filter: /.*/, namespace: "lazy" }, (a) => {
      const names = Object.keys(requireHere(a.path)).filter((k) => /^[A-Za-z_$][\w$]*$/.test(k) && k !== "default");
      return {
        resolveDir: root,
        contents: [
          `import { createRequire } from "node:module";`,
          `const req = createRequire(import.meta.url);`,
          `let m;`,
          `const load = () => (m ??= req(${JSON.stringify(a.path)}));`,
          `const lazy = (k) => new Proxy(function () {}, {`,
          `  get: (_, p) => { const v = load()[k]; const r = v[p]; return typeof r === "function" && p !== "prototype" && p !== "constructor" ? r.bind(v) : r; },`,
          `  construct: (_, args) => new (load()[k])(...args),`,
          `  apply: (_, self, args) => load()[k].apply(self, args),`,
          `});`,
          ...names.map((k) => `export const ${k} = lazy(${JSON.stringify(k)});`),
          `export default new Proxy({}, { get: (_, p) => load()[p] });`,
        ].join("\n"),
      };
    });
  },
};

const result = await build({
  entryPoints: [join(root, "cli/main.ts")],
  outdir,
  entryNames: "htct",
  // Beside htct.mjs, not in a folder: modules that find data files relative to their own URL
  // (seeds/national.ts) expect the depth of cli/dist/.
  chunkNames: "[name]-[hash]",
  outExtension: { ".js": ".mjs" },
  splitting: true,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  sourcemap: "linked",
  metafile: true,
  plugins: [lazyPackages],
  logLevel: "warning",
});
// Chunks of earlier builds would pile up beside the new ones. Removed after the build, not
// before, so that an htct starting meanwhile finds the files of one build or the other.
const made = new Set(Object.keys(result.metafile.outputs).map((p) => relative(outdir, join(process.cwd(), p))));
for (const f of readdirSync(outdir)) if (f !== "inputs.json" && !made.has(f)) rmSync(join(outdir, f), { recursive: true, force: true });
// What the bundle was made from, with each source's size, modification time and content hash,
// so cli/bin.mjs can tell a stale bundle (a source edited since) and run the sources instead.
const inputs = Object.keys(result.metafile.inputs).filter((p) => !p.startsWith("lazy:")).map((p) => {
  const abs = join(process.cwd(), p);
  const bytes = readFileSync(abs);
  // Saved again while the bundle was being made: what was bundled is not known, so the source
  // gets no hash and the bundle counts as stale until the next build.
  const sha256 = statSync(abs).mtimeMs > started ? "" : createHash("sha256").update(bytes).digest("base64url");
  return { path: relative(outdir, abs), size: bytes.byteLength, sha256 };
});
writeFileSync(join(outdir, "inputs.json"), JSON.stringify({ builtAt: started, inputs }));
console.error(`htct bundle: ${relative(process.cwd(), out)} (${inputs.length} sources, ${Date.now() - started} ms)`);
