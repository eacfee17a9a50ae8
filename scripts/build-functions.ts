/**
 * Builds the deployable function app into dist/functions: one ESM bundle (index.js) with the
 * shared core and dependencies inlined, host.json, and a package.json whose `main` is the bundle.
 * `func start --script-root dist/functions` and zip deployment both use this folder.
 */
import { build } from "esbuild";
import { cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";

const out = "dist/functions";
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
await build({
  entryPoints: ["functions/index.ts"],
  outfile: `${out}/index.js`,
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  sourcemap: true,
  // The worker provides this module at run time; the bundled library requires it lazily.
  external: ["@azure/functions-core"],
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  logLevel: "info",
});
cpSync("host.json", `${out}/host.json`);
// The national registry (read at start, seeds/national.ts) and its licence travel with the app.
cpSync("data/registry", `${out}/data/registry`, { recursive: true });
writeFileSync(`${out}/package.json`, JSON.stringify({ name: "htct-functions", private: true, type: "module", main: "index.js" }, null, 2));
console.log(`built ${out}`);
