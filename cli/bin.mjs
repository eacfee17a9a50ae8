#!/usr/bin/env node
// `htct` runs the bundle made by scripts/build-cli.mjs (at `npm ci`, or `npm run build:cli`),
// so it starts without compiling TypeScript. In development, when the bundle is missing or a
// source it was made from changed since, it runs the sources through tsx instead.
import { readFileSync, statSync } from "node:fs";

function bundleIsFresh() {
  try {
    const { builtAt, inputs } = JSON.parse(readFileSync(new URL("./dist/inputs.json", import.meta.url), "utf8"));
    statSync(new URL("./dist/htct.mjs", import.meta.url));
    return inputs.every((p) => statSync(new URL(`./dist/${p}`, import.meta.url)).mtimeMs <= builtAt);
  } catch {
    return false;
  }
}

// Stack traces of a bug point into the TypeScript sources.
process.setSourceMapsEnabled(true);
let main;
if (bundleIsFresh()) ({ main } = await import("./dist/htct.mjs"));
else {
  const { register } = await import("tsx/esm/api");
  register();
  ({ main } = await import("./main.ts"));
}
process.exitCode = await main(process.argv.slice(2));
