/**
 * The local functions host in a process of its own, for benchmarks that charge the server's CPU
 * and nothing else (`startHostProcess` in bench/stack.ts forks this file). It answers its parent
 * over IPC: `cpu` → this process's CPU so far, `profile-start` / `profile-stop` → a CPU profile of
 * this process only, `close` → exit. `HTCT_BENCH_TREE` names the source tree whose host and app
 * are loaded (default: this one), so an old checkout can be measured by the same script;
 * `HTCT_BENCH_APP` an app folder built by `npm run build:functions` (the deployed bundle, not the
 * sources as tsx compiles them) to serve instead of the tree's app.
 */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { Session } from "node:inspector/promises";

type Message = { id: number; op: "cpu" | "profile-start" | "profile-stop" | "close" };
const tree = resolve(process.env.HTCT_BENCH_TREE ?? resolve(import.meta.dirname, ".."));
const { startHost } = (await import(pathToFileURL(resolve(tree, "functions/host/server.ts")).href)) as typeof import("../functions/host/server.ts");
const host = await startHost({ root: process.env.HTCT_BENCH_APP ? resolve(process.env.HTCT_BENCH_APP) : tree, port: 0, timers: false, settingsFile: resolve(tree, "local.settings.example.json"), log: () => undefined });
let session: Session | null = null;

process.on("message", (m: Message) => {
  const reply = (value: unknown) => process.send!({ id: m.id, value });
  if (m.op === "cpu") { const u = process.cpuUsage(); reply((u.user + u.system) / 1000); }
  else if (m.op === "profile-start") {
    void (async () => {
      const { Session } = await import("node:inspector/promises");
      session = new Session();
      session.connect();
      await session.post("Profiler.enable");
      await session.post("Profiler.setSamplingInterval", { interval: 100 });
      await session.post("Profiler.start");
      reply(null);
    })();
  } else if (m.op === "profile-stop") {
    void (async () => { const { profile } = await session!.post("Profiler.stop"); session!.disconnect(); reply(profile); })();
  } else if (m.op === "close") void host.close().then(() => { reply(null); process.exit(0); });
});
process.send!({ id: 0, value: host.url });
