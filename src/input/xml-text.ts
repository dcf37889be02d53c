/* Small pieces of XML reading for the few XLSX parts read without exceljs (styles, shared strings, workbook). */

/** Attributes of one start tag; a namespace prefix other than `r:` is dropped. */
export function parseAttributes(text: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const match of text.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    const name = (match[1] as string).replace(/^(?!r:)\w+:/, '');
    attributes[name] = decodeXml(match[2] ?? match[3] ?? '');
  }
  return attributes;
}

/** Decodes the XML entities of attribute values and text (`&lt;`, `&amp;`, `&#233;`…). */
export function decodeXml(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos|#x[0-9a-f]+|#\d+);/gi, (entity: string, name: string) => {
    const lower = name.toLowerCase();
    if (lower === 'lt') return '<';
    if (lower === 'gt') return '>';
    if (lower === 'amp') return '&';
    if (lower === 'quot') return '"';
    if (lower === 'apos') return "'";
    const code = lower.startsWith('#x') ? Number.parseInt(lower.slice(2), 16) : Number.parseInt(lower.slice(1), 10);
    return Number.isFinite(code) ? String.fromCodePoint(code) : entity;
  });
}
