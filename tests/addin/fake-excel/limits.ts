// The sizes at which real Excel refuses a request, a read or a save; the stand-in refuses at the same ones.

/** Excel on the web refuses a request or a response larger than this. */
export const WEB_PAYLOAD_LIMIT = 5 * 1024 * 1024;
/** Excel on the desktop refuses to read more cells than this at once. */
export const DESKTOP_CELL_LIMIT = 5_000_000;
/** Office's limit on a document's custom settings. */
export const SETTINGS_LIMIT = 2 * 1024 * 1024;
/** Longest address string Excel accepts for getRanges. */
export const MAX_AREAS_ADDRESS = 8192;
