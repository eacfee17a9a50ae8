import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { request as httpRequest } from "node:http";
import { join } from "node:path";
import { adminAccess } from "../../functions/host/admin-access.ts";
import { isFormulaLeading } from "../../shared/index.ts";
import { ROUTES } from "../../shared/contract/index.ts";
import { runCli } from "../cli/run-cli.ts";
import { ROOT, idem, startStack, submission, type Stack } from "./stack.ts";
import { csvRows } from "../support/csv-rows.ts";

const MASTER_KEY = `master-${process.pid}-${Math.random().toString(36).slice(2)}`;
let s: Stack;
beforeAll(async () => { process.env.HTCT_HOST_MASTER_KEY = MASTER_KEY; s = await startStack(); }, 60_000);
afterAll(async () => { await s?.close(); });

/** One commune's values, submitted for a reporting unit of TST on its own period so tests stay apart. */
function one(unitCode: string, period: string, values: Record<string, unknown>, baseVersion: number | null = null) {
  const b = submission(unitCode, { period, baseVersion });
  return { ...b, units: [{ unit: b.units[0]!.unit, values }] };
}
const post = (user: string, body: unknown) => s.call("POST", "/api/submissions", { user, body, headers: idem() });

describe("values are bounded however they are written", () => {
  it.each([
    ["digits", "10000000000000"],
    ["Vietnamese thousands", "10.000.000.000.000"],
    ["two hundred nines", "9".repeat(200)],
  ])("refuses %s above the limit and stores nothing", async (_label, v) => {
    const before = await s.dataEntities();
    const r = await post("clerk-TST-D02", one("TST-D02", "2016", { "poverty.escaped": v }));
    expect(r.status).toBe(422);
    expect(r.json.issues.map((i: { rule: string }) => i.rule)).toContain("out_of_bounds");
    expect(await s.dataEntities()).toBe(before);
  });
});

describe("digits of other scripts", () => {
  it("counts full-width and Arabic-Indic digits in the rollup, as the number they are", async () => {
    const b = submission("TST-D03", { period: "2017" });
    const [u0, u1] = b.units;
    const r = await post("clerk-TST-D03", { ...b, units: [{ unit: u0!.unit, values: { "poverty.escaped": "１２" } }, { unit: u1!.unit, values: { "poverty.escaped": "١٢" } }] });
    expect(r.status).toBe(200);
    expect(r.json.rollup.totals["poverty.escaped"]).toBe(24);
  });
  it("refuses text that only looks blank", async () => {
    const r = await post("clerk-TST-D03", one("TST-D03", "2018", { "poverty.escaped": "十二" }));
    expect(r.status).toBe(422);
    expect(r.json.issues[0].rule).toBe("invalid_value");
  });
});

describe("the three-way merge compares values", () => {
  it("a value set back to its base value is not a conflict", async () => {
    const u = "clerk-TST-D04";
    const v = (x: unknown, base: number | null) => one("TST-D04", "2016", { "poverty.escaped": x }, base);
    expect((await post(u, v(20, null))).json.version).toBe(1);
    expect((await post(u, v(21, 1))).json.version).toBe(2);
    expect((await post(u, v(20, 2))).json.version).toBe(3);
    const r = await post(u, v(25, 1));
    expect(r.status).toBe(200);
    expect(r.json.rollup.totals["poverty.escaped"]).toBe(25);
  });
  it("a change of form only is not a conflict", async () => {
    const u = "clerk-TST-D05";
    const v = (x: unknown, base: number | null) => one("TST-D05", "2016", { "members.total": x }, base);
    expect((await post(u, v("1.716", null))).status).toBe(200);
    expect((await post(u, v(1716, 1))).json.summary.unchanged).toBe(1);
    expect((await post(u, v(1720, 1))).status).toBe(200);
    // Based on v1 ("1.716"), the clerk sends 1716: the newer 1720 stays, nothing conflicts.
    const r = await post(u, v(1716, 1));
    expect(r.status).toBe(200);
    expect(r.json.rollup.totals["members.total"]).toBe(1720);
  });
});

/** A raw HTTP request, for paths and headers fetch will not send as given (Host, dot segments). */
function rawGet(path: string, headers: Record<string, string>, method = "GET"): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }> {
  const u = new URL(s.url);
  return new Promise((ok, fail) => {
    const r = httpRequest({ host: u.hostname, port: u.port, path, method, headers }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => { text += c; });
      res.on("end", () => ok({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    r.on("error", fail);
    r.end();
  });
}

describe("the OpenAPI document", () => {
  it("never carries the request's Host", async () => {
    const r = await rawGet("/api/openapi.json", { host: "evil.example:8443", "x-forwarded-host": "evil2.example" });
    expect(r.status).toBe(200);
    expect(r.text).not.toMatch(/evil/);
    const doc = JSON.parse(r.text) as { servers: { url: string }[] };
    expect(doc.servers.every((x) => x.url.startsWith("/") || x.url === process.env.HTCT_PUBLIC_URL)).toBe(true);
  });
});

describe("authentication", () => {
  it("comes before path validation, on every route that needs a role", async () => {
    for (const p of ["/api/rollups/bad%20code/2015", "/api/submissions/TST/15/TST-D01", "/api/periods/x", "/api/orgunits/%E2%80%AE"]) {
      const r = await s.call("GET", p);
      expect(r.status, p).toBe(401);
    }
    for (const [name, spec] of Object.entries(ROUTES)) {
      if (!spec.roles.length || !spec.route.includes("{")) continue;
      const path = `/api/${spec.route.replace(/\{[^}]+\}/g, "bad%20code")}`;
      const r = await s.call(spec.method, path, spec.method === "POST" ? { raw: "{", headers: { "content-type": "application/json" } } : {});
      expect(r.status, `${name} ${path}`).toBe(401);
    }
    const lock = await s.call("POST", "/api/periods/bad/2015/lock");
    expect(lock.status).toBe(401);
    const consolidate = await s.call("POST", "/api/consolidations", { body: { period: 2015 } });
    expect(consolidate.status).toBe(401);
  });
  it("refuses a token without an expiry", async () => {
    const token = await s.token("province-TST", { expiresIn: null });
    expect(JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString()).exp).toBeUndefined();
    const r = await s.call("GET", "/api/rollups/TST/2015", { token });
    expect(r.status).toBe(401);
    expect((await s.call("GET", "/api/rollups/TST/2015", { user: "province-TST" })).status).toBe(200);
  });
});

describe("safe defaults", () => {
  const start = (env: Record<string, string>) => spawnSync(process.execPath, ["--import", "tsx", "functions/host/main.ts", "--port", "0", "--no-timers"], {
    cwd: ROOT, encoding: "utf8", timeout: 30_000,
    env: { ...process.env, AUTH_MODE: "entra", AUTH_ISSUER: "", AUTH_AUDIENCE: "", AUTH_JWKS_URI: "", ...env },
  });
  it("a host without its token settings refuses to start, naming them", () => {
    const r = start({ AUTH_AUDIENCE: "api://x" });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/AUTH_ISSUER/);
    expect(r.stderr).toMatch(/AUTH_JWKS_URI/);
    expect(r.stderr).not.toMatch(/AUTH_AUDIENCE,/);
    expect(r.stdout).not.toMatch(/Functions host on/);
  }, 60_000);
  it("an unknown AUTH_MODE refuses to start instead of falling back", () => {
    const r = start({ AUTH_MODE: "Dev" });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/AUTH_MODE/);
  }, 60_000);
  it("the Bicep template has no default add-in origin", () => {
    const bicep = readFileSync(join(ROOT, "infra", "main.bicep"), "utf8");
    expect(bicep).toMatch(/^param addinOrigin string\s*$/m);
  });
});

describe("assignments", () => {
  it("a revoked clerk cannot submit once the assignment row has changed", async () => {
    const user = "clerk-TST-D06";
    expect((await post(user, one("TST-D06", "2016", { "poverty.escaped": 1 }))).status).toBe(200);
    await s.table.updateEntity({ partitionKey: "ASSIGN", rowKey: user, role: "clerk", unit: "TST-D07" }, "Merge");
    const r = await post(user, one("TST-D06", "2016", { "poverty.escaped": 2 }, 1));
    expect(r.status).toBe(403);
    await s.table.deleteEntity("ASSIGN", user);
    expect((await post(user, one("TST-D06", "2016", { "poverty.escaped": 3 }, 1))).status).toBe(403);
  });
});

describe("the local host's admin routes", () => {
  const nightly = "/api/%2e%2e/admin/functions/consolidateNightly";
  it("refuse web pages, rebound host names and cross-site requests, however the path is written", async () => {
    const cases: [string, string, Record<string, string>][] = [
      ["GET", "/api/../admin/functions", { origin: "https://evil.example" }],
      ["GET", "/api/%2e%2e/admin/functions", { "sec-fetch-site": "cross-site" }],
      ["GET", "/ADMIN/functions", { host: "evil.example" }],
      ["POST", nightly, { origin: "https://evil.example", "content-type": "text/plain" }],
      ["POST", nightly, { origin: "null" }],
      ["POST", nightly, { host: "rebound.evil.example:7071" }],
      ["POST", nightly, { "x-functions-key": "guess" }],
    ];
    for (const [method, path, headers] of cases) {
      const r = await rawGet(path, headers, method);
      expect([401, 403], `${method} ${path} ${JSON.stringify(headers)}`).toContain(r.status);
      expect(JSON.parse(r.text).message.vi).toBeTruthy();
    }
  });
  it("answer the master key, and a program on this machine", async () => {
    expect((await rawGet(nightly, { "x-functions-key": MASTER_KEY, host: "anything.example" }, "POST")).status).toBe(202);
    expect((await rawGet("/api/../admin/functions", {})).status).toBe(200);
  });
  it("decide by address, host name, origin and fetch metadata", () => {
    const local = { remoteAddress: "127.0.0.1", host: "127.0.0.1:7071", origin: undefined, secFetchSite: undefined, key: undefined };
    expect(adminAccess(local, null).allowed).toBe(true);
    expect(adminAccess({ ...local, remoteAddress: "::ffff:127.0.0.1", host: "localhost" }, null).allowed).toBe(true);
    expect(adminAccess({ ...local, remoteAddress: "::1", host: "[::1]:7071" }, null).allowed).toBe(true);
    expect(adminAccess({ ...local, remoteAddress: "10.0.0.7" }, null)).toMatchObject({ allowed: false, status: 403 });
    expect(adminAccess({ ...local, remoteAddress: "::ffff:192.168.1.2" }, null).allowed).toBe(false);
    expect(adminAccess({ ...local, remoteAddress: undefined }, null).allowed).toBe(false);
    expect(adminAccess({ ...local, host: "localhost.evil.example" }, null).allowed).toBe(false);
    expect(adminAccess({ ...local, host: undefined }, null).allowed).toBe(false);
    expect(adminAccess({ ...local, secFetchSite: "same-site" }, null).allowed).toBe(false);
    expect(adminAccess({ ...local, secFetchSite: "none" }, null).allowed).toBe(true);
    expect(adminAccess({ ...local, remoteAddress: "10.0.0.7", key: "k1" }, "k1").allowed).toBe(true);
    expect(adminAccess({ ...local, key: "k1" }, null)).toMatchObject({ allowed: false, status: 401 });
    expect(adminAccess({ ...local, key: "k2" }, "k1")).toMatchObject({ allowed: false, status: 401 });
  });
});

describe("formula-leading text the clerk sent", () => {
  it("is stored and answered as sent, and neutralised where it is written into a CSV (htct history)", async () => {
    const source = { workbook: '=HYPERLINK("http://evil.example","Báo cáo")', sheet: "@SUM(1+1)", fingerprint: "+cmd|' /C calc'!A0" };
    const b = one("TST-D08", "2016", { "poverty.escaped": 5, "grades.base_org": "-2+3" });
    const sent = await post("clerk-TST-D08", { ...b, source });
    expect(sent.status).toBe(422); // "-2+3" is no grade: refused like any unreadable value
    const ok = await post("clerk-TST-D08", { ...b, units: [{ unit: b.units[0]!.unit, values: { "poverty.escaped": 5 } }], source });
    expect(ok.status).toBe(200);
    const api = await s.call("GET", "/api/submissions/TST/2016/TST-D08", { user: "province-TST" });
    expect(api.json.entries[0].source).toEqual(source);

    const dir = mkdtempSync(join(tmpdir(), "htct-history-"));
    try {
      const token = join(dir, "token");
      writeFileSync(token, await s.token("province-TST"));
      const out = join(dir, "history.csv");
      const r = await runCli(["history", "--server", s.url, "--token-file", token, "--province", "TST", "--period", "2016", "--unit", "TST-D08", "-o", out]);
      expect(r.err).toBe("");
      expect(r.code).toBe(0);
      const text = readFileSync(out, "utf8");
      const rows = csvRows(text.replace(/^\uFEFF/, ""));
      expect(rows[0]).toContain("Tệp");
      const fields = rows.flat();
      expect(fields.filter((f) => isFormulaLeading(f))).toEqual([]);
      expect(fields).toContain(`'${source.workbook}`);
      expect(fields).toContain(`'${source.sheet}`);
      expect(fields).toContain(`'${source.fingerprint}`);
      expect(rows.every((row) => row.length === rows[0]!.length)).toBe(true);
      for (const args of [["history", "--server", s.url, "--token-file", token, "--province", "TST", "--period", "2016", "-o", out], ["history", "--server", s.url, "--token-file", token, "--province", "TST", "--period", "2016", "--unit", "TST-D08"], ["history", "--server", s.url, "--token-file", token, "--province", "TST", "--period", "2016", "--unit", "TST-D08", "-o", join(dir, "x.xlsx")]]) {
        expect((await runCli(args)).code).toBe(2);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
