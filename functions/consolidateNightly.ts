import { app } from "@azure/functions";
import { CONSOLIDATION_TIMER } from "../shared/contract/index.ts";
import { consolidate, retentionCutoff } from "./lib/consolidation.ts";
import { ready } from "./store/client.ts";
import { expireAnswers } from "./store/idempotency.ts";
import { listMeta } from "./store/periods.ts";
import { backupContainer, writeNightlyBackups } from "./lib/nightly-backup.ts";

/**
 * Nightly snapshots of every open period, with each province's data-quality scorecard; locked periods keep the snapshot taken when they
 * closed, but their idempotency records past retention are deleted too (consolidation does that
 * for open ones). Then, when HTCT_BACKUP_CONTAINER is set, each province's backup into that blob
 * container (the same file as `htct backup`, gzip).
 */
app.timer(CONSOLIDATION_TIMER.name, {
  schedule: CONSOLIDATION_TIMER.schedule,
  runOnStartup: false,
  useMonitor: true,
  handler: async (_timer, ctx) => {
    const t = await ready();
    const periods = await listMeta(t, null);
    for (const m of periods) {
      if (m.locked) {
        const n = await expireAnswers(t, m.province, m.period, retentionCutoff());
        if (n) ctx.log(`expired ${n} idempotency records of locked ${m.province} ${m.period}`);
        continue;
      }
      const r = await consolidate(t, { province: m.province, period: m.period, scorecards: true });
      ctx.log(`consolidated ${m.province} ${m.period}: ${r.provinces.map((p) => `${p.rowsWritten} rows, ${p.answersExpired ?? 0} expired answers`).join(", ")}`);
    }
    // After consolidation, so each backup holds the night's snapshots too.
    const container = backupContainer();
    if (container) {
      const b = await writeNightlyBackups(t, container, (l) => ctx.log(l));
      if (b.failed.length) throw new Error(`nightly backup failed for ${b.failed.join(", ")}`);
    }
  },
});
