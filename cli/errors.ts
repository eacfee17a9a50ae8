/** A failure the user can act on: printed as is, exit code 2, no stack trace. */
export class CliError extends Error {
  constructor(
    readonly vi: string,
    readonly en: string,
  ) {
    super(en);
  }
}
