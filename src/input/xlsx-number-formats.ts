import ssf from 'ssf';
import { parseAttributes } from './xml-text.js';

/** Excel's built-in number formats by id (ids below 164 are not written into styles.xml). */
const BUILT_IN_FORMATS: Readonly<Record<string, string>> = { ...ssf.get_table() };

/**
 * The number format code of each cell style (`cellXfs` index → format code), read from
 * `xl/styles.xml`. The `s` attribute of a cell is an index into this list.
 */
export function parseNumberFormats(stylesXml: string): (string | undefined)[] {
  const custom = new Map<string, string>();
  for (const match of stylesXml.matchAll(/<(?:\w+:)?numFmt\s([^>]*?)\/?>/g)) {
    const attributes = parseAttributes(match[1] ?? '');
    if (attributes.numFmtId !== undefined && attributes.formatCode !== undefined) custom.set(attributes.numFmtId, attributes.formatCode);
  }
  const cellXfs = /<(?:\w+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:\w+:)?cellXfs>/.exec(stylesXml)?.[1] ?? '';
  const formats: (string | undefined)[] = [];
  for (const match of cellXfs.matchAll(/<(?:\w+:)?xf\b([^>]*?)\/?>/g)) {
    const id = parseAttributes(match[1] ?? '').numFmtId ?? '0';
    formats.push(custom.get(id) ?? BUILT_IN_FORMATS[id]);
  }
  return formats;
}
