import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

/**
 * `npm run sideload`, `sideload:web`, `stop`: office-addin-debugging when it is installed. It is an
 * optional dependency (its keychain module builds on Windows and macOS only), so elsewhere this
 * says what to do instead of failing with "command not found".
 */
const [action = "start", target = "desktop", ...rest] = process.argv.slice(2);
const bin = join(process.cwd(), "node_modules", ".bin", process.platform === "win32" ? "office-addin-debugging.cmd" : "office-addin-debugging");
if (!existsSync(bin)) {
  process.stderr.write([
    "office-addin-debugging không được cài trên máy này (chỉ cài được trên Windows và macOS).",
    "office-addin-debugging is not installed on this machine (it installs on Windows and macOS only).",
    "",
    "Excel trên web / Excel on the web: `npm run serve:addin`, then in Excel on the web choose",
    "  Trang đầu › Phần bổ trợ › Thêm phần bổ trợ khác › Tải lên phần bổ trợ của tôi › manifest.xml",
    "  (Home › Add-ins › More add-ins › Upload my add-in › manifest.xml). See addin/README.md.",
    "",
  ].join("\n"));
  process.exit(1);
}
const args = action === "stop"
  ? ["stop", "manifest.xml"]
  : ["start", "manifest.xml", target, "--no-debug", "--dev-server", "tsx addin/dev-server.ts", "--dev-server-port", "3000", ...rest];
const r = spawnSync(bin, args, { stdio: "inherit", shell: process.platform === "win32" });
process.exit(r.status ?? 1);
