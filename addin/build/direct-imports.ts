import { readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import type { Plugin } from "esbuild";

/**
 * The pane's imports from the core's barrels (shared/index.ts, shared/contract/index.ts) made
 * direct: `import { fold } from "../../shared/index.ts"` becomes an import from
 * shared/parse/text.ts. Through a barrel every module it re-exports that any chunk uses is
 * reachable from the first load, so esbuild's code splitting put the report layouts, the
 * contract's routes and the like in the chunk every screen loads (issue 20: 166 KB gzipped).
 * Imported directly, a module loads with the screen that uses it. Nothing else changes: same
 * names, same modules, the barrels stay for the functions and the CLI.
 */
interface Source { file: string; name: string }
type ExportMap = Map<string, Source>;

const BINDING = /export\s+(?:declare\s+)?(?:async\s+)?(?:const|let|var|function\*?|class|enum)\s+([A-Za-z_$][\w$]*)/g;
const LIST = /export\s*\{([^}]*)\}\s*(?:from\s*"([^"]+)")?\s*;/g;
const STAR = /export\s*\*\s*from\s*"([^"]+)"\s*;/g;

/** The value exports of a module: its own bindings, its lists, what it re-exports (recursively). */
function exportsOf(file: string, seen = new Set<string>()): ExportMap {
  const out: ExportMap = new Map();
  if (seen.has(file)) return out;
  seen.add(file);
  const text = readFileSync(file, "utf8");
  for (const m of text.matchAll(BINDING)) out.set(m[1]!, { file, name: m[1]! });
  for (const m of text.matchAll(LIST)) {
    if (/^\s*export\s+type\b/.test(m[0])) continue;
    const from = m[2] ? resolve(dirname(file), m[2]) : null;
    for (const part of m[1]!.split(",")) {
      const spec = part.trim();
      if (!spec || spec.startsWith("type ")) continue;
      const [orig, as] = spec.split(/\s+as\s+/).map((s) => s.trim()) as [string, string | undefined];
      const name = as ?? orig;
      if (!from) { if (!out.has(name)) out.set(name, { file, name: orig }); continue; }
      // Followed to where it is defined, so a chain of barrels costs nothing either.
      out.set(name, exportsOf(from, new Set(seen)).get(orig) ?? { file: from, name: orig });
    }
  }
  for (const m of text.matchAll(STAR)) {
    for (const [k, v] of exportsOf(resolve(dirname(file), m[1]!), seen)) if (!out.has(k)) out.set(k, v);
  }
  return out;
}

const IMPORT = /import\s*\{([^}]*)\}\s*from\s*"([^"]*(?:shared\/index|shared\/contract\/index)\.ts)"\s*;/g;

export function directImports(root: string): Plugin {
  const barrels = new Map<string, ExportMap>();
  const mapOf = (file: string) => { let m = barrels.get(file); if (!m) { m = exportsOf(file); barrels.set(file, m); } return m; };
  const pane = join(root, "addin", "src") + sep;
  return {
    name: "direct-imports",
    setup(b) {
      b.onLoad({ filter: /\.ts$/ }, (args) => {
        if (!args.path.startsWith(pane)) return undefined;
        const text = readFileSync(args.path, "utf8");
        if (!IMPORT.test(text)) return undefined;
        IMPORT.lastIndex = 0;
        const dir = dirname(args.path);
        const contents = text.replace(IMPORT, (whole, list: string, spec: string) => {
          const barrel = resolve(dir, spec);
          const map = mapOf(barrel);
          const by = new Map<string, string[]>();
          for (const part of list.split(",")) {
            const s = part.trim();
            if (!s || s.startsWith("type ")) continue;
            const [orig, as] = s.split(/\s+as\s+/).map((x) => x.trim()) as [string, string | undefined];
            const src = map.get(orig);
            // Unknown to the map (a form it does not parse): imported from the barrel as before.
            const file = src?.file ?? barrel;
            const name = src?.name ?? orig;
            const local = as ?? orig;
            by.set(file, [...(by.get(file) ?? []), name === local ? name : `${name} as ${local}`]);
          }
          // The same number of lines, so the source maps still point at the right ones.
          const lines = "\n".repeat((whole.match(/\n/g) ?? []).length);
          // Types only: erased whatever they name.
          if (!by.size) return lines;
          return [...by].map(([file, names]) => {
            let rel = relative(dir, file).split(sep).join("/");
            if (!rel.startsWith(".")) rel = `./${rel}`;
            return `import { ${names.join(", ")} } from "${rel}";`;
          }).join(" ") + lines;
        });
        return { contents, loader: "ts", resolveDir: dir };
      });
    },
  };
}
