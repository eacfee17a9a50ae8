import { execFileSync, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runCli, seedWorkbook } from "./run-cli.ts";

/**
 * The compiled CLI (scripts/build-cli.mjs, made at npm ci) says and does what the sources do:
 * help, a validation with its exit code, a damaged file's message.
 */
const root = fileURLToPath(new URL("../../", import.meta.url));
const bin = fileURLToPath(new URL("../../cli/bin.mjs", import.meta.url));

describe("the bundled htct", () => {
  it("builds, and answers as the sources do", async () => {
    execFileSync(process.execPath, ["scripts/build-cli.mjs"], { cwd: root, stdio: "pipe" });
    for (const args of [["--help"], ["validate", seedWorkbook("ham-tan-tong-sai.xlsx"), "--json"], ["validate", fileURLToPath(new URL("../../package.json", import.meta.url))]]) {
      const r = spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", env: { ...process.env, NODE_OPTIONS: "" } });
      const inProcess = await runCli(args);
      expect(r.status).toBe(inProcess.code);
      expect(r.stdout.trim()).toBe(inProcess.out.trim());
      expect(r.stderr.trim()).toBe(inProcess.err.trim());
    }
  }, 60_000);
});
