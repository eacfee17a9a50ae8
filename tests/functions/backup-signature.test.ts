import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backupKey, hmac, keyIdOf, type BackupKey } from "../../functions/lib/backup-key.ts";
import { pack } from "../../functions/store/chunks.ts";
import { signedText, type BackupFile } from "../../shared/contract/index.ts";
import { runCli } from "../cli/run-cli.ts";
import { idem, startStack, submission, TST, type Stack } from "./stack.ts";

/**
 * Issue 17: restore trusts nothing it cannot verify. A backup is signed with a key it never
 * carries (here the dev key under AUTH_DEV_KEY_DIR, as the host finds it); tampered files are
 * refused with a message and nothing written, including files re-signed with the right key that
 * carry rows outside the province they declare (an insider's, or a bug's).
 */
let s: Stack;
const dir = mkdtempSync(join(tmpdir(), "htct-signed-"));
let file: BackupFile;

beforeAll(async () => {
  s = await startStack();
  for (const d of ["TST-D01", "TST-D02"]) expect((await s.call("POST", "/api/submissions", { user: `clerk-${d}`, body: submission(d), headers: idem(d) })).status).toBe(200);
  expect((await s.call("POST", "/api/submissions", { user: "clerk-BTH-HTN", body: submission("BTH-HTN"), headers: idem("bth") })).status).toBe(200);
}, 120_000);
afterAll(async () => { await s?.close(); rmSync(dir, { recursive: true, force: true }); });

async function count(): Promise<number> {
  let n = 0;
  for await (const _ of s.table.listEntities({ queryOptions: { select: ["PartitionKey"] } })) n++;
  return n;
}

const checksum = (entities: unknown) => createHash("sha256").update(JSON.stringify(entities)).digest("hex");
/** Re-hashed and re-signed: what someone holding `key` could write. */
function resign(f: BackupFile, key: BackupKey): BackupFile {
  const { signature: _s, ...rest } = f;
  const head = { ...rest, sha256: checksum(f.entities) };
  return { ...head, signature: { alg: "HMAC-SHA256", keyId: key.id, value: hmac(key, signedText(head)) } };
}
const otherKey = (): BackupKey => { const secret = randomBytes(32); return { id: keyIdOf(secret), secret }; };
const registryProps = (units: unknown[]) => Object.fromEntries(Object.entries(pack("u", units)).map(([k, v]) => [k, typeof v === "number" ? { t: "N" as const, v } : { t: "BIN" as const, v: Buffer.from(v).toString("base64") }]));
const assignment = (user: string, role: string, unit: string) => ({ pk: "ASSIGN", rk: user, props: { role: { t: "S" as const, v: role }, unit: { t: "S" as const, v: unit }, name: { t: "S" as const, v: user } } });

describe("a signed backup", () => {
  it("carries an HMAC signature beside its sha256, the key found as the host finds it, and LDG's holds only LDG's assignments", async () => {
    const out = join(dir, "tst.json");
    const r = await runCli(["backup", "--province", "TST", "-o", out]);
    expect(r.code, r.err).toBe(0);
    file = JSON.parse(readFileSync(out, "utf8")) as BackupFile;
    expect(file.signature).toEqual({ alg: "HMAC-SHA256", keyId: backupKey().id, value: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(JSON.stringify(file)).not.toContain(backupKey().secret.toString("base64"));
    const ldg = join(dir, "ldg.json");
    expect((await runCli(["backup", "--province", "LDG", "-o", ldg])).code).toBe(0);
    const rows = (JSON.parse(readFileSync(ldg, "utf8")) as BackupFile).entities.filter((e) => e.pk === "ASSIGN");
    expect(rows.length).toBeGreaterThan(1);
    expect(rows.filter((e) => !(e.props.unit?.v as string).startsWith("LDG"))).toEqual([]);
  });

  it("refuses every tampered file with a message and writes nothing", async () => {
    const key = backupKey();
    await s.table.deleteTable();
    await s.table.createTable();
    const ents = file.entities;
    const unitRow = ents.findIndex((e) => e.pk === "P|TST|2015" && e.rk.startsWith("D|") && e.props.version);
    const changed = ents.map((e, i) => (i === unitRow ? { ...e, props: { ...e.props, version: { t: "N" as const, v: 99 } } } : e));
    const registry = ents.findIndex((e) => e.pk === "REF|TST" && e.rk === "orgunits");
    const lcuUnder = ents.map((e, i) => (i === registry ? { ...e, props: registryProps([...TST, { code: "LCU", name: "LCU", level: "district", type: "huyen", parent: "TST", sample: true, aliases: [] }]) } : e));
    const text = JSON.stringify(file);
    const cases: [string, string, RegExp][] = [
      ["values changed, sha256 recomputed", JSON.stringify({ ...file, entities: changed, sha256: checksum(changed) }), /chữ ký|signature/i],
      ["values changed, re-signed with another key", JSON.stringify(resign({ ...file, entities: changed }, otherKey())), /khóa khác|another key/],
      ["a signature from another key, nothing else changed", JSON.stringify(resign(file, otherKey())), /khóa khác|another key/],
      ["no signature", JSON.stringify({ ...file, signature: undefined }), /không có chữ ký|not signed/],
      ["one digit of the signature changed", JSON.stringify({ ...file, signature: { ...file.signature!, value: (file.signature!.value[0] === "0" ? "1" : "0") + file.signature!.value.slice(1) } }), /chữ ký|signature/i],
      ["truncated", text.slice(0, Math.floor(text.length / 2)), /JSON/],
      ["the declared province changed", JSON.stringify({ ...file, province: "BTH" }), /chữ ký|signature|ngoài tỉnh/i],
      ["the counts changed", JSON.stringify({ ...file, counts: { ...file.counts, period: 1 } }), /chữ ký|signature/i],
      ["a foreign period row, re-signed with the right key", JSON.stringify(resign({ ...file, entities: [...ents, { pk: "P|BTH|2015", rk: "META", props: { locked: { t: "B", v: true } } }] }, key)), /ngoài tỉnh TST/],
      ["another province's clerk, re-signed with the right key", JSON.stringify(resign({ ...file, entities: [...ents, assignment("clerk-x", "clerk", "BTH-HTN")] }, key)), /Phân công "clerk-x"/],
      ["another province's staff, re-signed with the right key", JSON.stringify(resign({ ...file, entities: [...ents, assignment("mallory", "province", "LCU")] }, key)), /Phân công "mallory"/],
      ["a registry listing LCU under TST and mallory as its clerk, re-signed with the right key", JSON.stringify(resign({ ...file, entities: [...lcuUnder, assignment("mallory", "clerk", "LCU")] }, key)), /Phân công "mallory"/],
    ];
    for (const [name, body, why] of cases) {
      const f = join(dir, "tampered.json");
      writeFileSync(f, body);
      const r = await runCli(["restore", f]);
      expect(r.code, name).toBe(2);
      expect(r.err, name).toMatch(/^Lỗi: /);
      expect(r.err, name).toMatch(why);
      expect(r.err, name).not.toMatch(/\n\s+at /);
      expect(await count(), name).toBe(0);
    }
    // The plain file still restores, with no flag.
    const ok = join(dir, "plain.json");
    writeFileSync(ok, text);
    const r = await runCli(["restore", ok]);
    expect(r.code, r.err).toBe(0);
    expect(await count()).toBe(ents.length);
  }, 120_000);
});
