import { fileURLToPath } from "node:url";
import { main } from "../../cli/main.ts";

/** Runs htct in-process, collecting what it prints and its exit code. */
export async function runCli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

/** A committed sample workbook's path. */
export const seedWorkbook = (name: string) => fileURLToPath(new URL(`../../seeds/workbooks/${name}`, import.meta.url));
