/**
 * The commands of htct, one entry each: its usage lines, whether it takes input files, whether it
 * signs in, and its handler. main.ts dispatches and prints the usage from this table.
 */
import { SHEET_KIND_LABELS } from "../shared/workbook/kind-labels.ts";
import type { Server } from "./api-client.ts";
import type { ApprovalCommand } from "./approve.ts";
import type { Issue, Lang } from "../shared/index.ts";
import type { CheckResult } from "./check.ts";
import { CliError } from "./errors.ts";
import type { UsersResult } from "./users.ts";

/*
 * Each handler imports what it runs when it runs: `htct --help` and a mistyped command load this
 * table and nothing else (no zod schemas, no reader, no rules), and a command loads only its own
 * code. The bundle (scripts/build-cli.mjs) splits at these imports.
 */
import type { Options } from "./options.ts";

export interface Io { out: (s: string) => void; err: (s: string) => void }

/** What every handler gets: the options checked once in main, and sign-in on demand (token file or HTCT_TOKEN). */
export interface CommandContext {
  o: Options;
  files: string[];
  lang: Lang;
  io: Io;
  /** --period, checked, when given. */
  period: string | undefined;
  /** --unit, or its old name --district. */
  reportingUnit: string | undefined;
  command: string;
  signIn: () => Promise<Server>;
}

export interface Command {
  name: string;
  /** Its lines in the usage text (none for the aliases of a command listed once). */
  usage: readonly string[];
  /** Refuses input files: "output" says to use -o instead. */
  noFile?: "plain" | "output";
  /** Talks to the server, so needs the token (listed in the usage's sign-in line). */
  signsIn?: boolean;
  run(ctx: CommandContext): Promise<number>;
}

/** approve, return and reopen differ only in the step asked of the server. */
const approval = (step: ApprovalCommand): Command => ({
  name: step,
  usage: step !== "approve" ? [] : [
    `htct approve|return|reopen --server URL --province MÃ --period KỲ (--unit MÃ[,MÃ…] | --all) [--comment "…"] [--level N]`,
  ],
  noFile: "plain", signsIn: true,
  async run({ o, lang, io, signIn }) {
    const { province, period } = await provincePeriod(o.province, o.period);
    const { parseLevel, parseUnits, runApproval } = await import("./approve.ts");
    const units = parseUnits(o.unit, o.all);
    // Without --level each unit is acted at the level it waits at, when the user holds it (a reopening: the top level).
    const level = parseLevel(o.level);
    if (o.comment !== undefined && (o.comment.length > 2000 || /[\u0000-\u001f\u007f]/.test(o.comment))) throw new CliError("--comment tối đa 2000 ký tự, không có ký tự điều khiển.", "--comment takes at most 2000 characters, no control characters.");
    const server = await signIn();
    const r = await runApproval({ server, province, period, command: step, units, comment: o.comment, lang, ...(level !== undefined ? { level } : {}) });
    r.lines.forEach((l) => (r.code ? io.err(l) : io.out(l)));
    return r.code;
  },
});

/**
 * The commands that write one file of a province's period from the server (scorecard, status,
 * report): --province and --period checked, then -o <file.ext>, before `write` loads its code and
 * signs in; `write` answers the line to print.
 */
function provinceFile(name: string, usage: string, ext: "xlsx" | "docx", write: (ctx: CommandContext & { province: string; period: string; output: string }) => Promise<string>): Command {
  return {
    name, usage: [usage], noFile: "output", signsIn: true,
    async run(ctx) {
      const { province, period } = await provincePeriod(ctx.o.province, ctx.o.period);
      requireOutput(ctx.o.output, ext);
      ctx.io.out(await write({ ...ctx, province, period, output: ctx.o.output }));
      return 0;
    },
  };
}

/** The clerk's step before the province's: one unit, the version stored now. */
const complete: Command = {
  name: "complete",
  usage: [`htct complete --server URL --unit MÃ_ĐƠN_VỊ --period KỲ`],
  noFile: "plain", signsIn: true,
  async run({ o, lang, io, signIn }) {
    const [{ parseUnits }, { runComplete }] = await Promise.all([import("./approve.ts"), import("./complete.ts")]);
    const units = parseUnits(o.unit, false);
    if (units === "all" || units.length !== 1) throw new CliError("--unit nhận đúng một mã đơn vị.", "--unit takes exactly one unit code.");
    const period = await parsePeriod(o.period);
    const server = await signIn();
    const r = await runComplete({ server, unit: units[0]!, period, lang });
    r.lines.forEach((l) => (r.code ? io.err(l) : io.out(l)));
    return r.code;
  },
};

/**
 * The registry a command reads workbooks with: --registry FILE; else, with --server, the
 * province's registry on the server (kept with its ETag), as submit uses; else the shipped one.
 */
async function registryOf({ o, signIn }: CommandContext) {
  const [{ loadRegistry }, { provinceForRegistry, serverRegistry }, { provinceOption }] = await Promise.all([import("./context.ts"), import("./server-registry.ts"), import("./users.ts")]);
  if (o.registry || !o.server) return loadRegistry(o.registry);
  const server = await signIn();
  return serverRegistry(server, await provinceForRegistry(server, o.province === undefined ? undefined : provinceOption(o.province)));
}

export const COMMANDS: readonly Command[] = [
  {
    name: "validate",
    usage: [`htct validate <tệp.xlsx> [--sheet TÊN] [--mapping TỆP.json] [--registry TỆP.json | --server URL [--province MÃ]] [--period KỲ] [--json] [--lang vi|en]`],
    async run(ctx) {
      const { o, files, lang, io, period } = ctx;
      const file = one(files, "validate");
      const [{ openBook }, { checkWorkbook }, { loadMapping, loadTargets }, { countByCause }] = await Promise.all([import("./workbook-file.ts"), import("./check.ts"), import("./context.ts"), import("../shared/index.ts")]);
      // One pass over the sheets: the book keeps no grid once read.
      const wb = await openBook(file, { keepGrids: false });
      const result = checkWorkbook(wb, { sheet: o.sheet, mapping: await loadMapping(o.mapping), registry: await registryOf(ctx), targets: loadTargets(), lang, period });
      if (o.json) io.out(JSON.stringify(toJson(file, result, countByCause), null, 2));
      else printHuman(file, result, lang, io, countByCause);
      return result.summary.errors > 0 ? 1 : 0;
    },
  },
  {
    name: "annotate",
    usage: [
      `htct annotate <vào.xlsx> -o <ra.xlsx> [--sheet TÊN] [--mapping TỆP.json] [--registry TỆP.json | --server URL [--province MÃ]] [--lang vi|en]`,
      `htct annotate --clear <vào.xlsx> -o <ra.xlsx>`,
    ],
    async run(ctx) {
      const { o, files, lang, io, period } = ctx;
      const file = one(files, "annotate");
      if (!o.output) throw new CliError("Thiếu -o <tệp ra.xlsx>.", "Missing -o <out.xlsx>.");
      const [{ openWorkbook }, { annotateWorkbook, clearAnnotations }, { checkWorkbook }, { loadMapping, loadTargets }] = await Promise.all([import("./workbook-file.ts"), import("./annotate.ts"), import("./check.ts"), import("./context.ts")]);
      const wb = await openWorkbook(file);
      if (o.clear) {
        const had = clearAnnotations(wb);
        await wb.xlsx.writeFile(o.output);
        io.out(lang === "vi" ? (had ? `Đã xóa đánh dấu, khôi phục định dạng gốc → ${o.output}` : `Tệp không có đánh dấu nào; đã chép nguyên → ${o.output}`) : had ? `Annotations removed, original formatting restored → ${o.output}` : `No annotations found; copied as is → ${o.output}`);
        return 0;
      }
      const result = checkWorkbook(wb, { sheet: o.sheet, mapping: await loadMapping(o.mapping), registry: await registryOf(ctx), targets: loadTargets(), lang, period });
      const { marked, reportSheet } = annotateWorkbook(wb, result.issues, lang);
      await wb.xlsx.writeFile(o.output);
      const s = result.summary;
      io.out(lang === "vi"
        ? `Đã đánh dấu ${marked} ô; ${s.errors} lỗi, ${s.warnings} cảnh báo, ${s.infos} thông tin; xem trang "${reportSheet}" → ${o.output}`
        : `Marked ${marked} cells; ${s.errors} errors, ${s.warnings} warnings, ${s.infos} infos; see sheet "${reportSheet}" → ${o.output}`);
      return s.errors > 0 ? 1 : 0;
    },
  },
  {
    name: "template",
    usage: [`htct template -o <tệp.xlsx> [--unit MÃ_ĐƠN_VỊ] [--registry TỆP.json | --server URL [--province MÃ]] [--period KỲ]`],
    noFile: "output",
    async run(ctx) {
      const { o, lang, io, period, reportingUnit } = ctx;
      if (!o.output) throw new CliError("Thiếu -o <tệp.xlsx>.", "Missing -o <file.xlsx>.");
      const [{ descendantsOf, unitsValidIn }, { buildTemplate }] = await Promise.all([import("../shared/index.ts"), import("./template.ts")]);
      const registry = period ? unitsValidIn(await registryOf(ctx), period) : await registryOf(ctx);
      const code = reportingUnit ?? "BTH-HTN";
      const unit = registry.find((u) => u.code === code);
      if (!unit) throw new CliError(`Không có đơn vị mã "${code}" trong danh mục.`, `No unit with code "${code}" in the registry.`);
      const units = registry.filter((u) => u.parent === code);
      const rows = units.length ? units : descendantsOf(registry, code);
      const wb = buildTemplate(rows, `${unit.name} — kỳ báo cáo: ........`);
      await wb.xlsx.writeFile(o.output);
      io.out(lang === "vi" ? `Đã tạo mẫu báo cáo cho ${unit.name} (${rows.length} đơn vị) → ${o.output}` : `Template for ${unit.name} (${rows.length} units) written → ${o.output}`);
      return 0;
    },
  },
  {
    name: "registry",
    usage: [
      `htct registry import <tệp.xlsx> [-o <tệp.json>] [--sheet TÊN] [--json]`,
      `htct registry propose <tệp.xlsx> --server URL [--unit MÃ] [--sheet TÊN] [--period KỲ] [--json]`,
    ],
    async run({ o, files, lang, io, period, reportingUnit, signIn }) {
      const [verb, file, ...rest] = files;
      if (verb === "propose" && file && !rest.length) {
        const [{ proposeRegistry }, { openBook }, { loadMapping }] = await Promise.all([import("./registry-propose.ts"), import("./workbook-file.ts"), import("./context.ts")]);
        const server = await signIn();
        const r = await proposeRegistry(await openBook(file), { server, file, unit: reportingUnit, sheet: o.sheet, period, mapping: await loadMapping(o.mapping), lang });
        if (o.json) io.out(JSON.stringify(r.json, null, 2));
        else r.lines.forEach((l) => (r.code ? io.err(l) : io.out(l)));
        return r.code;
      }
      if (verb !== "import" || !file || rest.length) throw new CliError(`Dùng: htct registry import <tệp.xlsx> [-o <tệp.json>] [--sheet TÊN] [--json], hoặc htct registry propose <tệp.xlsx> --server URL [--unit MÃ].`, `Usage: htct registry import <file.xlsx> [-o <file.json>] [--sheet NAME] [--json], or htct registry propose <file.xlsx> --server URL [--unit CODE].`);
      const [{ importRegistry }, { openWorkbook }] = await Promise.all([import("./registry-import.ts"), import("./workbook-file.ts")]);
      const r = await importRegistry(await openWorkbook(file), { sheet: o.sheet, output: o.output, lang });
      if (o.json) io.out(JSON.stringify(r.code ? { ok: false, problems: r.problems } : { ok: true, units: r.units }, null, 2));
      else r.lines.forEach((l) => (r.code ? io.err(l) : io.out(l)));
      return r.code;
    },
  },
  {
    name: "submit",
    usage: [
      `htct submit <tệp.xlsx> --server URL --period KỲ [--unit MÃ_ĐƠN_VỊ_BÁO_CÁO] [--base PHIÊN_BẢN] [--mode merge|replace] [--sheet TÊN] [--json]`,
      `    (--district MÃ: tên cũ của --unit, vẫn dùng được)`,
    ],
    signsIn: true,
    async run(ctx) {
      const { o, files, lang, io, reportingUnit, signIn } = ctx;
      const file = one(files, "submit");
      const [{ openBook }, { submitWorkbook }, { loadMapping, loadTargets }] = await Promise.all([import("./workbook-file.ts"), import("./submit.ts"), import("./context.ts")]);
      const server = await signIn();
      const wb = await openBook(file);
      // Without --registry the server's registry of the province is the one (kept with its ETag).
      const registry = await registryOf(ctx);
      const r = await submitWorkbook(wb, {
        file, server, period: o.period, unit: reportingUnit, base: o.base, mode: o.mode, sheet: o.sheet,
        mapping: await loadMapping(o.mapping), registry, targets: loadTargets(), lang,
      });
      if (o.json) io.out(JSON.stringify(r.json, null, 2));
      else r.lines.forEach((l) => io.out(l));
      return r.code;
    },
  },
  {
    name: "mappings",
    usage: [`htct mappings --server URL --province MÃ [--form MÃ_BIỂU --mapping TỆP.json | --accept MÃ_ĐỀ_XUẤT | --reject MÃ_ĐỀ_XUẤT] [--json]`],
    noFile: "plain", signsIn: true,
    async run({ o, lang, io, signIn }) {
      const [{ mappingsCommand }, { loadMapping }] = await Promise.all([import("./mappings.ts"), import("./context.ts")]);
      const server = await signIn();
      const r = await mappingsCommand(server, { province: o.province, form: o.form, mapping: await loadMapping(o.mapping), accept: o.accept, reject: o.reject, lang });
      if (o.json) io.out(JSON.stringify(r.json, null, 2));
      else for (const line of r.lines) io.out(line);
      return r.code;
    },
  },
  {
    name: "users",
    usage: [
      `htct users list --server URL --province MÃ [--json]`,
      `htct users add --server URL --province MÃ --user MÃ_ĐĂNG_NHẬP --role clerk|province --unit MÃ [--name "…"] [--email ĐỊA_CHỈ] [--levels 1,2]`,
      `htct users revoke --server URL --province MÃ --user MÃ_ĐĂNG_NHẬP`,
      `htct users import <tệp.xlsx> --server URL --province MÃ [--sheet TÊN]`,
    ],
    signsIn: true,
    async run({ o, files, lang, io, signIn }) {
      const [sub, ...rest] = files;
      const want = sub === "import" ? 1 : 0;
      if (!sub || !["list", "add", "revoke", "import"].includes(sub)) throw new CliError("Dùng: htct users list|add|revoke|import …", "Use: htct users list|add|revoke|import …");
      if (rest.length !== want) throw new CliError(want ? "htct users import cần đúng một tệp .xlsx." : `htct users ${sub} không nhận tệp.`, want ? "htct users import takes exactly one .xlsx file." : `htct users ${sub} takes no file.`);
      const { addUser, importUsers, listUsers, provinceOption, revokeUser } = await import("./users.ts");
      const province = provinceOption(o.province);
      const wb = sub === "import" ? await (await import("./workbook-file.ts")).openWorkbook(rest[0]!) : null;
      const server = await signIn();
      const r: UsersResult =
        sub === "list" ? await listUsers(server, province, lang)
        : sub === "add" ? await addUser(server, province, { user: o.user, role: o.role, unit: o.unit, name: o.name, email: o.email, levels: o.levels }, lang)
        : sub === "revoke" ? await revokeUser(server, province, o.user, lang)
        : await importUsers(server, province, wb!, o.sheet, lang);
      if (o.json) io.out(JSON.stringify(r.json, null, 2));
      else r.lines.forEach((l) => (r.code ? io.err(l) : io.out(l)));
      return r.code;
    },
  },
  {
    name: "approval-levels",
    usage: [`htct approval-levels [<cấp-duyệt.json>] --server URL --province MÃ [--json]`],
    signsIn: true,
    async run({ o, files, lang, io, signIn }) {
      if (files.length > 1) throw new CliError("htct approval-levels nhận nhiều nhất một tệp .json.", "htct approval-levels takes at most one .json file.");
      const [{ runApprovalLevels }, { provinceOption }] = await Promise.all([import("./approval-levels.ts"), import("./users.ts")]);
      const province = provinceOption(o.province);
      const server = await signIn();
      const r = await runApprovalLevels({ server, province, lang, ...(files[0] ? { file: files[0] } : {}) });
      if (o.json) io.out(JSON.stringify(r.json, null, 2));
      else r.lines.forEach((l) => io.out(l));
      return r.code;
    },
  },
  {
    name: "rollup",
    usage: [`htct rollup --server URL --province MÃ --period KỲ [-o <tệp.xlsx>] [--json] [--approved-only]`],
    noFile: "output", signsIn: true,
    async run({ o, lang, io, signIn }) {
      const [{ Period, UnitCode }, { fetchRollup, fetchWithComparisonsInUnits }, { writeRollupWorkbook }] = await Promise.all([import("../shared/contract/codes.ts"), import("./api-client.ts"), import("./rollup.ts")]);
      const server = await signIn();
      const province = UnitCode.safeParse(o.province);
      if (!province.success) throw new CliError("Thiếu hoặc sai --province <mã tỉnh>.", "Missing or invalid --province <province code>.");
      const period = Period.safeParse(o.period);
      if (!period.success) throw new CliError("Thiếu hoặc sai --period (ví dụ 2024, 2024-06, 2024-Q2, 2024-H1).", "Missing or invalid --period (e.g. 2024, 2024-06, 2024-Q2, 2024-H1).");
      if (!o.output && !o.json) throw new CliError("Thiếu -o <tệp.xlsx> (hoặc --json).", "Missing -o <file.xlsx> (or --json).");
      // --approved-only: the totals count approved units' data alone (DHIS2's "approved data only").
      const only = { approvedOnly: o["approved-only"] === true };
      const { rollup, previous, yearEarlier } = o.output ? await fetchWithComparisonsInUnits(server, province.data, period.data, only) : { rollup: await fetchRollup(server, province.data, period.data, only), previous: null, yearEarlier: null };
      if (o.output) {
        const { rows } = await writeRollupWorkbook(o.output, rollup, lang, { previous, yearEarlier });
        if (!o.json) {
          const c = rollup.completeness;
          // A period before the province existed: nobody reported, its predecessors' figures are rebuilt.
          const got = rollup.reconstructed ? (lang === "vi" ? "có số liệu tính lại" : "with rebuilt figures") : lang === "vi" ? "đã báo cáo" : "reported";
          io.out(lang === "vi"
            ? `Đã ghi trang "Tổng hợp tỉnh" (${rows} đơn vị; ${c.unitsReported}/${c.unitsExpected} đơn vị, ${c.communesReported}/${c.communesExpected} xã ${got}) → ${o.output}`
            : `Wrote the "Tổng hợp tỉnh" sheet (${rows} units; ${c.unitsReported}/${c.unitsExpected} units, ${c.communesReported}/${c.communesExpected} communes ${got}) → ${o.output}`);
          if (rollup.reconstructed) io.out(rollup.reconstructed.note[lang]);
        }
      }
      if (o.json) io.out(JSON.stringify(rollup, null, 2));
      return 0;
    },
  },
  approval("approve"),
  approval("return"),
  approval("reopen"),
  complete,
  {
    name: "export",
    usage: [`htct export --server URL --province MÃ --period KỲ --format adx|dhis2-csv --mapping ÁNH_XẠ_DHIS2.json [--include-aggregates] -o <tệp>`],
    noFile: "output", signsIn: true,
    async run({ o, lang, io, signIn }) {
      const { province, period } = await provincePeriod(o.province, o.period);
      const { loadDhis2Mapping, parseFormat, writeExport } = await import("./export.ts");
      const format = parseFormat(o.format);
      if (!o.output) throw new CliError("Thiếu -o <tệp ra>.", "Missing -o <output file>.");
      const mapping = await loadDhis2Mapping(o.mapping);
      const server = await signIn();
      const r = await writeExport({ server, province, period, format, mapping, output: o.output, lang, includeAggregates: o["include-aggregates"] === true });
      r.lines.forEach((l) => (r.code ? io.err(l) : io.out(l)));
      return r.code;
    },
  },
  provinceFile("scorecard", `htct scorecard --server URL --province MÃ --period KỲ -o <tệp.xlsx>`, "xlsx", async ({ province, period, output, lang, signIn }) => {
    const [{ fetchRollup, fetchScorecard }, { writeScorecardWorkbook }] = await Promise.all([import("./api-client.ts"), import("./scorecard.ts")]);
    const server = await signIn();
    const [sc, rollup] = await Promise.all([fetchScorecard(server, province, period), fetchRollup(server, province, period)]);
    const r = await writeScorecardWorkbook(output, sc, lang, rollup.name);
    return lang === "vi" ? `Đã ghi trang "Chất lượng số liệu" (${r.units} đơn vị xếp hạng) → ${output}` : `Wrote the "Chất lượng số liệu" sheet (${r.units} units ranked) → ${output}`;
  }),
  provinceFile("status", `htct status --server URL --province MÃ --period KỲ -o <tệp.xlsx>`, "xlsx", async ({ province, period, output, lang, signIn }) => {
    const [{ fetchAssignments, fetchRollup }, { writeStatusWorkbook }, { clerksByUnit }] = await Promise.all([import("./api-client.ts"), import("./status.ts"), import("../shared/report/status-layout.ts")]);
    const server = await signIn();
    const [rollup, assignments] = await Promise.all([fetchRollup(server, province, period), fetchAssignments(server, province)]);
    const r = await writeStatusWorkbook(output, rollup, lang, clerksByUnit(assignments.assignments));
    const c = rollup.completeness;
    return lang === "vi" ? `Đã ghi trang "Tình hình nộp báo cáo": ${c.unitsReported}/${c.unitsExpected} đơn vị đã gửi, ${r.missing} chưa gửi → ${output}` : `Wrote the "Tình hình nộp báo cáo" sheet: ${c.unitsReported} of ${c.unitsExpected} units reported, ${r.missing} not yet → ${output}`;
  }),
  provinceFile("report", `htct report --server URL --province MÃ --period KỲ -o <tệp.docx> [--template MẪU.json] [--lang vi|en] [--approved-only]`, "docx", async ({ o, province, period, output, lang, signIn }) => {
    const { loadTemplates, writeDraftReport } = await import("./report.ts");
    const templates = await loadTemplates(o.template);
    const server = await signIn();
    const draft = await writeDraftReport({ server, province, period, output, lang, templates, approvedOnly: o["approved-only"] === true });
    const n = draft.sections.reduce((k, s) => k + s.paragraphs.length, 0);
    return lang === "vi" ? `Đã viết dự thảo "${draft.title}" (${draft.sections.length} mục, ${n} đoạn) → ${output}` : `Wrote the draft "${draft.title}" (${draft.sections.length} sections, ${n} paragraphs) → ${output}`;
  }),
  {
    name: "history",
    usage: [`htct history --server URL --province MÃ --period KỲ --unit MÃ_ĐƠN_VỊ -o <tệp.csv>`],
    noFile: "output", signsIn: true,
    async run({ o, lang, io, reportingUnit, signIn }) {
      const { province, period } = await provincePeriod(o.province, o.period);
      const [{ UnitCode }, { fetchHistory }, { historyCsv }, { writeFile }] = await Promise.all([import("../shared/contract/codes.ts"), import("./api-client.ts"), import("../shared/index.ts"), import("node:fs/promises")]);
      const unit = UnitCode.safeParse(reportingUnit);
      if (!unit.success) throw new CliError("Thiếu hoặc sai --unit <mã đơn vị báo cáo>.", "Missing or invalid --unit <reporting unit code>.");
      requireOutput(o.output, "csv");
      const server = await signIn();
      const history = await fetchHistory(server, province, period, unit.data);
      await writeFile(o.output, historyCsv(history, lang));
      const rows = history.entries.reduce((n, e) => n + Math.max(1, e.changes.length), 0);
      io.out(lang === "vi" ? `Đã ghi lịch sử nộp của ${unit.data} kỳ ${period} (${history.entries.length} lần nộp, ${rows} dòng) → ${o.output}` : `Wrote the submission history of ${unit.data} for ${period} (${history.entries.length} submissions, ${rows} rows) → ${o.output}`);
      return 0;
    },
  },
  {
    name: "detail",
    usage: [`htct detail --server URL --province MÃ --period KỲ --unit MÃ_ĐƠN_VỊ -o <tệp.xlsx> [--lang vi|en]`],
    noFile: "output", signsIn: true,
    async run({ o, lang, io, reportingUnit, signIn }) {
      const { province, period } = await provincePeriod(o.province, o.period);
      const [{ UnitCode }, { fetchDetail }, { writeDetailWorkbook }] = await Promise.all([import("../shared/contract/codes.ts"), import("./api-client.ts"), import("./detail.ts")]);
      const unit = UnitCode.safeParse(reportingUnit);
      if (!unit.success) throw new CliError("Thiếu hoặc sai --unit <mã đơn vị> (đơn vị báo cáo hoặc đơn vị thuộc nó).", "Missing or invalid --unit <unit code> (a reporting unit or a unit under it).");
      requireOutput(o.output, "xlsx");
      const server = await signIn();
      const detail = await fetchDetail(server, province, period, unit.data);
      const r = await writeDetailWorkbook(o.output, detail, lang);
      io.out(lang === "vi"
        ? `Đã ghi trang "${r.sheet}": ${r.rows} đơn vị trực thuộc, ${detail.history.length} phiên bản, ${r.changes} giá trị thay đổi → ${o.output}`
        : `Wrote the "${r.sheet}" sheet: ${r.rows} units below, ${detail.history.length} versions, ${r.changes} values changed → ${o.output}`);
      return 0;
    },
  },
  {
    name: "backup",
    usage: [
      `htct backup --province MÃ [--period KỲ] -o <tệp.json>     (kho: HTCT_TABLES_CONNECTION hoặc HTCT_TABLES_ENDPOINT)`,
      `htct backup verify-legacy <tệp.json>                      (kiểm tra tệp sao lưu làm trước khi có chữ ký; không ghi gì)`,
    ],
    async run({ o, files, lang, io, period }) {
      if (files[0] === "verify-legacy") {
        if (files.length !== 2) throw new CliError(`"backup verify-legacy" cần đúng một tệp sao lưu.`, `"backup verify-legacy" takes exactly one backup file.`);
        const { verifyLegacyCommand } = await import("./backup.ts");
        for (const line of await verifyLegacyCommand({ file: files[1]!, lang })) io.out(line);
        return 0;
      }
      if (files.length) throw new CliError(`"backup" không nhận tệp vào (dùng -o).`, `"backup" takes no input file (use -o).`);
      const { UnitCode } = await import("../shared/contract/codes.ts");
      const province = UnitCode.safeParse(o.province);
      if (!province.success) throw new CliError("Thiếu hoặc sai --province <mã tỉnh>.", "Missing or invalid --province <province code>.");
      if (!o.output) throw new CliError("Thiếu -o <tệp.json>.", "Missing -o <file.json>.");
      const { backupCommand } = await import("./backup.ts");
      io.out(await backupCommand({ province: province.data, period: period ?? null, output: o.output, lang }));
      return 0;
    },
  },
  {
    name: "restore",
    usage: [
      `htct restore <tệp.json>                                    (chỉ vào bảng chưa có dữ liệu của tỉnh)`,
      `htct restore <tệp.json> --accept-unsigned <sha256>         (tệp làm trước khi có chữ ký, sau verify-legacy; ghi nhật ký)`,
    ],
    async run({ o, files, lang, io }) {
      if (files.length !== 1) throw new CliError(`"restore" cần đúng một tệp sao lưu.`, `"restore" takes exactly one backup file.`);
      const { restoreCommand } = await import("./backup.ts");
      const r = await restoreCommand({ file: files[0]!, acceptUnsigned: o["accept-unsigned"], lang });
      (r.code ? io.err : io.out)(r.line);
      return r.code;
    },
  },
];

/** `-o FILE.ext`, present and of the kind the command writes. */
function requireOutput(path: string | undefined, ext: "xlsx" | "docx" | "csv"): asserts path is string {
  if (!path || !path.toLowerCase().endsWith(`.${ext}`)) throw new CliError(`Thiếu -o <tệp.${ext}>.`, `Missing -o <file.${ext}>.`);
}

async function provincePeriod(p: string | undefined, q: string | undefined): Promise<{ province: string; period: string }> {
  const { UnitCode } = await import("../shared/contract/codes.ts");
  const province = UnitCode.safeParse(p);
  if (!province.success) throw new CliError("Thiếu hoặc sai --province <mã tỉnh>.", "Missing or invalid --province <province code>.");
  return { province: province.data, period: await parsePeriod(q) };
}

async function parsePeriod(q: string | undefined): Promise<string> {
  const { Period } = await import("../shared/contract/codes.ts");
  const period = Period.safeParse(q);
  if (!period.success) throw new CliError("Thiếu hoặc sai --period (ví dụ 2024, 2024-06, 2024-Q2, 2024-H1).", "Missing or invalid --period (e.g. 2024, 2024-06, 2024-Q2, 2024-H1).");
  return period.data;
}

function one(files: string[], command: string): string {
  if (files.length !== 1) throw new CliError(`"${command}" cần đúng một tệp .xlsx.`, `"${command}" takes exactly one .xlsx file.`);
  return files[0]!;
}

type CountByCause = typeof import("../shared/index.ts").countByCause;

function toJson(file: string, r: CheckResult, countByCause: CountByCause) {
  return {
    file,
    sheets: r.sheets.map((s) => ({
      name: s.sheet,
      kind: s.kind,
      kindConfidence: s.kindConfidence,
      kindReason: s.kindReason,
      period: s.period,
      headerRows: s.headerRows,
      scope: s.scope,
      mapping: s.mapping.map((m) => ({ column: m.column, header: m.header, indicator: m.indicator, ...(m.wholeIndicator ? { wholeIndicator: m.wholeIndicator } : {}), confidence: m.confidence, confirm: !!m.confirm, ...(m.evidence ? { evidence: m.evidence } : {}), ...(m.runnerUp ? { runnerUp: m.runnerUp } : {}) })),
      unmapped: s.unmapped.map((m) => ({ column: m.column, header: m.header })),
      earlier: s.earlier.map((m) => ({ column: m.column, header: m.header, indicator: m.indicator, period: m.period })),
      skipped: s.skipped,
      units: s.units,
    })),
    issues: r.issues,
    summary: r.summary,
    byCause: countByCause(r.issues, "en").map(({ rule, severity, count }) => ({ rule, severity, count })),
  };
}

const MARK: Record<Issue["severity"], string> = { error: "✖", warning: "⚠", info: "ℹ" };

const KIND = SHEET_KIND_LABELS;

function printHuman(file: string, r: CheckResult, lang: Lang, io: Io, countByCause: CountByCause): void {
  const vi = lang === "vi";
  io.out(`${file}`);
  for (const s of r.sheets) {
    // Indicators are rows on a transposed table or a form: "12 dòng nhận ra".
    const line = s.kind === "units" || s.kind === "none" ? (vi ? "cột" : "columns") : vi ? "dòng" : "rows";
    io.out(vi ? `  Trang "${s.sheet}": tiêu đề dòng ${s.headerRows.join(", ") || "—"}, ${s.units.filter((u) => !u.isTotal).length} đơn vị, ${s.mapping.length} ${line} nhận ra, ${s.unmapped.length} ${line} chưa gán`
      : `  Sheet "${s.sheet}": header rows ${s.headerRows.join(", ") || "—"}, ${s.units.filter((u) => !u.isTotal).length} units, ${s.mapping.length} ${line} mapped, ${s.unmapped.length} unmapped`);
    io.out(`    ${KIND[lang][s.kind]} (${Math.round(s.kindConfidence * 100)}%): ${s.kindReason}${s.period ? (vi ? ` Kỳ: ${s.period}.` : ` Period: ${s.period}.`) : ""}`);
  }
  for (const i of r.issues) io.out(`  ${MARK[i.severity]} ${i.cells[0] ? `${i.sheet}!${i.cells[0]} ` : ""}${i.table && !i.message.startsWith(i.table.label) ? `[${i.table.label}] ` : ""}${i.message}${i.hint ? `\n      → ${i.hint}` : ""}`);
  const causes = countByCause(r.issues, lang);
  if (causes.length) io.out(`${vi ? "Theo nguyên nhân" : "By cause"}: ${causes.map((c) => `${c.title} ${c.count}`).join(" · ")}`);
  const s = r.summary;
  io.out(vi ? `Tổng: ${s.errors} lỗi, ${s.warnings} cảnh báo, ${s.infos} thông tin.` : `Total: ${s.errors} errors, ${s.warnings} warnings, ${s.infos} infos.`);
}
