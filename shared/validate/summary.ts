import type { Issue } from "../model.ts";

/** Issues counted by severity. */
export function summarize(issues: readonly Issue[]): { errors: number; warnings: number; infos: number } {
  let errors = 0, warnings = 0, infos = 0;
  for (const i of issues) { if (i.severity === "error") errors++; else if (i.severity === "warning") warnings++; else infos++; }
  return { errors, warnings, infos };
}
