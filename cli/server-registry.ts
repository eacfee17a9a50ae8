import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import { z } from "zod";
import { OrgUnitsResponse, judge } from "../shared/contract/index.ts";
import { OrgUnitRegistry, type OrgUnit } from "../shared/index.ts";
import { apiClient, fetchMe, refused, type Server } from "./api-client.ts";
import { CliError } from "./errors.ts";

/** Where fetched registries are kept: $HTCT_CACHE_DIR, else $XDG_CACHE_HOME/htct, else ~/.cache/htct. */
export function cacheDir(): string {
  return process.env.HTCT_CACHE_DIR ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "htct");
}

const Cached = z.object({ etag: z.string(), units: OrgUnitRegistry });

const fileOf = (server: Server, province: string) =>
  join(cacheDir(), `registry-${server.url.host.replace(/[^A-Za-z0-9.-]/g, "_")}-${province}.json`);

async function readCached(path: string): Promise<z.infer<typeof Cached> | null> {
  try {
    const c = Cached.safeParse(JSON.parse(await readFile(path, "utf8")));
    return c.success ? c.data : null;
  } catch {
    return null;
  }
}

/**
 * The province's registry from the server, kept on disk with its ETag: an unchanged registry is
 * a 304, not megabytes again. A cache that does not parse is ignored, and one that cannot be
 * written is not an error (the registry in hand is still right).
 */
export async function serverRegistry(server: Server, province: string): Promise<OrgUnit[]> {
  const path = fileOf(server, province);
  const cached = await readCached(path);
  const r = await apiClient(server, (api) => api.raw("orgunits", { params: { province }, ...(cached ? { headers: { "If-None-Match": cached.etag } } : {}) }));
  if (r.status === 304 && cached) return cached.units;
  const a = judge("orgunits", r.status, r.json, 200);
  if (!a.ok) throw refused(a.status, a.error);
  const body: OrgUnitsResponse = a.body;
  const etag = r.headers.get("etag");
  if (etag) {
    try {
      await mkdir(cacheDir(), { recursive: true });
      await writeFile(`${path}.tmp`, JSON.stringify({ etag, units: body.units }));
      await rename(`${path}.tmp`, path);
    } catch { /* no cache, same answer */ }
  }
  return body.units;
}

/** The province a registry is needed for: --province, else the signed-in clerk's own (GET /api/me). */
export async function provinceForRegistry(server: Server, given: string | undefined): Promise<string> {
  if (given) return given;
  const me = await fetchMe(server);
  const p = me.assignments[0]?.province;
  if (!p) throw new CliError("Không xác định được tỉnh của tài khoản; ghi --province hoặc --registry.", "The account's province is not known; give --province or --registry.");
  return p;
}
