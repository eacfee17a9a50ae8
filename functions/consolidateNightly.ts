import { app } from "@azure/functions";
import { CONSOLIDATION_TIMER } from "../shared/contract/index.ts";
import { consolidate } from "./lib/consolidation.ts";
import { ready } from "./store/client.ts";
import { listMeta } from "./store/periods.ts";

/** Nightly snapshots of every open period; locked periods keep the snapshot taken when they closed. */
app.timer(CONSOLIDATION_TIMER.name, {
  schedule: CONSOLIDATION_TIMER.schedule,
  runOnStartup: false,
  useMonitor: true,
  handler: async (_timer, ctx) => {
    const t = await ready();
    const open = (await listMeta(t, null)).filter((m) => !m.locked);
    for (const m of open) {
      const r = await consolidate(t, { province: m.province, period: m.period });
      ctx.log(`consolidated ${m.province} ${m.period}: ${r.provinces.map((p) => `${p.rowsWritten} rows`).join(", ")}`);
    }
  },
});
