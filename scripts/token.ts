/**
 * Prints a token from the local dev issuer: `npm run -s token -- --user clerk-BTH-HTN`.
 * Demo users: clerk-<reporting unit code>, province-<province code>, job-consolidation.
 */
import { parseArgs } from "node:util";
import { signDevToken } from "../functions/lib/token.ts";

const { values } = parseArgs({
  options: { user: { type: "string" }, expires: { type: "string", default: "8h" }, "key-dir": { type: "string", default: process.env.AUTH_DEV_KEY_DIR ?? ".dev-keys" } },
});
if (!values.user) {
  console.error("usage: npm run -s token -- --user <id> [--expires 8h]\n  e.g. --user clerk-BTH-HTN, --user province-BTH, --user job-consolidation");
  process.exit(2);
}
process.stdout.write(`${await signDevToken({ user: values.user, keyDir: values["key-dir"]!, expiresIn: values.expires! })}\n`);
