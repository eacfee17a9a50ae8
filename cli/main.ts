import { parseArgs } from "node:util";
import type { Lang } from "../shared/index.ts";
import { COMMANDS, type Io } from "./commands.ts";
import { CliError } from "./errors.ts";
import { errorDocument, langOfArgv, wantsJson } from "./json-error.ts";
import { OPTIONS } from "./options.ts";

const names = (filter: (c: (typeof COMMANDS)[number]) => boolean) => [...new Set(COMMANDS.filter(filter).map((c) => c.name))];

const USAGE = `htct — kiểm tra báo cáo chỉ tiêu hệ thống chính trị cơ sở (HTCT indicators)

Cách dùng / usage:
${COMMANDS.flatMap((c) => c.usage).map((l) => `  ${l}`).join("\n")}

Đăng nhập cho ${names((c) => !!c.signsIn).join(", ")} / sign-in: --token-file TỆP, hoặc biến môi trường HTCT_TOKEN.

Mã thoát / exit codes: 0 không có lỗi · 1 có lỗi dữ liệu · 2 không đọc được tệp hoặc sai tham số.`;

const stdio: Io = { out: (s) => process.stdout.write(`${s}\n`), err: (s) => process.stderr.write(`${s}\n`) };

export async function main(argv: string[], io: Io = stdio): Promise<number> {
  let lang: Lang = "vi";
  try {
    let parsed;
    try {
      parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
    } catch (e) {
      throw new CliError(`Tham số không hợp lệ: ${(e as Error).message}`, `Invalid arguments: ${(e as Error).message}`);
    }
    const { values: o, positionals } = parsed;
    if (o.lang !== undefined && o.lang !== "vi" && o.lang !== "en") throw new CliError(`--lang chỉ nhận "vi" hoặc "en".`, `--lang takes "vi" or "en".`);
    lang = (o.lang as Lang | undefined) ?? "vi";
    const [command, ...files] = positionals;
    if (o.help || !command) { io.out(USAGE); return command || o.help ? 0 : 2; }
    for (const v of [o.sheet, o.mapping, o.registry, o.output, o.unit, o.server, o["token-file"], o.district, o.province, o.period, o.base, o.mode, o.template, o.format, o.form]) {
      // --unit takes a list of up to 500 codes; everything else is one short value.
      if (v !== undefined && (v.length === 0 || v.length > (v === o.unit ? 21_000 : 1000) || /[\u0000-\u001f]/.test(v))) throw new CliError("Giá trị tham số không hợp lệ.", "An argument value is not valid.");
    }
    if (o.unit !== undefined && o.district !== undefined && o.unit !== o.district) {
      throw new CliError("--district là tên cũ của --unit; chỉ ghi một trong hai, hoặc ghi cùng một mã.", "--district is the old name of --unit; give one of them, or the same code in both.");
    }
    const reportingUnit = o.unit ?? o.district;
    const period = o.period === undefined ? undefined : await checkedPeriod(o.period);
    const entry = COMMANDS.find((c) => c.name === command);
    if (!entry) {
      const all = names(() => true);
      throw new CliError(`Lệnh không hợp lệ "${command}". Dùng ${all.slice(0, -1).join(", ")} hoặc ${all.at(-1)}.`, `Unknown command "${command}". Use ${all.slice(0, -1).join(", ")} or ${all.at(-1)}.`);
    }
    if (entry.noFile && files.length) {
      throw entry.noFile === "output"
        ? new CliError(`"${command}" không nhận tệp vào (dùng -o).`, `"${command}" takes no input file (use -o).`)
        : new CliError(`"${command}" không nhận tệp vào.`, `"${command}" takes no input file.`);
    }
    const signIn = async () => (await import("./api-client.ts")).parseServer(o.server, await readToken(o["token-file"]));
    return await entry.run({ o, files, lang, io, period, reportingUnit, command, signIn });
  } catch (e) {
    const fail = (code: string, vi: string, en: string): number => {
      const l = langOfArgv(argv, lang);
      io.err(l === "vi" ? `Lỗi: ${vi}` : `Error: ${en}`);
      if (wantsJson(argv)) io.out(JSON.stringify(errorDocument(code, l === "vi" ? vi : en), null, 2));
      return 2;
    };
    if (e instanceof CliError) return fail(e.code, e.vi, e.en);
    const code = (e as NodeJS.ErrnoException)?.code;
    if (code === "EACCES" || code === "ENOENT" || code === "EISDIR" || code === "EROFS") {
      return fail("write-failed", `không ghi được tệp (${code}).`, `cannot write the file (${code}).`);
    }
    const msg = String((e as Error)?.message ?? e);
    io.err(langOfArgv(argv, lang) === "vi" ? `Lỗi không mong đợi: ${msg}` : `Unexpected error: ${msg}`);
    if (wantsJson(argv)) io.out(JSON.stringify(errorDocument("unexpected", msg), null, 2));
    return 2;
  }
}

/** The token from a file (kept out of the process list) or HTCT_TOKEN. */
async function readToken(file: string | undefined): Promise<string | undefined> {
  if (!file) return process.env.HTCT_TOKEN?.trim() || undefined;
  try {
    const text = await (await import("node:fs/promises")).readFile(file, "utf8");
    if (text.length > 16384) throw new Error("too large");
    return text.trim();
  } catch {
    throw new CliError(`Không đọc được tệp mã đăng nhập "${file}".`, `Cannot read the token file "${file}".`);
  }
}

/** The schema is loaded here, not at start: `htct --help` builds no zod schema. */
async function checkedPeriod(raw: string): Promise<string> {
  const { Period } = await import("../shared/contract/codes.ts");
  const p = Period.safeParse(raw);
  if (!p.success) throw new CliError("Sai --period (ví dụ 2024, 2024-06, 2024-Q2, 2024-H1).", "Invalid --period (e.g. 2024, 2024-06, 2024-Q2, 2024-H1).");
  return p.data;
}

