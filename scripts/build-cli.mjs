// Bundles the CLI (cli/main.ts and everything of the project it imports) into one ESM file
// with its source map, so `htct` starts without compiling TypeScript. Runs at `npm ci` time
// (the `prepare` script) and by hand with `npm run build:cli`. Plain JS: it must run before tsx
// is set up. Packages stay external (node_modules is there whenever the CLI runs).
import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "cli/dist/htct.mjs");
mkdirSync(dirname(out), { recursive: true });
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
  outfile: out,
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
// What the bundle was made from, so cli/bin.mjs can tell a stale bundle (a source edited since)
// and run the sources instead.
const inputs = Object.keys(result.metafile.inputs).filter((p) => !p.startsWith("lazy:")).map((p) => relative(join(root, "cli/dist"), join(process.cwd(), p)));
writeFileSync(join(root, "cli/dist/inputs.json"), JSON.stringify({ builtAt: started, inputs }));
console.error(`htct bundle: ${relative(process.cwd(), out)} (${inputs.length} sources, ${Date.now() - started} ms)`);
