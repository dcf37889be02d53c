import { decodeXml } from './xml-text.js';

/**
 * The shared string table (`xl/sharedStrings.xml`) as the plain texts cells show: rich-text runs
 * joined, phonetic guides (`rPh`) left out, Excel's `_xHHHH_` escapes decoded.
 */
export function parseSharedStrings(xml: string): string[] {
  const strings: string[] = [];
  for (const item of xml.matchAll(/<(?:\w+:)?si\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?si>)/g)) {
    const body = (item[1] ?? '').replace(/<(?:\w+:)?rPh\b[\s\S]*?<\/(?:\w+:)?rPh>/g, '');
    let text = '';
    for (const run of body.matchAll(/<(?:\w+:)?t(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?t>/g)) text += run[1] ?? '';
    strings.push(decodeExcelEscapes(decodeXml(text)));
  }
  return strings;
}

/** Excel writes characters XML cannot carry (CR, control characters) as `_x000D_`. */
function decodeExcelEscapes(text: string): string {
  return text.replace(/_x([0-9a-fA-F]{4})_/g, (_match, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}
