import { build, type BuildOptions } from "esbuild";
import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Builds the task pane into dist/addin/: taskpane.js (loads with Office.js from the CDN),
 * preview.js (the task pane over the fake Excel host, with exceljs for the browser), the pages,
 * styles, icons, and manifest.xml rewritten for the origin it will be served from.
 *   tsx addin/build/build.ts [--origin https://host] [--dev]
 */
const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const OUT = join(root, "dist", "addin");
export const DEV_ORIGIN = "https://localhost:3000";

export function esbuildOptions(dev: boolean): BuildOptions {
  return {
    entryPoints: { taskpane: join(root, "addin/src/taskpane.ts"), preview: join(root, "addin/src/preview.ts") },
    outdir: OUT,
    bundle: true,
    format: "esm",
    splitting: true,
    platform: "browser",
    // Excel's web views: Edge WebView2 on Windows, WKWebView on the Mac, evergreen browsers on the web.
    target: ["es2020", "edge90", "safari15"],
    minify: !dev,
    sourcemap: true,
    chunkNames: "chunks/[name]-[hash]",
    logLevel: "warning",
    define: { "process.env.NODE_ENV": JSON.stringify(dev ? "development" : "production") },
  };
}

/** The manifest with every dev URL moved to `origin`. */
export function manifestFor(origin: string): string {
  const xml = readFileSync(join(root, "manifest.xml"), "utf8");
  return origin === DEV_ORIGIN ? xml : xml.split(DEV_ORIGIN).join(origin.replace(/\/+$/, ""));
}

export function copyStatic(origin = DEV_ORIGIN): void {
  mkdirSync(OUT, { recursive: true });
  cpSync(join(root, "addin/public"), OUT, { recursive: true });
  cpSync(join(root, "addin/assets"), join(OUT, "assets"), { recursive: true });
  writeFileSync(join(OUT, "manifest.xml"), manifestFor(origin));
}

export async function buildAddin(opts: { origin?: string; dev?: boolean } = {}): Promise<void> {
  copyStatic(opts.origin);
  await build(esbuildOptions(!!opts.dev));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const at = args.indexOf("--origin");
  const origin = at >= 0 ? args[at + 1] : undefined;
  if (at >= 0 && (!origin || !/^https:\/\/[^/]+$/.test(origin))) {
    console.error("--origin needs an https origin such as https://htct.example.org");
    process.exit(2);
  }
  const t0 = Date.now();
  await buildAddin({ origin, dev: args.includes("--dev") });
  console.log(`dist/addin built in ${Date.now() - t0} ms${origin ? ` for ${origin}` : ""}`);
}
