import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../scripts/azurite.ts";
import { command } from "../../scripts/start.ts";
import { ROOT } from "../functions/stack.ts";

let server: ChildProcess;
let base = "";
const probe = join(ROOT, "dist", `addin-probe-${process.pid}`);

beforeAll(async () => {
  mkdirSync(probe, { recursive: true });
  writeFileSync(join(probe, "secret.txt"), "outside the served folder");
  const port = await freePort();
  const env = { ...process.env };
  delete env.AUTH_MODE;
  // No functions host behind it: the proxy's answers are not what these tests look at.
  server = spawn(process.execPath, ["--import", "tsx", "addin/dev-server.ts", "--http", "--port", String(port), "--functions", "http://127.0.0.1:9"], {
    cwd: ROOT, env, stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((ok, fail) => {
    server.stdout!.on("data", (d: Buffer) => { if (String(d).includes("task pane:")) ok(); });
    server.once("exit", (code) => fail(new Error(`dev server exited with ${code}`)));
  });
  base = `http://127.0.0.1:${port}`;
}, 120_000);

afterAll(() => {
  server?.kill("SIGTERM");
  rmSync(probe, { recursive: true, force: true });
});

describe("the task pane's dev server", () => {
  it("answers a malformed percent-encoding with 400 and keeps serving", async () => {
    for (const p of ["/%E0%A4%A", "/api/%E0%A4%A", "/seeds/workbooks/%", "/%ZZ"]) {
      const r = await fetch(`${base}${p}`);
      expect(r.status, p).toBe(400);
    }
    expect(server.exitCode).toBeNull();
    expect((await fetch(`${base}/preview.html`)).status).toBe(200);
  });
  it("serves nothing from a sibling folder whose name starts like the served one", async () => {
    const r = await fetch(`${base}/..%2F${encodeURIComponent(`addin-probe-${process.pid}`)}%2Fsecret.txt`);
    expect(r.status).toBe(404);
    expect(await r.text()).not.toContain("outside");
    expect((await fetch(`${base}/seeds/workbooks/..%2F..%2Fpackage.json`)).status).toBe(404);
  });
  it("signs no dev token unless AUTH_MODE is explicitly dev", async () => {
    const r = await fetch(`${base}/dev/token`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ user: "province-BTH" }) });
    expect(r.status).toBe(404);
  });
});

describe("npm start's services", () => {
  it("restart a service that dies, then report it dead", async () => {
    const lines: string[] = [];
    const svc = command("flaky", process.execPath, ["-e", "setTimeout(() => process.exit(3), 50)"], { restarts: 2, restartDelayMs: 20, log: (l) => lines.push(l) });
    const h = await svc.start();
    await expect.poll(() => lines.join("\n"), { timeout: 10_000 }).toMatch(/flaky.*(down|dead)/i);
    expect(lines.filter((l) => /restarting/i.test(l))).toHaveLength(2);
    expect(lines.join("\n")).toMatch(/3/);
    await h.stop();
  });
  it("stop ends a running service without restarting it", async () => {
    const lines: string[] = [];
    const svc = command("steady", process.execPath, ["-e", "setInterval(() => {}, 1000)"], { restarts: 2, restartDelayMs: 20, log: (l) => lines.push(l) });
    const h = await svc.start();
    await h.stop();
    await new Promise((r) => setTimeout(r, 200));
    expect(lines.filter((l) => /restart|down/i.test(l))).toEqual([]);
  });
});
