import { build, type BuildOptions, type Plugin } from "esbuild";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { directImports } from "./direct-imports.ts";

/**
 * Builds the task pane into dist/addin/: taskpane.js (loads with Office.js from the CDN),
 * preview.js (the task pane over the fake Excel host, with exceljs for the browser), the pages,
 * styles, icons, manifest.xml rewritten for the origin it will be served from, and config.json,
 * the deployment's settings the pane reads at start (so clerks type none of them).
 *   tsx addin/build/build.ts [--origin https://host] [--api https://functions-host]
 *                            [--client-id GUID] [--scope api://…/access_as_user] [--tenant GUID|domain] [--dev]
 */
const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const OUT = join(root, "dist", "addin");
export const DEV_ORIGIN = "https://localhost:3000";
/** The local functions host, named in the repository manifest's AppDomains for the dev stack. */
export const DEV_API_ORIGIN = "https://localhost:7071";

/**
 * zod's `z` namespace re-exports every message locale (`z.locales`), which a bundler cannot drop:
 * some 40 languages the pane never shows (its messages are its own, in Vietnamese and English).
 * The pane's bundle gets zod's English locale only.
 */
const zodEnglishOnly: Plugin = {
  name: "zod-english-only",
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/](classic|core)$/.test(args.resolveDir) ? { path: "zod-locales-en", namespace: "zod-locales" } : undefined);
    b.onLoad({ filter: /.*/, namespace: "zod-locales" }, () => ({
      contents: `export { default as en } from "zod/v4/locales/en.js";`, resolveDir: root, loader: "js",
    }));
  },
};

/**
 * zod's JSON Schema conversion (z.toJSONSchema, z.fromJSONSchema, the per-type processors) is
 * for the OpenAPI document, and its ahead-of-time compiler (z.compile, core/compile.js, 29 KB
 * minified) is called by nothing in the repository: never the pane's. The `z` namespace keeps
 * them from being dropped. In the pane's bundle each of those modules' exports becomes a
 * function whose result throws if ever used, with the same names, so nothing else changes
 * (zod's parse reads the compiler's result only through a symbol it defines itself).
 */
const ZOD_JSON_SCHEMA = /[\\/]zod[\\/]v4[\\/](core[\\/](json-schema-processors|json-schema-generator|to-json-schema|compile)|classic[\\/]from-json-schema)\.js$/;
const zodWithoutJsonSchema: Plugin = {
  name: "zod-without-json-schema",
  setup(b) {
    b.onLoad({ filter: ZOD_JSON_SCHEMA }, (args) => {
      const real = readFileSync(args.path, "utf8");
      const names = new Set<string>();
      for (const m of real.matchAll(/^export (?:function|const|let|var|class) (\w+)/gm)) names.add(m[1]!);
      for (const m of real.matchAll(/^export \{([^}]*)\}/gm)) for (const part of m[1]!.split(",")) { const n = part.trim().split(/\s+as\s+/).pop(); if (n) names.add(n); }
      const body = [...names].map((n) => `export const ${n} = () => () => { throw new Error("JSON Schema is not part of the task pane"); };`).join("\n");
      return { contents: body, loader: "js" };
    });
  },
};

/**
 * The core (`shared/`) has no I/O and nothing runs at import but the building of its own
 * constants (zod schemas, tables): calls a bundler must otherwise keep in case they act. Marked
 * free of side effects, a module whose exports the pane never uses (the CLI's and the server's
 * parts re-exported by shared/index.ts) is left out instead of loaded with the pane.
 */
const sharedDir = join(root, "shared") + sep;
const sharedIsPure: Plugin = {
  name: "shared-is-pure",
  setup(b) {
    b.onResolve({ filter: /^\.{1,2}\// }, (args) => {
      const path = resolve(args.resolveDir, args.path);
      return path.startsWith(sharedDir) && path.endsWith(".ts") ? { path, sideEffects: false } : undefined;
    });
  },
};

export function esbuildOptions(dev: boolean): BuildOptions {
  return {
    entryPoints: { taskpane: join(root, "addin/src/taskpane.ts"), preview: join(root, "addin/src/preview.ts"), "auth-dialog": join(root, "addin/src/auth-dialog.ts") },
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
    plugins: [zodEnglishOnly, zodWithoutJsonSchema, sharedIsPure, directImports(root)],
  };
}

/**
 * The manifest with every dev URL moved to `origin`, and the local functions host replaced by
 * `api` (or dropped: the pane calls the API with fetch and CORS, which needs no AppDomain).
 */
export function manifestFor(origin: string, api?: string): string {
  const xml = readFileSync(join(root, "manifest.xml"), "utf8");
  if (origin === DEV_ORIGIN && !api) return xml;
  const moved = xml.split(DEV_ORIGIN).join(origin.replace(/\/+$/, ""));
  return api
    ? moved.split(DEV_API_ORIGIN).join(api.replace(/\/+$/, ""))
    : moved.replace(new RegExp(`\\s*<AppDomain>${DEV_API_ORIGIN.replace(/[.:/]/g, "\\$&")}</AppDomain>`), "");
}

/** What config.json holds: the deployment's API and Entra ID app, read by the pane at start. */
export interface DeployedConfig { server: string; clientId: string; scope: string; tenant: string }

/**
 * Copies a folder file by file, overwriting in place: cpSync unlinks each destination first, so two
 * dev servers starting at once (parallel end-to-end suites) failed on each other's unlink.
 */
function copyTree(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const e of readdirSync(from, { withFileTypes: true })) {
    if (e.isDirectory()) copyTree(join(from, e.name), join(to, e.name));
    else copyFileSync(join(from, e.name), join(to, e.name));
  }
}

export function copyStatic(origin = DEV_ORIGIN, config?: DeployedConfig): void {
  mkdirSync(OUT, { recursive: true });
  copyTree(join(root, "addin/public"), OUT);
  copyTree(join(root, "addin/assets"), join(OUT, "assets"));
  writeFileSync(join(OUT, "manifest.xml"), manifestFor(origin, config?.server || undefined));
  if (config) writeFileSync(join(OUT, "config.json"), `${JSON.stringify(config, null, 2)}\n`);
}

export async function buildAddin(opts: { origin?: string; dev?: boolean; config?: DeployedConfig } = {}): Promise<void> {
  copyStatic(opts.origin, opts.config);
  await build(esbuildOptions(!!opts.dev));
}

const HTTPS_ORIGIN = /^https:\/\/[^/\s]+$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The command line, checked: a clear message for each bad value, nothing built. */
export function parseBuildArgs(args: readonly string[]): { origin?: string; dev: boolean; config?: DeployedConfig } | { error: string } {
  const value = (flag: string): string | undefined | null => {
    const at = args.indexOf(flag);
    if (at < 0) return undefined;
    const v = args[at + 1];
    return v && !v.startsWith("--") ? v : null;
  };
  const origin = value("--origin"), api = value("--api"), clientId = value("--client-id"), scope = value("--scope"), tenant = value("--tenant");
  for (const [flag, v] of [["--origin", origin], ["--api", api], ["--client-id", clientId], ["--scope", scope], ["--tenant", tenant]] as const) {
    if (v === null) return { error: `${flag} needs a value` };
  }
  if (origin !== undefined && !HTTPS_ORIGIN.test(origin!)) return { error: "--origin needs an https origin such as https://htct.example.org" };
  if (api !== undefined && !HTTPS_ORIGIN.test(api!)) return { error: "--api needs an https origin such as https://htct-api.azurewebsites.net" };
  if (clientId !== undefined && !GUID.test(clientId!)) return { error: "--client-id needs the app registration's Application (client) ID, a GUID" };
  if (scope !== undefined && !/^(api:\/\/[^\s/]+\/[\w.-]+|[0-9a-f-]{36}\/[\w.-]+)$/i.test(scope!)) return { error: "--scope needs a scope such as api://<client id>/access_as_user" };
  if (tenant !== undefined && !(GUID.test(tenant!) || /^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(tenant!))) return { error: "--tenant needs the directory (tenant) ID or its domain, such as contoso.onmicrosoft.com" };
  const production = origin !== undefined;
  const config = production || api || clientId
    ? { server: api ?? "", clientId: clientId ?? "", scope: scope ?? (clientId ? `api://${clientId}/access_as_user` : ""), tenant: tenant ?? "" }
    : undefined;
  return { origin: origin ?? undefined, dev: args.includes("--dev"), config };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const parsed = parseBuildArgs(process.argv.slice(2));
  if ("error" in parsed) {
    console.error(parsed.error);
    process.exit(2);
  }
  const t0 = Date.now();
  await buildAddin(parsed);
  console.log(`dist/addin built in ${Date.now() - t0} ms${parsed.origin ? ` for ${parsed.origin}` : ""}`);
}
