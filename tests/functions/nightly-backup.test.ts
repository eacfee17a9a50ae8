import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backupProvince, parseBackup } from "../../functions/store/backup.ts";
import { blobContainer } from "../../functions/store/blob.ts";
import { startAzuriteBlob, type AzuriteBlob } from "../../scripts/azurite.ts";
import { runCli } from "../cli/run-cli.ts";
import { ROOT, idem, startStack, submission, type Stack } from "./stack.ts";

let s: Stack;
let blob: AzuriteBlob;
const CONTAINER = "htct-backups";
const dir = mkdtempSync(join(tmpdir(), "htct-nightly-"));

beforeAll(async () => {
  blob = await startAzuriteBlob({ root: ROOT });
  process.env.HTCT_BACKUP_CONTAINER = CONTAINER;
  process.env.HTCT_BACKUP_BLOB_CONNECTION = blob.connectionString;
  s = await startStack();
}, 60_000);
afterAll(async () => {
  await s?.close();
  await blob?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("the nightly job's backup", () => {
  it("writes each province's backup into the blob container, restorable with htct restore", async () => {
    expect((await s.call("POST", "/api/submissions", { user: "clerk-TST-D01", body: submission("TST-D01"), headers: idem() })).status).toBe(200);
    await s.trigger("consolidateNightly");
    const container = blobContainer({ connectionString: blob.connectionString, container: CONTAINER });
    const names = await container.list();
    expect(names.some((n) => /^TST\/\d{4}-\d{2}-\d{2}T[\d-]+Z\.json\.gz$/.test(n))).toBe(true);
    expect(names.some((n) => n.startsWith("BTH/"))).toBe(true);
    const name = names.find((n) => n.startsWith("TST/"))!;
    const gz = await container.get(name);
    const file = parseBackup(gunzipSync(gz).toString("utf8"));
    expect(file.entities).toEqual((await backupProvince(s.table, "TST", null)).entities);
    expect(file.entities.some((e) => e.pk === "P|TST|2015" && e.rk.startsWith("H|"))).toBe(true);

    const before = await s.call("GET", "/api/rollups/TST/2015", { user: "province-TST" });
    const local = join(dir, "tst.json.gz");
    writeFileSync(local, gz);
    await s.table.deleteTable();
    await s.table.createTable();
    const damaged = join(dir, "damaged.json.gz");
    writeFileSync(damaged, gz.subarray(0, Math.floor(gz.length / 2)));
    const bad = await runCli(["restore", damaged]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/gzip/);
    const r = await runCli(["restore", local]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const { clearReferenceCache } = await import("../../functions/store/reference.ts");
    clearReferenceCache();
    const after = await s.call("GET", "/api/rollups/TST/2015", { user: "province-TST" });
    expect({ ...after.json, computedAt: null }).toEqual({ ...before.json, computedAt: null });
  }, 60_000);
  it("never replaces a blob", async () => {
    const container = blobContainer({ connectionString: blob.connectionString, container: CONTAINER });
    await container.put("probe/one.json.gz", Buffer.from("a"), "application/gzip");
    await expect(container.put("probe/one.json.gz", Buffer.from("b"), "application/gzip")).rejects.toThrow(/409/);
    expect((await container.get("probe/one.json.gz")).toString()).toBe("a");
  });
});
