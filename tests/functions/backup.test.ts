import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, truncateSync, writeFileSync, writeSync } from "node:fs";
import { constants as zlibConstants, deflateRawSync, gzipSync } from "node:zlib";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../scripts/azurite.ts";
import { runCli } from "../cli/run-cli.ts";
import { ROUTES } from "../../shared/contract/index.ts";
import { TWO_LEVEL_EXAMPLE } from "../../shared/approval/levels-v1.ts";
import { getCatalog } from "../../shared/index.ts";
import { sampleDhis2Mapping } from "../../seeds/dhis2-mapping.ts";
import { ROOT, TST, idem, startStack, submission, type Stack } from "./stack.ts";

let s: Stack;
const dir = mkdtempSync(join(tmpdir(), "htct-backup-"));
const backupFile = join(dir, "tst.json");
const UNITS = ["TST-D01", "TST-D02", "TST-D03", "TST-D04", "TST-D05"];
const PERIODS = ["2015", "2016-06"];
const replayKey = idem("replay");
let replayBody: unknown;
let replayAnswer: unknown;

beforeAll(async () => {
  s = await startStack();
  // Data through the API's own write routes: first submissions, a second version, a lock, snapshots.
  for (const period of PERIODS) {
    for (const [i, u] of UNITS.slice(0, 4).entries()) {
      const r = await s.call("POST", "/api/submissions", { user: `clerk-${u}`, body: submission(u, { period }, i + 1), headers: idem() });
      expect(r.status).toBe(200);
    }
  }
  replayBody = submission("TST-D01", { period: "2015", baseVersion: 1 }, 9);
  const second = await s.call("POST", "/api/submissions", { user: "clerk-TST-D01", body: replayBody, headers: replayKey });
  expect(second.json.version).toBe(2);
  replayAnswer = second.json;
  // Approvals (period partition), a shared mapping (its own partition), a registry import (its audit).
  expect((await s.call("POST", "/api/approvals/TST/2015/complete", { user: "clerk-TST-D02", body: { unit: "TST-D02", version: 1 } })).status).toBe(200);
  expect((await s.call("POST", "/api/approvals/TST/2015/approve", { user: "province-TST", body: { units: [{ unit: "TST-D02", version: 1 }] } })).status).toBe(200);
  const offered = await s.call("POST", `/api/mappings/TST/${FP}`, { user: "clerk-TST-D03", body: { mapping: { "Tổng số đảng viên": "members.total" }, headers: ["Đơn vị", "Tổng số đảng viên"], kind: "units", sheet: "Báo cáo" } });
  expect(offered.status).toBe(200);
  // Served only once the province's staff accept it (the offer's record stays in the backup too).
  expect((await s.call("POST", `/api/mapping-offers/TST/${offered.json.offer.id}`, { user: "province-TST", body: { decision: "accept" } })).status).toBe(200);
  const units = [...TST, { code: "TST-D01-M09", name: "Xã mẫu 1.9", level: "commune" as const, type: "xa" as const, parent: "TST-D01", sample: true, aliases: [] }];
  mapping = sampleDhis2Mapping(getCatalog(), units);
  const imported = await s.call("POST", "/api/orgunits/TST/import", { user: "province-TST", body: { units } });
  expect(imported.status, JSON.stringify(imported.json)).toBe(200);
  // A clerk's registry proposal, pending (its row sits in the province's reference partition).
  expect((await s.call("POST", "/api/orgunits/TST/proposals", { user: "province-TST", body: { parent: "TST-D01-M09", units: [{ name: "Chi bộ mẫu 01", type: "chi_bo" }] } })).status).toBe(200);
  expect((await s.call("POST", "/api/periods/TST/2016-06/lock", { user: "province-TST" })).status).toBe(200);
  // The province's own calendar and its audit row are reference data too.
  expect((await s.call("PUT", "/api/calendars/TST", { user: "province-TST", body: { calendar: { rules: { quarter: { cutoffDay: 20 } } } } })).status).toBe(200);
  // So are its own approval levels (set after the approval above, which the one-level default allowed).
  expect((await s.call("PUT", "/api/approval-levels/TST", { user: "admin", body: { chain: TWO_LEVEL_EXAMPLE } })).status).toBe(200);
  expect((await s.call("POST", "/api/consolidations", { user: "job-consolidation", body: { province: "TST", period: "2015" } })).status).toBe(200);
}, 120_000);

afterAll(async () => {
  await s?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Every read route's answer for the province, from the host at `base`; computedAt is the only clock-dependent field. */
const FP = "f0123456789abcdef";
let mapping: unknown;
/** Route templates the comparison requested, to check that no read route of the contract is left out. */
const compared = new Set<string>();

async function answers(call: Stack["call"]): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  const get = async (route: string, path: string, user: string) => {
    compared.add(route);
    const r = await call("GET", path, { user });
    out[`${user} ${path}`] = { status: r.status, json: JSON.parse(JSON.stringify(r.json, (k, v: unknown) => (k === "computedAt" ? "(clock)" : v))) };
  };
  await get("orgunits/{province}", "/api/orgunits/TST", "province-TST");
  await get("orgunits/{province}/audit", "/api/orgunits/TST/audit", "province-TST");
  await get("calendars/{province}", "/api/calendars/TST", "province-TST");
  await get("approval-levels/{province}", "/api/approval-levels/TST", "province-TST");
  await get("assignments/{province}", "/api/assignments/TST", "province-TST");
  await get("assignments/{province}/audit", "/api/assignments/TST/audit", "province-TST");
  await get("periods/{province}", "/api/periods/TST", "province-TST");
  await get("periods/{province}", "/api/periods/TST", "clerk-TST-D02");
  await get("me", "/api/me", "province-TST");
  await get("me", "/api/me", "clerk-TST-D03");
  await get("mappings/{province}", "/api/mappings/TST", "clerk-TST-D03");
  await get("mappings/{province}/{fingerprint}", `/api/mappings/TST/${FP}`, "province-TST");
  await get("mapping-offers/{province}", "/api/mapping-offers/TST", "province-TST");
  await get("orgunits/{province}/proposals", "/api/orgunits/TST/proposals", "province-TST");
  for (const p of PERIODS) {
    await get("rollups/{province}/{period}", `/api/rollups/TST/${p}`, "province-TST");
    await get("rollups/{province}/{period}", `/api/rollups/TST/${p}`, "clerk-TST-D01");
    await get("rollups/{province}/{period}/in/{units}", `/api/rollups/TST/${p}/in/2016`, "province-TST");
    await get("scorecards/{province}/{period}", `/api/scorecards/TST/${p}`, "province-TST");
    await get("approvals/{province}/{period}", `/api/approvals/TST/${p}`, "province-TST");
    for (const u of UNITS) await get("submissions/{province}/{period}/{unit}", `/api/submissions/TST/${p}/${u}?limit=200`, "province-TST");
    for (const u of UNITS) await get("details/{province}/{period}/{unit}", `/api/details/TST/${p}/${u}?limit=200`, "province-TST");
  }
  await get("submissions/{province}/{period}/{unit}", "/api/submissions/TST/2015/TST-D01", "clerk-TST-D01");
  // The export is a read too (POST only to carry the mapping): the DHIS2 CSV, text compared as is.
  compared.add("exports/{province}/{period}");
  for (const p of PERIODS) {
    const r = await call("POST", `/api/exports/TST/${p}`, { user: "province-TST", body: { format: "dhis2-csv", mapping } });
    // The province's own rows carry the rollup's computation time (the clock), units their submission times.
    const csv = typeof r.json === "string" ? r.json.split("\r\n").map((l) => { const f = l.split(","); if (f[2] === "TST") f[7] = "(clock)"; return f.join(","); }).join("\r\n") : r.json;
    out[`export ${p}`] = { status: r.status, body: csv };
  }
  const replay = await call("POST", "/api/submissions", { user: "clerk-TST-D01", body: replayBody, headers: replayKey });
  out.replay = { status: replay.status, replayed: replay.headers.get("idempotent-replayed"), json: replay.json };
  return out;
}

async function allEntities(): Promise<{ pk: string; rk: string }[]> {
  const out: { pk: string; rk: string }[] = [];
  for await (const e of s.table.listEntities({ queryOptions: { select: ["PartitionKey", "RowKey"] } })) out.push({ pk: e.partitionKey!, rk: e.rowKey! });
  return out;
}

/** A second functions host in its own process: nothing cached from before the restore. */
async function freshHost(): Promise<{ call: Stack["call"]; stop: () => void }> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "functions/host/main.ts", "--port", String(port), "--no-timers"], { cwd: ROOT, env: process.env, stdio: ["ignore", "pipe", "inherit"] });
  await new Promise<void>((ok, fail) => {
    child.stdout!.on("data", (d: Buffer) => { if (String(d).includes("Functions host on")) ok(); });
    child.once("exit", (c) => fail(new Error(`host exited with ${c}`)));
  });
  const call: Stack["call"] = async (method, path, o = {}) => {
    const headers: Record<string, string> = { ...o.headers };
    if (o.user) headers.authorization = `Bearer ${await s.token(o.user)}`;
    let body: string | undefined;
    if (o.body !== undefined) { body = JSON.stringify(o.body); headers["content-type"] = "application/json"; }
    const res = await fetch(`http://127.0.0.1:${port}${path}`, { method, headers, ...(body ? { body } : {}) });
    const text = await res.text();
    let json: unknown = null;
    try { json = text ? JSON.parse(text) : null; } catch { json = text; }
    return { status: res.status, headers: res.headers, json };
  };
  return { call, stop: () => child.kill("SIGTERM") };
}

let before: Record<string, unknown>;
let backup: { entities: { pk: string; rk: string; props: Record<string, { t: string; v: unknown }> }[]; sha256: string; [k: string]: unknown };

describe("htct backup", () => {
  it("writes every entity of the province: values, versions, history, locks, idempotency answers, registry, snapshots, assignments", async () => {
    before = await answers(s.call);
    for (const [k, v] of Object.entries(before)) expect((v as { status: number }).status, k).toBe(200);
    // Every read route of the contract that answers from stored data is compared.
    const reads = Object.values(ROUTES).filter((r) => r.method === "GET" && r.roles.length).map((r) => r.route);
    expect((before["export 2015"] as { status: number }).status).toBe(200);
    expect(String((before["export 2015"] as { body: unknown }).body).split("\n").length).toBeGreaterThan(10);
    expect(reads.filter((r) => !compared.has(r))).toEqual([]);
    const r = await runCli(["backup", "--province", "TST", "-o", backupFile]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    backup = JSON.parse(readFileSync(backupFile, "utf8"));
    expect(backup).toMatchObject({ format: "htct-backup", version: 1, province: "TST", period: null });
    const keys = new Set(backup.entities.map((e) => `${e.pk}\u0000${e.rk}`));
    // Whatever partitions the store writes now or later: every entity that names the province is in the file.
    const mine = (await allEntities()).filter((e) => /(^|\|)TST(\||-|$)/.test(e.pk) || /^TST(\||-|$)/.test(e.rk));
    expect(mine.length).toBeGreaterThan(20);
    for (const e of mine) expect(keys.has(`${e.pk}\u0000${e.rk}`), `${e.pk} ${e.rk}`).toBe(true);
    const rows = backup.entities.map((e) => e.rk);
    expect(rows.filter((k) => k.startsWith("H|")).length).toBe(9);
    expect(rows).toContain("META");
    expect(backup.entities.some((e) => e.pk === "ASSIGN" && e.rk === "clerk-TST-D01")).toBe(true);
    expect(backup.entities.some((e) => e.pk === "ASSIGN" && e.rk === "job-consolidation")).toBe(false);
    expect(backup.entities.some((e) => e.pk.startsWith("SNAP|"))).toBe(true);
    expect(backup.entities.some((e) => e.pk.includes("BTH") || e.rk.startsWith("BTH"))).toBe(false);
  });
  it("of one period holds only that period's partitions", async () => {
    const f = join(dir, "tst-2015.json");
    expect((await runCli(["backup", "--province", "TST", "--period", "2015", "-o", f])).code).toBe(0);
    const one = JSON.parse(readFileSync(f, "utf8")) as typeof backup;
    expect(new Set(one.entities.filter((e) => e.pk.startsWith("P|")).map((e) => e.pk))).toEqual(new Set(["P|TST|2015"]));
  });
  it("refuses bad arguments and an unknown province with a message", async () => {
    for (const args of [["backup", "-o", join(dir, "x.json")], ["backup", "--province", "tst/x", "-o", join(dir, "x.json")], ["backup", "--province", "TST"], ["backup", "--province", "ZZZ", "-o", join(dir, "z.json")], ["backup", "--province", "TST", "--period", "2015-13", "-o", join(dir, "x.json")]]) {
      const r = await runCli(args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.err, args.join(" ")).toMatch(/^Lỗi: /);
    }
  });
});

describe("storage that does not answer", () => {
  it("gets a plain message and exit 2 from backup and restore, nothing written", () => {
    const env = { ...process.env, HTCT_TABLES_CONNECTION: process.env.HTCT_TABLES_CONNECTION!.replace(/127\.0\.0\.1:\d+/, "127.0.0.1:9") };
    for (const args of [["backup", "--province", "TST", "-o", join(dir, "unreachable.json")], ["restore", backupFile]]) {
      const r = spawnSync(process.execPath, ["cli/bin.mjs", ...args], { cwd: ROOT, env, encoding: "utf8", timeout: 60_000 });
      expect(r.status, args[0]).toBe(2);
      expect(r.stderr, args[0]).toMatch(/^Lỗi: Không kết nối được kho dữ liệu/);
      expect(r.stderr, args[0]).not.toMatch(/\n\s+at /);
    }
  }, 120_000);
});

describe("htct restore", () => {
  it("refuses to overwrite data that exists, writing nothing", async () => {
    const n = (await allEntities()).length;
    const r = await runCli(["restore", backupFile]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/đã có dữ liệu/);
    expect((await allEntities()).length).toBe(n);
  });

  it("refuses hostile backup files with a clear message and writes nothing", async () => {
    await s.table.deleteTable();
    await s.table.createTable();
    const sealed = (entities: unknown[], over: Record<string, unknown> = {}) => JSON.stringify({ ...backup, entities, sha256: createHash("sha256").update(JSON.stringify(entities)).digest("hex"), ...over });
    const ents = backup.entities;
    const first = ents.find((e) => e.pk.startsWith("P|"))!;
    const withProps = (props: Record<string, unknown>) => sealed([{ ...first, props: { ...first.props, ...props } }]);
    const cases: [string, string | Buffer][] = [
      ["empty", ""],
      ["not JSON", "backup"],
      ["truncated", JSON.stringify(backup).slice(0, 5000)],
      ["null", "null"],
      ["array", "[]"],
      ["another format", JSON.stringify({ ...backup, format: "other" })],
      ["a later version", JSON.stringify({ ...backup, version: 2 })],
      ["edited after writing", JSON.stringify({ ...backup, entities: [{ ...first, props: { ...first.props, version: { t: "N", v: 99 } } }, ...ents.slice(1)] })],
      ["no checksum", JSON.stringify({ ...backup, sha256: undefined })],
      ["another province's partition", sealed([...ents, { ...first, pk: "P|BTH|2015" }])],
      ["another period than declared", sealed(ents, { period: "2016-06" })],
      ["another province's snapshot", sealed([{ pk: "SNAP|2015", rk: "BTH|BTH", props: {} }])],
      ["a made-up partition", sealed([{ pk: "ADMIN", rk: "x", props: {} }])],
      ["an assignment to another province", sealed([...ents.filter((e) => e.pk !== "ASSIGN"), { pk: "ASSIGN", rk: "intruder", props: { role: { t: "S", v: "province" }, unit: { t: "S", v: "BTH" } } }])],
      ["a job assignment", sealed([...ents.filter((e) => e.pk !== "ASSIGN"), { pk: "ASSIGN", rk: "job-x", props: { role: { t: "S", v: "job" }, unit: { t: "S", v: "" } } }])],
      ["an assignment without the registry", sealed(ents.filter((e) => e.pk === "ASSIGN"))],
      ["a key with a slash", sealed([{ ...first, rk: "D|a/b" }])],
      ["a key with a control character", sealed([{ ...first, rk: "D|a\u0001" }])],
      ["a __proto__ property", withProps({}).replace('"props":{', '"props":{"__proto__":{"t":"S","v":"x"},')],
      ["a reserved property", withProps({ PartitionKey: { t: "S", v: "P|BTH|2015" } })],
      ["an unknown type", withProps({ x: { t: "X", v: 1 } })],
      ["a bad 64-bit integer", withProps({ x: { t: "I64", v: "12abc" } })],
      ["a 64-bit integer out of range", withProps({ x: { t: "I64", v: "9999999999999999999" } })],
      ["a bad date", withProps({ x: { t: "DT", v: "yesterday" } })],
      ["bad base64", withProps({ x: { t: "BIN", v: "***" } })],
      ["a binary over 64 KiB", withProps({ x: { t: "BIN", v: Buffer.alloc(70_000).toString("base64") } })],
      ["a string over the property limit", withProps({ x: { t: "S", v: "x".repeat(40_000) } })],
      ["300 properties", withProps(Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`p${i}`, { t: "N", v: i }])))],
      ["an entity over 1 MiB", withProps(Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`s${i}`, { t: "S", v: "y".repeat(30_000) }])))],
      ["the same entity twice", sealed([first, first])],
      ["an extra field", JSON.stringify({ ...backup, admin: true })],
      ["invalid UTF-8", Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d])],
      ["a damaged gzip file", Buffer.concat([gzipSync(JSON.stringify(backup)).subarray(0, 200), Buffer.from("not deflate")])],
      ["a gzip file cut short", gzipSync(JSON.stringify(backup)).subarray(0, 100)],
      ["gzip of a file edited after writing", gzipSync(JSON.stringify({ ...backup, sha256: "0".repeat(64) }))],
      ["gzip of invalid UTF-8", gzipSync(Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]))],
    ];
    for (const [label, content] of cases) {
      const f = join(dir, "hostile.json");
      writeFileSync(f, content);
      const r = await runCli(["restore", f]);
      expect(r.code, label).toBe(2);
      expect(r.err, label).toMatch(/^Lỗi: .{10,}/);
      expect(r.err, label).not.toMatch(/\n\s+at |node_modules|\.ts:\d+/);
      expect(await allEntities(), label).toEqual([]);
    }
    const huge = join(dir, "huge.json");
    writeFileSync(huge, "");
    truncateSync(huge, 600 * 1024 * 1024);
    const r = await runCli(["restore", huge]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/quá lớn/);
    rmSync(huge);
    // A gzip bomb: about 1 MiB on disk, 1 GiB once inflated; refused at the format's limit, not inflated whole.
    const bomb = join(dir, "bomb.json.gz");
    writeGzipBomb(bomb, 1024);
    const b = await runCli(["restore", bomb]);
    expect(b.code).toBe(2);
    expect(b.err).toMatch(/giải nén\) quá lớn/);
    rmSync(bomb);
    expect((await runCli(["restore", join(dir, "missing.json")])).code).toBe(2);
    expect((await runCli(["restore"])).code).toBe(2);
    expect(await allEntities()).toEqual([]);
  }, 120_000);

  it("into an empty table gives back exactly the same answers from every read route", async () => {
    const r = await runCli(["restore", backupFile]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const host = await freshHost();
    try {
      const after = await answers(host.call);
      expect(after).toEqual(before);
      expect((after.replay as { replayed: string }).replayed).toBe("true");
      expect((after.replay as { json: unknown }).json).toEqual(replayAnswer);
    } finally {
      host.stop();
    }
    // And the stored entities themselves, with their storage types.
    const again = join(dir, "again.json");
    expect((await runCli(["backup", "--province", "TST", "-o", again])).code).toBe(0);
    expect(JSON.parse(readFileSync(again, "utf8")).entities).toEqual(backup.entities);
  }, 120_000);
});

/**
 * Writes a gzip member whose deflate stream inflates to `mib` MiB of zeros without ever holding
 * them: one compressed MiB of zeros repeated as non-final blocks (each flushed to a byte
 * boundary), then an empty final block and a trailer with the true length mod 2^32.
 */
function writeGzipBomb(path: string, mib: number): void {
  const zeros = Buffer.alloc(1024 * 1024);
  const block = deflateRawSync(zeros, { level: 9, finishFlush: zlibConstants.Z_FULL_FLUSH });
  const fd = openSync(path, "w");
  try {
    writeSync(fd, Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]));
    for (let i = 0; i < mib; i++) writeSync(fd, block);
    writeSync(fd, Buffer.from([0x03, 0x00]));
    const trailer = Buffer.alloc(8);
    trailer.writeUInt32LE(0, 0); // CRC-32 of the zeros is not worth computing: the limit trips first
    trailer.writeUInt32LE((mib * 1024 * 1024) >>> 0, 4);
    writeSync(fd, trailer);
  } finally {
    closeSync(fd);
  }
}
