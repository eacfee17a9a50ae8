import { SettingsError, startupProblem } from "./settings.ts";

// Imported first by the app's entry: a host whose settings cannot authenticate anyone refuses to
// start (the error names the missing settings) instead of answering 500 on every call.
const problem = startupProblem();
if (problem) throw new SettingsError(problem);
