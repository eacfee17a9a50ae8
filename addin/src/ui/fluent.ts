// Deep imports: the package's index pulls in every component's module.
import { definition as ButtonDefinition } from "@fluentui/web-components/button/definition.js";
import { Button } from "@fluentui/web-components/button/class.js";
import { setTheme } from "@fluentui/web-components/theme/set-theme.js";
import { buttonDarkTheme, buttonLightTheme } from "./fluent-theme.ts";
import { paneDarkTokens, paneLightTokens } from "./pane-tokens.ts";

/**
 * Fluent 2 (Fluent UI Web Components v3) for the pane's action buttons, in the light or dark
 * Fluent theme to match Office's; the native controls read the same tokens (pane-tokens.ts). Only
 * the button is defined: it keeps the first load small.
 */
let defined = false;
export function useFluent(dark = false): void {
  setTheme(dark ? { ...buttonDarkTheme, ...paneDarkTokens } : { ...buttonLightTheme, ...paneLightTokens });
  if (defined || typeof customElements === "undefined") return;
  defined = true;
  if (!customElements.get("fluent-button")) Button.define(ButtonDefinition);
}
