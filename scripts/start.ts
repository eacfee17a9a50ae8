/**
 * `npm start`: the local stack. Services start in order and stop in reverse on Ctrl-C; another
 * one (the task pane's dev server) is one more entry in SERVICES, e.g.
 *   command("taskpane", "npx", ["tsx", "addin/dev-server.ts"], { waitForPort: 3000 })
 */
import { spawn } from "node:child_process";
import { connect } from "node:net";
import { resolve } from "node:path";
import { startAzurite } from "./azurite.ts";

export interface Service {
  name: string;
  start(): Promise<{ stop(): Promise<void> }>;
}

export interface CommandOptions {
  waitForPort?: number;
  env?: Record<string, string>;
  /** Restarts after an unexpected exit before the service is reported down (default 3). */
  restarts?: number;
  restartDelayMs?: number;
  log?: (line: string) => void;
}

/**
 * A child process as a service (inherits the terminal, stopped with SIGTERM). A child that exits
 * on its own is restarted (after a pause, a few times), then reported down in plain words, so a
 * dead task pane or proxy is never silent while the rest of the stack keeps running.
 */
export function command(name: string, cmd: string, args: string[], opts: CommandOptions = {}): Service {
  const log = opts.log ?? ((l: string) => console.error(l));
  const maxRestarts = opts.restarts ?? 3;
  const delay = opts.restartDelayMs ?? 1000;
  return {
    name,
    async start() {
      let stopping = false;
      let restarts = 0;
      let child = spawn(cmd, args, { stdio: "inherit", env: { ...process.env, ...opts.env } });
      const watch = (c: typeof child) => c.once("exit", (code, signal) => {
        if (stopping) return;
        const how = signal ? `signal ${signal}` : `code ${code}`;
        if (restarts >= maxRestarts) { log(`✖ ${name} is down: it exited (${how}) after ${restarts} restarts; stop with Ctrl-C and see its output above.`); return; }
        restarts++;
        log(`✖ ${name} exited (${how}); restarting (${restarts}/${maxRestarts})`);
        setTimeout(() => { if (!stopping) { child = spawn(cmd, args, { stdio: "inherit", env: { ...process.env, ...opts.env } }); watch(child); } }, delay * restarts);
      });
      if (opts.waitForPort) {
        const port = opts.waitForPort;
        for (let i = 0; i < 600; i++) {
          if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}`);
          const up = await new Promise<boolean>((ok) => { const c = connect(port, "127.0.0.1"); c.once("connect", () => { c.destroy(); ok(true); }); c.once("error", () => ok(false)); });
          if (up) break;
          await new Promise((r) => setTimeout(r, 100));
        }
      }
      watch(child);
      return {
        stop: () => new Promise<void>((ok) => {
          stopping = true;
          if (child.exitCode !== null || child.signalCode !== null) return ok();
          child.once("exit", () => ok());
          child.kill("SIGTERM");
        }),
      };
    },
  };
}

const root = process.cwd();
const TABLE_PORT = Number(process.env.AZURITE_TABLE_PORT ?? 10002);
const FUNCTIONS_PORT = Number(process.env.FUNCTIONS_PORT ?? 7071);

export const SERVICES: Service[] = [
  {
    name: "azurite (table service, data in .azurite/)",
    async start() {
      const az = await startAzurite({ port: TABLE_PORT, location: resolve(root, ".azurite"), root });
      // Settings the functions host reads; the example settings point at this port already.
      process.env.HTCT_TABLES_CONNECTION ??= az.connectionString;
      return { stop: az.stop };
    },
  },
  {
    name: `functions host on http://127.0.0.1:${FUNCTIONS_PORT}/api`,
    async start() {
      const { ensureDevKeys } = await import("../functions/lib/devkeys.ts");
      const { startHost } = await import("../functions/host/server.ts");
      const host = await startHost({ root, port: FUNCTIONS_PORT });
      await ensureDevKeys(resolve(root, process.env.AUTH_DEV_KEY_DIR ?? ".dev-keys"));
      for (const r of host.registrations) console.log(`    ${r.name.padEnd(20)} ${r.route !== null ? `${r.methods.join(",").padEnd(5)} /${r.route}` : `${r.trigger} ${r.schedule}`}`);
      return { stop: host.close };
    },
  },
  {
    name: "demo data (registry, targets, assignments, 2015 submissions) and the 34 real provinces' registries",
    async start() {
      const { seedReference, seedSubmissions } = await import("./seed.ts");
      await seedReference();
      await seedSubmissions(`http://127.0.0.1:${FUNCTIONS_PORT}`, resolve(root, process.env.AUTH_DEV_KEY_DIR ?? ".dev-keys"), (l) => console.log(`  ${l}`));
      const { seedProvincialDemo } = await import("./seed-provincial.ts");
      await seedProvincialDemo(`http://127.0.0.1:${FUNCTIONS_PORT}`, resolve(root, process.env.AUTH_DEV_KEY_DIR ?? ".dev-keys"), (l) => console.log(`  ${l}`));
      console.log("    tokens: npm run -s token -- --user clerk-BTH-HTN | province-BTH | job-consolidation");
      return { stop: async () => undefined };
    },
  },
  // The task pane and /preview.html on 3000 (HTTPS with office-addin-dev-certs or a self-signed
  // certificate; ADDIN_HTTP=1 for plain HTTP), proxying /api to the functions host above.
  command(`task pane on https://localhost:${process.env.ADDIN_PORT ?? 3000}`, process.execPath, ["--import", "tsx", "addin/dev-server.ts", "--watch", "--functions", `http://127.0.0.1:${FUNCTIONS_PORT}`], { waitForPort: Number(process.env.ADDIN_PORT ?? 3000) }),
];

async function main(services: Service[]): Promise<void> {
  const running: { name: string; stop(): Promise<void> }[] = [];
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    for (const s of running.reverse()) await s.stop().catch((e: unknown) => console.error(`stopping ${s.name}: ${String(e)}`));
    process.exit(code);
  };
  process.on("SIGINT", () => void stopAll(0));
  process.on("SIGTERM", () => void stopAll(0));
  for (const s of services) {
    console.log(`▶ ${s.name}`);
    try {
      const h = await s.start();
      running.push({ name: s.name, stop: h.stop });
    } catch (e) {
      console.error(`✖ ${s.name}: ${e instanceof Error ? e.message : String(e)}`);
      await stopAll(1);
      return;
    }
  }
  console.log("Ready. Ctrl-C stops everything.");
}

if (import.meta.url === `file://${process.argv[1]}`) await main(SERVICES);
