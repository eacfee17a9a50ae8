import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli, seedWorkbook } from "./run-cli.ts";
import { startStack, type Stack } from "../functions/stack.ts";

/** htct submit --server without --registry: the province's registry comes from the server, kept with its ETag. */
let s: Stack;
let dir: string;
let clerk: string;
beforeAll(async () => {
  s = await startStack();
  dir = await mkdtemp(join(tmpdir(), "htct-srvreg-"));
  process.env.HTCT_CACHE_DIR = join(dir, "cache");
  clerk = join(dir, "clerk.token");
  await writeFile(clerk, await s.token("clerk-BTH-HTN"));
}, 60_000);
afterAll(async () => { delete process.env.HTCT_CACHE_DIR; await s?.close(); });

describe("the registry from the server", () => {
  it("answers an ETag, and 304 to If-None-Match with it", async () => {
    const first = await s.call("GET", "/api/orgunits/BTH", { user: "clerk-BTH-HTN" });
    expect(first.status).toBe(200);
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    const again = await s.call("GET", "/api/orgunits/BTH", { user: "clerk-BTH-HTN", headers: { "if-none-match": etag } });
    expect(again.status).toBe(304);
    const other = await s.call("GET", "/api/orgunits/BTH", { user: "clerk-BTH-HTN", headers: { "if-none-match": '"stale"' } });
    expect(other.status).toBe(200);
  });

  it("submit --unit needs no --registry: the clerk's province is asked for, then kept", async () => {
    const args = ["submit", seedWorkbook("ham-tan-2012-06.xlsx"), "--server", s.url, "--token-file", clerk, "--period", "2012-06", "--unit", "BTH-HTN"];
    const r = await runCli(args);
    expect(r.code, r.err + r.out).toBe(0);
    const cached = JSON.parse(await readFile(join(dir, "cache", `registry-${new URL(s.url).host.replace(/[^A-Za-z0-9.-]/g, "_")}-BTH.json`), "utf8"));
    expect(cached.etag).toMatch(/^"/);
    expect(cached.units.some((u: { code: string }) => u.code === "BTH-HTN")).toBe(true);
    // A cache that says otherwise is not believed when its ETag is stale: the server's answer wins.
    await writeFile(join(dir, "cache", `registry-${new URL(s.url).host.replace(/[^A-Za-z0-9.-]/g, "_")}-BTH.json`), JSON.stringify({ etag: '"stale"', units: [] }));
    const again = await runCli([...args, "--base", "1", "--mode", "replace"]);
    expect(again.err).not.toMatch(/Không xác định được đơn vị báo cáo/);
  });

  it("validate, annotate and template with --server read the server's registry too, not the shipped one", async () => {
    const units = (await s.call("GET", "/api/orgunits/BTH", { user: "province-BTH" })).json.units as { code: string; name: string; parent: string | null }[];
    const gone = units.find((u) => u.parent === "BTH-HTN")!;
    const imported = await s.call("POST", "/api/orgunits/BTH/import", { user: "province-BTH", body: { units: units.filter((u) => u.code !== gone.code), keepStranded: true } });
    expect(imported.status, JSON.stringify(imported.json).slice(0, 300)).toBe(200);
    const unknown = (args: string[]) => runCli(["validate", seedWorkbook("ham-tan-2012-06.xlsx"), "--period", "2012-06", "--json", ...args])
      .then((r) => (JSON.parse(r.out) as { issues: { rule: string }[] }).issues.filter((i) => i.rule === "unit_unknown").length);
    expect(await unknown([])).toBe(0);
    expect(await unknown(["--server", s.url, "--token-file", clerk])).toBe(1);
    const out = join(dir, "t.xlsx");
    const t = await runCli(["template", "-o", out, "--unit", "BTH-HTN", "--server", s.url, "--token-file", clerk]);
    expect(t.code, t.err).toBe(0);
    expect(t.out).toContain(`(${units.filter((u) => u.parent === "BTH-HTN").length - 1} đơn vị)`);
  });
});
