import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { drawIcon, ICON_SIZES } from "../../addin/build/icons.ts";
import { manifestFor } from "../../addin/build/build.ts";
import { MIN_EXCEL_API } from "../../addin/src/excel/adapter.ts";

const root = join(import.meta.dirname, "..", "..");
const manifest = readFileSync(join(root, "manifest.xml"), "utf8");
const schemas = join(root, "..", "shared", "office-manifest-schemas", "wrapper.xsd");

describe("manifest.xml", () => {
  it("validates against Microsoft's published schemas (offline, xmllint)", () => {
    const r = spawnSync("xmllint", ["--noout", "--nonet", "--schema", schemas, "manifest.xml"], { cwd: root, encoding: "utf8" });
    if (r.error) throw new Error("xmllint is missing: apt-get install -y libxml2-utils");
    // libxml2 warns "Skipping import of schema" for the substituted schemas; only the verdict matters.
    expect(r.stderr).toContain("manifest.xml validates");
    expect(r.status).toBe(0);
  });

  it("defines every resid it uses, and uses every resource it defines", () => {
    const used = new Set([...manifest.matchAll(/resid="([^"]+)"/g)].map((m) => m[1]!));
    const defined = [...manifest.matchAll(/<bt:(?:Image|Url|String) id="([^"]+)"/g)].map((m) => m[1]!);
    expect(new Set(defined).size).toBe(defined.length);
    for (const id of used) expect(defined, `resid ${id}`).toContain(id);
    for (const id of defined) expect([...used], `resource ${id} is unused`).toContain(id);
    // Resource ids are limited to 32 characters by the schema's ShortString, checked here to say why.
    for (const id of defined) expect(id.length).toBeLessThanOrEqual(32);
  });

  it("offers every string in Vietnamese (default) and English", () => {
    expect(manifest).toContain("<DefaultLocale>vi-VN</DefaultLocale>");
    const strings = [...manifest.matchAll(/<bt:String id="([^"]+)" DefaultValue="[^"]+">\s*<bt:Override Locale="en-US" Value="[^"]+"\/>/g)].map((m) => m[1]);
    const all = [...manifest.matchAll(/<bt:String id="([^"]+)"/g)].map((m) => m[1]);
    expect(strings).toEqual(all);
  });

  it("asks for the adapter's minimum ExcelApi, a Workbook task pane with read/write access and a Home-tab button", () => {
    expect(manifest).toMatch(new RegExp(`<Set Name="ExcelApi" MinVersion="${MIN_EXCEL_API.replace(".", "\\.")}"/>`));
    expect(manifest).toContain('xsi:type="TaskPaneApp"');
    expect(manifest).toContain("<Permissions>ReadWriteDocument</Permissions>");
    expect(manifest).toContain('<OfficeTab id="TabHome">');
    expect(manifest).toContain('<Action xsi:type="ShowTaskpane">');
  });

  it("points at icons the project generates, byte for byte what the icon script draws", () => {
    const urls = [...manifest.matchAll(/https:\/\/localhost:3000\/assets\/(icon-\d+\.png)/g)].map((m) => m[1]!);
    expect(new Set(urls)).toEqual(new Set(ICON_SIZES.map((s) => `icon-${s}.png`)));
    for (const size of ICON_SIZES) {
      const file = join(root, "addin", "assets", `icon-${size}.png`);
      expect(existsSync(file), `${file}; run npm run icons`).toBe(true);
      const png = readFileSync(file);
      expect(png.readUInt32BE(16)).toBe(size);
      expect(png.equals(drawIcon(size))).toBe(true);
    }
  });

  it("PNG files decode (checked with the file utility when present)", () => {
    const r = spawnSync("file", [join(root, "addin", "assets", "icon-16.png")], { encoding: "utf8" });
    if (r.error) return;
    expect(execFileSync("file", [join(root, "addin", "assets", "icon-80.png")], { encoding: "utf8" })).toContain("80 x 80, 8-bit/color RGBA");
  });

  it("the production manifest names only the production origins: no localhost left", () => {
    const prod = manifestFor("https://htct.example.org");
    expect(prod).not.toContain("localhost");
    expect(prod).toContain("<SourceLocation DefaultValue=\"https://htct.example.org/taskpane.html\"/>");
    const withApi = manifestFor("https://htct.example.org", "https://htct-api.azurewebsites.net");
    expect(withApi).toContain("<AppDomain>https://htct-api.azurewebsites.net</AppDomain>");
    expect(withApi).not.toContain("localhost");
  });
});
