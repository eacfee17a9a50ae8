import type { TableClient } from "@azure/data-tables";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { startAzurite } from "../scripts/azurite.ts";

export const ROOT = resolve(import.meta.dirname, "..");

/**
 * Azurite (in memory) and the local functions host in this process with dev tokens, as every
 * HTTP benchmark runs them, so that they all measure the same stack. The host's modules are
 * imported only after the settings they read at load time are in the environment.
 */
export async function startBenchStack(tempPrefix: string): Promise<{ dir: string; az: Awaited<ReturnType<typeof startAzurite>>; host: Awaited<ReturnType<typeof import("../functions/host/server.ts").startHost>>; table: TableClient }>;
/** With `{ host: false }`, no host in this process (the caller starts one with startHostProcess). */
export async function startBenchStack(tempPrefix: string, opts: { host: false }): Promise<{ dir: string; az: Awaited<ReturnType<typeof startAzurite>>; host: null; table: TableClient }>;
export async function startBenchStack(tempPrefix: string, opts: { host?: boolean } = {}) {
  const dir = mkdtempSync(join(tmpdir(), tempPrefix));
  const az = await startAzurite({ root: ROOT });
  process.env.HTCT_TABLES_CONNECTION = az.connectionString;
  process.env.AUTH_MODE = "dev";
  process.env.AUTH_DEV_KEY_DIR = join(dir, "keys");
  const { startHost } = await import("../functions/host/server.ts");
  const host = opts.host === false ? null : await startHost({ root: ROOT, port: 0, timers: false, settingsFile: join(ROOT, "local.settings.example.json"), log: () => undefined });
  const { table } = await import("../functions/store/client.ts");
  const t: TableClient = table();
  await t.createTable();
  return { dir, az, host, table: t };
}

/** A host started by `startHostProcess`: its URL, its process's CPU, a CPU profile of it alone. */
export interface HostProcess {
  url: string;
  pid: number;
  cpuMs(): Promise<number>;
  profileStart(): Promise<void>;
  profileStop(): Promise<unknown>;
  close(): Promise<void>;
}

/**
 * The functions host in a child process (bench/host-process.ts) with this process's environment
 * (set by startBenchStack), so a benchmark can charge the host's CPU apart from its HTTP client's.
 * `tree` loads another checkout's host and app (for old-vs-new runs in one window); `app`, a
 * built app folder (dist/functions) served by that host instead of the tree's sources.
 */
export async function startHostProcess(tree: string = ROOT, app?: string): Promise<HostProcess> {
  const { fork } = await import("node:child_process");
  const child = fork(join(ROOT, "bench/host-process.ts"), [], { execArgv: ["--import", "tsx"], env: { ...process.env, HTCT_BENCH_TREE: tree, ...(app ? { HTCT_BENCH_APP: app } : {}) }, stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const waiting = new Map<number, (v: unknown) => void>();
  let nextId = 1;
  const started = new Promise<string>((ok, fail) => {
    waiting.set(0, (v) => ok(v as string));
    child.once("exit", (code) => fail(new Error(`the host process exited with code ${code}`)));
  });
  child.on("message", (m: { id: number; value: unknown }) => { const f = waiting.get(m.id); waiting.delete(m.id); f?.(m.value); });
  const ask = <T>(op: string) => new Promise<T>((ok) => { const id = nextId++; waiting.set(id, (v) => ok(v as T)); child.send({ id, op }); });
  const url = await started;
  return {
    url, pid: child.pid!,
    cpuMs: () => ask<number>("cpu"),
    profileStart: () => ask<void>("profile-start"),
    profileStop: () => ask<unknown>("profile-stop"),
    async close() { const exited = new Promise((ok) => child.once("exit", ok)); await ask("close"); await exited; },
  };
}
