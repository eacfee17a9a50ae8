import { existsSync, readFileSync } from "node:fs";
import { parseNationalRegistry } from "../shared/registry/national.ts";
import type { OrgUnit } from "../shared/registry/orgunits.ts";
import { REGISTRY } from "./orgunits.ts";

/**
 * The national registry the repo ships (data/registry/vn-units.json, from the public dvhcvn
 * dataset), read once per process. Node hosts only: the pane never imports this file, so the
 * national data stays out of its first bundle.
 */
let national: OrgUnit[] | null = null;

// From the sources this module sits in seeds/; bundled into the CLI it runs from cli/dist/, into
// the function app from dist/functions/ (scripts/build-functions.ts copies the data beside it).
function dataFile(): URL {
  const candidates = ["../data/registry/vn-units.json", "../../data/registry/vn-units.json", "./data/registry/vn-units.json"].map((p) => new URL(p, import.meta.url));
  return candidates.find((u) => existsSync(u)) ?? candidates[0]!;
}
export function nationalRegistry(): OrgUnit[] {
  national ??= parseNationalRegistry(JSON.parse(readFileSync(dataFile(), "utf8")));
  return national;
}

/**
 * The registry hosts use when none is given: the demo's units first (their codes carry letters,
 * so they never collide with official codes, and sample units say `sample: true`), then every
 * real unit of the country.
 */
let full: OrgUnit[] | null = null;
export function defaultRegistry(): OrgUnit[] {
  if (!full) {
    const national = nationalRegistry();
    // The demo's copies of national units (Lâm Đồng's former provinces) give way to the originals.
    const codes = new Set(national.map((u) => u.code));
    full = [...REGISTRY.filter((u) => !codes.has(u.code)), ...national];
  }
  return full;
}
