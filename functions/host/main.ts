/**
 * `npx tsx functions/host/main.ts [--port 7071]`: serves the function app like `func start`.
 */
import { parseArgs } from "node:util";
import { startHost } from "./server.ts";

const { values } = parseArgs({ options: { port: { type: "string" }, root: { type: "string" }, "no-timers": { type: "boolean" } } });
const host = await startHost({
  ...(values.port ? { port: Number(values.port) } : {}),
  ...(values.root ? { root: values.root } : {}),
  timers: !values["no-timers"],
}).catch((e: unknown) => {
  // A settings problem is the operator's to fix: its message, not a stack trace.
  console.error(`The functions host did not start: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
console.log(`Functions host on ${host.url} (settings: ${host.config.settingsFile ?? "none"})`);
for (const r of host.registrations) {
  console.log(r.route !== null ? `  ${r.name}: [${r.methods.join(",")}] ${host.url}/${r.route} (${r.authLevel})` : `  ${r.name}: ${r.trigger} ${r.schedule ?? ""} — POST ${host.url}/admin/functions/${r.name} to run now`);
}
const stop = () => { host.close().then(() => process.exit(0), () => process.exit(1)); };
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
