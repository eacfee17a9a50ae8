/** The wire form of a submission and conflict resolution live in the shared contract, used by the CLI too. */
export { buildSubmission, fingerprint, resolveConflicts, type Choice } from "../../shared/contract/index.ts";
