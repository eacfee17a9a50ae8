import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync } from "node:fs";
import { createServer, connect } from "node:net";
import { join, resolve } from "node:path";

/** Azurite's well-known development account (public, documented by Microsoft). */
export const DEV_ACCOUNT = "devstoreaccount1";
export const DEV_KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

export function connectionString(port: number): string {
  return `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT};AccountKey=${DEV_KEY};TableEndpoint=http://127.0.0.1:${port}/${DEV_ACCOUNT};`;
}

export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once("error", fail);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => ok(port));
    });
  });
}

async function waitForPort(port: number, child: ChildProcess, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`azurite exited with code ${child.exitCode}`);
    const open = await new Promise<boolean>((ok) => {
      const c = connect(port, "127.0.0.1");
      c.once("connect", () => { c.destroy(); ok(true); });
      c.once("error", () => ok(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`azurite did not listen on ${port} within ${timeoutMs} ms`);
}

export interface AzuriteOptions {
  port?: number;
  /** Data folder; omitted = in memory. */
  location?: string;
  root?: string;
  quiet?: boolean;
}

export interface Azurite {
  port: number;
  /** The child's process id (benchmarks read its CPU time from /proc). */
  readonly pid: number | undefined;
  connectionString: string;
  /** Abrupt stop (SIGKILL). Azurite saves its data every 5 s, so recent writes are lost. */
  kill(): Promise<void>;
  /** Graceful stop (SIGINT): Azurite saves its data first. */
  stop(): Promise<void>;
  /** Starts again on the same port and location. */
  restart(): Promise<void>;
}

/** Azurite's table service only, as a child process (npm package, no Docker). */
export async function startAzurite(opts: AzuriteOptions = {}): Promise<Azurite> {
  const root = resolve(opts.root ?? process.cwd());
  const port = opts.port ?? (await freePort());
  const bin = join(root, "node_modules", "azurite", "dist", "src", "table", "main.js");
  const args = [bin, "--tableHost", "127.0.0.1", "--tablePort", String(port), "--skipApiVersionCheck", "--disableTelemetry", "--loose"];
  if (opts.location) { mkdirSync(opts.location, { recursive: true }); args.push("--location", opts.location); }
  else args.push("--inMemoryPersistence");
  if (opts.quiet !== false) args.push("--silent");
  let child!: ChildProcess;
  const launch = async () => {
    child = spawn(process.execPath, args, { stdio: opts.quiet === false ? "inherit" : "ignore", cwd: opts.location ?? root });
    await waitForPort(port, child);
  };
  const end = (signal: NodeJS.Signals) => new Promise<void>((ok) => {
    if (child.exitCode !== null || child.signalCode !== null) return ok();
    child.once("exit", () => ok());
    child.kill(signal);
  });
  await launch();
  // A test worker or a stack that ends without stopping Azurite (a failed hook, Ctrl-C twice)
  // must not leave it running: kill the child when this process exits, whatever the reason.
  process.once("exit", () => { if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL"); });
  return { port, connectionString: connectionString(port), get pid() { return child.pid; }, kill: () => end("SIGKILL"), stop: () => end("SIGINT"), restart: launch };
}

export interface AzuriteBlob {
  port: number;
  /** Connection string with the blob endpoint (the development account). */
  connectionString: string;
  stop(): Promise<void>;
}

/** Azurite's blob service alone (in memory), for the nightly backup's container. */
export async function startAzuriteBlob(opts: { root?: string; port?: number } = {}): Promise<AzuriteBlob> {
  const root = resolve(opts.root ?? process.cwd());
  const port = opts.port ?? (await freePort());
  const bin = join(root, "node_modules", "azurite", "dist", "src", "blob", "main.js");
  const child = spawn(process.execPath, [bin, "--blobHost", "127.0.0.1", "--blobPort", String(port), "--skipApiVersionCheck", "--disableTelemetry", "--loose", "--inMemoryPersistence", "--silent"], { stdio: "ignore", cwd: root });
  await waitForPort(port, child);
  process.once("exit", () => { if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL"); });
  return {
    port,
    connectionString: `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT};AccountKey=${DEV_KEY};BlobEndpoint=http://127.0.0.1:${port}/${DEV_ACCOUNT};`,
    stop: () => new Promise<void>((ok) => { if (child.exitCode !== null || child.signalCode !== null) return ok(); child.once("exit", () => ok()); child.kill("SIGINT"); }),
  };
}
