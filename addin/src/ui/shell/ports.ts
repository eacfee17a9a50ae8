// What every view may ask of the pane, and nothing more: views take these small interfaces
// rather than the App class, so no view imports the app that draws it (no import circle) and a
// view's needs can be read off its own signature. The App satisfies each one structurally.
import type { Catalog, Lang, OrgUnit } from "../../../../shared/index.ts";
import type { ApiClient } from "../../api/client.ts";
import type { Auth } from "../../auth.ts";
import type { Scope } from "../../doc-settings.ts";
import type { StringKey } from "../../i18n.ts";
import type { Prefs } from "../../prefs.ts";

export interface Notice { kind: "ok" | "error" | "info"; text: string; details?: string[] }

/** Drawing and messages: what any view or feature state needs. */
export interface PanePort {
  readonly lang: Lang;
  readonly busy: string | null;
  notice: Notice | null;
  t(key: StringKey, params?: Record<string, string | number>): string;
  render(): void;
  /** Runs an operation with a progress line; any failure becomes a plain-language notice. */
  task(label: string, fn: () => Promise<void>): Promise<void>;
}

/** The signed-in person and where they work. */
export interface SessionPort extends PanePort {
  readonly catalog: Catalog;
  readonly auth: Pick<Auth, "account">;
  readonly scope: Partial<Scope>;
  readonly registry: OrgUnit[];
  readonly prefs: Prefs;
  isProvinceStaff(): boolean;
  /** Manages provinces' staff (an Entra app role in production; locally the user `admin`). */
  isOperator(): boolean;
  assignedProvinces(): { code: string; name: string }[];
  assignedUnits(): { code: string; name: string }[];
  api(): ApiClient;
}
