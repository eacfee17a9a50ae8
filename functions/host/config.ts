import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { z } from "zod";

/** What Core Tools reads from a function app folder, read the same way here. */
const LocalSettings = z.object({
  IsEncrypted: z.boolean().optional(),
  Values: z.record(z.string(), z.string()).default({}),
  Host: z.object({
    LocalHttpPort: z.number().int().optional(),
    CORS: z.string().optional(),
    CORSCredentials: z.boolean().optional(),
  }).default({}),
});
export type LocalSettings = z.infer<typeof LocalSettings>;

const HostJson = z.object({
  version: z.literal("2.0"),
  extensions: z.object({ http: z.object({ routePrefix: z.string().optional() }).optional() }).optional(),
}).loose();

const PackageJson = z.object({ main: z.string().optional() }).loose();

export interface AppConfig {
  root: string;
  routePrefix: string;
  mainFiles: string[];
  settings: LocalSettings;
  settingsFile: string | null;
}

/** `main` may name one file or a glob of the form dir/*.ext, as Core Tools accepts. */
function expandMain(root: string, main: string): string[] {
  const star = main.indexOf("*");
  if (star < 0) return [resolve(root, main)];
  const dir = main.slice(0, main.lastIndexOf("/", star) + 1);
  const suffix = main.slice(star + 1);
  return readdirSync(resolve(root, dir)).filter((f) => f.endsWith(suffix)).sort().map((f) => resolve(root, dir, f));
}

export function loadConfig(root: string, settingsFile?: string): AppConfig {
  const host = HostJson.parse(JSON.parse(readFileSync(join(root, "host.json"), "utf8")));
  const pkg = PackageJson.parse(JSON.parse(readFileSync(join(root, "package.json"), "utf8")));
  if (!pkg.main) throw new Error("package.json has no `main`: it must name the functions entry file");
  const candidates = settingsFile ? [settingsFile] : [join(root, "local.settings.json"), join(root, "local.settings.example.json")];
  const file = candidates.find((f) => existsSync(f)) ?? null;
  const settings = file ? LocalSettings.parse(JSON.parse(readFileSync(file, "utf8"))) : LocalSettings.parse({});
  return {
    root,
    routePrefix: host.extensions?.http?.routePrefix ?? "api",
    mainFiles: expandMain(root, pkg.main),
    settings,
    settingsFile: file,
  };
}
