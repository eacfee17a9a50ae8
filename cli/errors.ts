/** A failure the user can act on: printed as is, exit code 2, no stack trace. */
export class CliError extends Error {
  constructor(
    readonly vi: string,
    readonly en: string,
    /** Stable name for scripts reading `--json` ("password-protected", "invalid-arguments"). */
    readonly code: string = "invalid-input",
  ) {
    super(en);
  }
}
