import type { parseArgs } from "node:util";

/** Every option htct takes; each command reads the ones it needs. */
export const OPTIONS = {
  sheet: { type: "string" },
  mapping: { type: "string" },
  registry: { type: "string" },
  json: { type: "boolean" },
  lang: { type: "string" },
  output: { type: "string", short: "o" },
  clear: { type: "boolean" },
  unit: { type: "string" },
  server: { type: "string" },
  "token-file": { type: "string" },
  // Older scripts' name for --unit: an alias at the edge, never a second meaning.
  district: { type: "string" },
  province: { type: "string" },
  period: { type: "string" },
  base: { type: "string" },
  mode: { type: "string" },
  template: { type: "string" },
  comment: { type: "string" },
  all: { type: "boolean" },
  level: { type: "string" },
  levels: { type: "string" },
  format: { type: "string" },
  "include-aggregates": { type: "boolean" },
  "approved-only": { type: "boolean" },
  form: { type: "string" },
  accept: { type: "string" },
  reject: { type: "string" },
  "accept-unsigned": { type: "string" },
  user: { type: "string" },
  role: { type: "string" },
  name: { type: "string" },
  email: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

export type Options = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true; strict: true }>>["values"];
