#!/usr/bin/env node
// `htct` runs the bundle made by scripts/build-cli.mjs (at `npm ci`, or `npm run build:cli`),
// so it starts without compiling TypeScript. In development, when the bundle is missing or a
// source it was made from changed since, it runs the sources through tsx instead.
import { readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";

// node:crypto takes longer to load than the rest of `htct --help`: loaded only to hash a source.
const sha256Of = (url) => createRequire(import.meta.url)("node:crypto").createHash("sha256").update(readFileSync(url)).digest("base64url");

/**
 * Fresh when every source the bundle was made from has the content it had at build time.
 * Reading and hashing all ~150 sources costs more than the rest of `htct --help`, so a source
 * is hashed only when its stat cannot vouch for it: same size and not modified since the build
 * is taken as unchanged (as make would); a different size is stale without reading; a newer
 * file (saved, touched, checked out) is hashed, so an edit is caught and a touch is not
 * mistaken for one.
 */
function bundleIsFresh() {
  try {
    const { builtAt, inputs } = JSON.parse(readFileSync(new URL("./dist/inputs.json", import.meta.url), "utf8"));
    statSync(new URL("./dist/htct.mjs", import.meta.url));
    return inputs.every(({ path, size, sha256 }) => {
      const url = new URL(`./dist/${path}`, import.meta.url);
      const s = statSync(url);
      if (s.size !== size) return false;
      return s.mtimeMs <= builtAt || sha256Of(url) === sha256;
    });
  } catch {
    return false;
  }
}

const argv = process.argv.slice(2);
// Stack traces of a bug point into the TypeScript sources. Node parses the map of every module
// loaded while this is on, which is most of `--help`'s time, and help has no stack to show.
const helpOnly = argv.length === 0 || argv.includes("--help") || argv.includes("-h");
if (!helpOnly || process.env.HTCT_SOURCE_MAPS === "1") process.setSourceMapsEnabled(true);
let main;
if (bundleIsFresh()) ({ main } = await import("./dist/htct.mjs"));
else {
  const { register } = await import("tsx/esm/api");
  register();
  ({ main } = await import("./main.ts"));
}
process.exitCode = await main(argv);
