/**
 * The Fluent 2 tokens taskpane.css reads beyond those fluent-button's styles read (fluent-theme.ts),
 * with @fluentui/tokens' web light and dark values: the native controls (inputs, selects,
 * textareas, checkboxes, the tab menu, the progress bar, links) take the same theme as the
 * buttons. tests/addin/fluent-theme.test.ts fails when the stylesheet reads a token neither set
 * holds or a value drifts from the package's.
 */
export const paneLightTokens = {
  colorBrandForeground1: "#0f6cbd",
  colorBrandForegroundLink: "#115ea3",
  colorBrandForegroundLinkHover: "#0f548c",
  colorNeutralBackground6: "#e6e6e6",
  colorNeutralStroke2: "#e0e0e0",
  colorNeutralStrokeAccessible: "#616161",
} as const;

export const paneDarkTokens: Readonly<Record<keyof typeof paneLightTokens, string>> = {
  colorBrandForeground1: "#479ef5",
  colorBrandForegroundLink: "#479ef5",
  colorBrandForegroundLinkHover: "#62abf5",
  colorNeutralBackground6: "#333333",
  colorNeutralStroke2: "#525252",
  colorNeutralStrokeAccessible: "#adadad",
};
