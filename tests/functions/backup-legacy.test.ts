import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BackupEntity, BackupFile } from "../../shared/contract/index.ts";
import { runCli } from "../cli/run-cli.ts";
import { idem, startStack, submission, type Stack } from "./stack.ts";

/**
 * Issue 17: backups made before signing are refused by a plain restore; the operator's path is
 * `htct backup verify-legacy FILE` (every check but the signature, nothing written) and then
 * `htct restore FILE --accept-unsigned <sha256>`, which restores only the file with exactly that
 * checksum and records who did it in the province's reference partition.
 */
let s: Stack;
const dir = mkdtempSync(join(tmpdir(), "htct-legacy-"));
let signed: BackupFile;
/** A backup as written before signing: the same version-1 document, with no signature. */
let legacy: Omit<BackupFile, "signature">;

beforeAll(async () => {
  s = await startStack();
  for (const d of ["TST-D01", "TST-D02"]) expect((await s.call("POST", "/api/submissions", { user: `clerk-${d}`, body: submission(d), headers: idem(d) })).status).toBe(200);
  const out = join(dir, "tst.json");
  expect((await runCli(["backup", "--province", "TST", "-o", out])).code).toBe(0);
  signed = JSON.parse(readFileSync(out, "utf8")) as BackupFile;
  const { signature: _drop, ...rest } = signed;
  legacy = rest;
  await s.table.deleteTable();
  await s.table.createTable();
}, 120_000);
afterAll(async () => { await s?.close(); rmSync(dir, { recursive: true, force: true }); });

async function entities(): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for await (const e of s.table.listEntities()) out.push(e);
  return out;
}
const sha = (entities: unknown) => createHash("sha256").update(JSON.stringify(entities)).digest("hex");
const write = (name: string, body: string) => { const f = join(dir, name); writeFileSync(f, body); return f; };
const assignment = (user: string, role: string, unit: string): BackupEntity => ({ pk: "ASSIGN", rk: user, props: { role: { t: "S", v: role }, unit: { t: "S", v: unit }, name: { t: "S", v: user } } });

describe("a backup made before signing", () => {
  it("is refused by a plain restore, with the way to restore it in the message", async () => {
    const r = await runCli(["restore", write("legacy.json", JSON.stringify(legacy))]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^Lỗi: Tệp sao lưu không có chữ ký/);
    expect(r.err).toMatch(/htct backup verify-legacy/);
    expect((await runCli(["restore", write("legacy.json", JSON.stringify(legacy)), "--lang", "en"])).err).toMatch(/--accept-unsigned <sha256>/);
    expect(await entities()).toEqual([]);
  });

  it("verify-legacy checks everything but the signature, prints the checksum to accept, and writes nothing", async () => {
    const f = write("legacy.json", JSON.stringify(legacy));
    const r = await runCli(["backup", "verify-legacy", f]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain(`sha256: ${sha(legacy.entities)}`);
    expect(r.out).toContain(`htct restore ${f} --accept-unsigned ${legacy.sha256}`);
    expect(r.out).toMatch(/tỉnh TST/);
    expect(await entities()).toEqual([]);
  });

  it("refuses hostile files and wrong acceptances, writing nothing", async () => {
    const ents = legacy.entities;
    const i = ents.findIndex((e) => e.pk === "P|TST|2015" && e.rk.startsWith("D|") && e.props.version);
    const changed = ents.map((e, j) => (j === i ? { ...e, props: { ...e.props, version: { t: "N" as const, v: 99 } } } : e));
    const foreign = [...ents, assignment("mallory", "province", "LCU")];
    const foreignRow = [...ents, { pk: "P|BTH|2015", rk: "META", props: { locked: { t: "B" as const, v: true } } }];
    const text = JSON.stringify(legacy);
    const cases: [string, string, string[], RegExp][] = [
      ["values changed, sha256 kept", JSON.stringify({ ...legacy, entities: changed }), ["--accept-unsigned", legacy.sha256], /sha256\) không khớp/],
      ["values changed, sha256 recomputed, the old sha256 accepted", JSON.stringify({ ...legacy, entities: changed, sha256: sha(changed) }), ["--accept-unsigned", legacy.sha256], /không phải mã của tệp này/],
      ["another province's staff, sha256 recomputed and accepted", JSON.stringify({ ...legacy, entities: foreign, sha256: sha(foreign) }), ["--accept-unsigned", sha(foreign)], /Phân công "mallory"/],
      ["a foreign period row, sha256 recomputed and accepted", JSON.stringify({ ...legacy, entities: foreignRow, sha256: sha(foreignRow) }), ["--accept-unsigned", sha(foreignRow)], /ngoài tỉnh TST/],
      ["truncated", text.slice(0, Math.floor(text.length / 2)), ["--accept-unsigned", legacy.sha256], /JSON/],
      ["a signed file never takes --accept-unsigned", JSON.stringify(signed), ["--accept-unsigned", signed.sha256], /có chữ ký: khôi phục như bình thường/],
      ["a signed file altered and stripped of its signature, the original sha256 accepted", JSON.stringify({ ...legacy, entities: changed, sha256: sha(changed) }), ["--accept-unsigned", signed.sha256], /không phải mã của tệp này/],
    ];
    for (const [name, body, flags, why] of cases) {
      const f = write("hostile.json", body);
      const r = await runCli(["restore", f, ...flags]);
      expect(r.code, name).toBe(2);
      expect(r.err, name).toMatch(why);
      expect(r.err, name).not.toMatch(/\n\s+at /);
      expect(await entities(), name).toEqual([]);
      if (name.startsWith("a signed")) continue;
      // verify-legacy refuses the same files, apart from the acceptance it does not take.
      if (!/không phải mã/.test(String(why))) expect((await runCli(["backup", "verify-legacy", f])).code, name).toBe(2);
    }
    const f = write("legacy.json", text);
    for (const bad of ["yes", "", "g".repeat(64), legacy.sha256.slice(1), `${legacy.sha256}0`, "inspect"]) {
      const r = await runCli(["restore", f, "--accept-unsigned", bad]);
      expect(r.code, bad).toBe(2);
      expect(r.err, bad).toMatch(/--accept-unsigned/);
      expect(await entities(), bad).toEqual([]);
    }
    expect((await runCli(["backup", "verify-legacy"])).code).toBe(2);
    expect((await runCli(["backup", "verify-legacy", f, f])).code).toBe(2);
    expect((await runCli(["backup", "verify-legacy", join(dir, "missing.json")])).code).toBe(2);
  });

  it("restores with --accept-unsigned and its exact sha256, recording who, when and which file", async () => {
    const f = write("legacy.json", JSON.stringify(legacy));
    const r = await runCli(["restore", f, "--accept-unsigned", legacy.sha256.toUpperCase()]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/Tệp không có chữ ký, khôi phục theo xác nhận của .+@.+ \(sha256 [0-9a-f]{64}\); đã ghi nhật ký RESTORE\|/);
    const rows = await entities();
    const records = rows.filter((e) => e.partitionKey === "REF|TST" && String(e.rowKey).startsWith("RESTORE|"));
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ kind: "restore-unsigned", sha256: legacy.sha256, fileCreatedAt: legacy.createdAt, entities: legacy.entities.length, by: expect.stringMatching(/.+@.+/) });
    expect(rows).toHaveLength(legacy.entities.length + 1);
    // The data reads back as it was backed up.
    const rollup = await s.call("GET", "/api/rollups/TST/2015", { user: "province-TST" });
    expect(rollup.status).toBe(200);
    expect(rollup.json.completeness.unitsReported).toBe(2);
    // And a second restore of the same file is refused: it never overwrites.
    expect((await runCli(["restore", f, "--accept-unsigned", legacy.sha256])).code).toBe(1);
    expect(await entities()).toHaveLength(legacy.entities.length + 1);
  });
});
