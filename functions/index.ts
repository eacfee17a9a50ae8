/** The function app's entry (package.json `main`): the settings check, then one import per function. */
import "./lib/startup.ts";
import "./submit.ts";
import "./history.ts";
import "./rollup.ts";
import "./periods.ts";
import "./lockPeriod.ts";
import "./unlockPeriod.ts";
import "./export.ts";
import "./scorecard.ts";
import "./consolidate.ts";
import "./consolidateNightly.ts";
import "./catalog.ts";
import "./orgunits.ts";
import "./mappings.ts";
import "./me.ts";
import "./health.ts";
import "./openapi.ts";
