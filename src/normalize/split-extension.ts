export interface ExtensionSplit {
  /** The text before the extension marker (the whole text when there is no extension). */
  readonly main: string;
  /** The extension's digits, when the text ends with one. */
  readonly extension: string | undefined;
}

/**
 * An extension at the end of the text: `x123`, `ext. 4`, `ext 4`, `extn 7`, `extension 12`, `#123`,
 * `,,123` (dial pauses) or RFC 3966 `;ext=123`. `x`/`ext` count only when no letter precedes them,
 * so the X of a vanity word (1-800-TAXICAB) is not read as a marker.
 */
const EXTENSION_AT_END = /(?:(?<![a-z])(?:extension|extn|ext|x)\.?|#|,+)\s*[:.=#-]?\s*(\d[\d .-]*?)[\s#]*$/i;

/**
 * Longest extension accepted. Longer digit runs after a marker are more likely a second number
 * ("…, 0113 496 0000") than an extension, and reading them as one would drop a number silently.
 */
const MAX_EXTENSION_DIGITS = 7;

/** Splits a trailing extension off a phone number written as text. */
export function splitExtension(text: string): ExtensionSplit {
  const match = EXTENSION_AT_END.exec(text);
  if (match === null || match[1] === undefined) return { main: text, extension: undefined };
  const main = text.slice(0, match.index);
  const extension = match[1].replace(/\D/g, '');
  if (extension.length > MAX_EXTENSION_DIGITS || !/\d/.test(main)) return { main: text, extension: undefined };
  return { main, extension };
}
