import { describe, expect, it } from "vitest";
import { COMMANDS } from "../../cli/commands.ts";
import { runCli } from "./run-cli.ts";

const names = [...new Set(COMMANDS.map((c) => c.name))];

describe("the command table", () => {
  it("has one entry per name", () => {
    expect(names).toHaveLength(COMMANDS.length);
  });
  it("the usage text shows every command (aliases on their command's line)", async () => {
    const { code, out } = await runCli(["--help"]);
    expect(code).toBe(0);
    for (const n of names) expect(out, n).toMatch(new RegExp(`htct (\\S+\\|)?${n}\\b`));
  });
  it("the usage's sign-in line names exactly the commands that sign in", async () => {
    const { out } = await runCli(["--help"]);
    const line = out.split("\n").find((l) => l.startsWith("Đăng nhập cho"))!;
    const listed = line.slice("Đăng nhập cho ".length, line.indexOf(" / sign-in")).split(", ");
    expect(listed.sort()).toEqual(COMMANDS.filter((c) => c.signsIn).map((c) => c.name).sort());
    expect(listed).toContain("history");
    expect(listed).not.toContain("validate");
  });
  it("an unknown command is told every command there is", async () => {
    const { code, err } = await runCli(["frobnicate", "--lang", "en"]);
    expect(code).toBe(2);
    for (const n of names) expect(err, n).toContain(n);
  });
  it("a command that takes no file refuses one before signing in", async () => {
    const { code, err } = await runCli(["status", "x.xlsx", "--lang", "en"]);
    expect(code).toBe(2);
    expect(err).toBe(`Error: "status" takes no input file (use -o).`);
  });
});
