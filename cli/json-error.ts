import type { Lang } from "../shared/index.ts";

/**
 * With `--json` stdout always holds one JSON document, a failure too, so a script that parses
 * stdout never meets an empty stream: `{ "error": { "code", "message" } }`, the exit code unchanged.
 */
export interface ErrorDocument {
  error: { code: string; message: string };
}

export function errorDocument(code: string, message: string): ErrorDocument {
  return { error: { code, message } };
}

/**
 * Whether the command line asked for JSON, read from the raw arguments: the failure may be that
 * the arguments did not parse at all. Positionals after "--" are files, not options.
 */
export function wantsJson(argv: readonly string[]): boolean {
  for (const a of argv) {
    if (a === "--") return false;
    if (a === "--json" || a === "--json=true") return true;
  }
  return false;
}

export function langOfArgv(argv: readonly string[], fallback: Lang): Lang {
  const i = argv.indexOf("--lang");
  const v = i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith("--lang="))?.slice(7);
  return v === "en" || v === "vi" ? v : fallback;
}
