import { readZipEntry } from '../../src/input/read-zip-entry.js';

/** The XML of one worksheet of an xlsx, found by its name through workbook.xml and its rels. */
export async function sheetXml(file: string, sheetName: string): Promise<string> {
  const workbook = (await readZipEntry(file, 'xl/workbook.xml'))?.toString('utf8') ?? '';
  const rels = (await readZipEntry(file, 'xl/_rels/workbook.xml.rels'))?.toString('utf8') ?? '';
  const sheet = [...workbook.matchAll(/<sheet\b[^>]*>/g)].map((m) => m[0]).find((tag) => tag.includes(`name="${sheetName}"`));
  const rid = /r:id="([^"]+)"/.exec(sheet ?? '')?.[1];
  const target = [...rels.matchAll(/<Relationship\b[^>]*>/g)].map((m) => m[0]).find((tag) => tag.includes(`Id="${rid}"`));
  const href = /Target="([^"]+)"/.exec(target ?? '')?.[1];
  if (href === undefined) throw new Error(`${file}: no sheet "${sheetName}"`);
  const entry = href.startsWith('/') ? href.slice(1) : `xl/${href}`;
  return (await readZipEntry(file, entry))?.toString('utf8') ?? '';
}

interface Box {
  readonly sqref: string;
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

function columnNumber(letters: string): number {
  return [...letters].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0);
}

function box(sqref: string, area: string): Box {
  const [a = '', b = a] = area.split(':');
  const parse = (ref: string): [number, number] => {
    const m = /^\$?([A-Z]+)\$?(\d+)$/.exec(ref);
    if (m === null) throw new Error(`bad reference ${ref}`);
    return [Number(m[2]), columnNumber(m[1] ?? '')];
  };
  const [top, left] = parse(a);
  const [bottom, right] = parse(b);
  return { sqref, top, left, bottom, right };
}

/** Every `<dataValidation sqref=…>` of the sheet XML, each area of a space-separated sqref on its own. */
export function validationAreas(xml: string): Box[] {
  return [...xml.matchAll(/<dataValidation\b[^>]*\bsqref="([^"]+)"/g)].flatMap((m) => (m[1] ?? '').split(' ').map((area) => box(m[1] ?? '', area)));
}

/** Pairs of validation areas that share a cell (none may). */
export function overlappingValidations(xml: string): string[] {
  const areas = validationAreas(xml);
  const overlaps: string[] = [];
  for (let i = 0; i < areas.length; i += 1) {
    for (let j = i + 1; j < areas.length; j += 1) {
      const a = areas[i] as Box;
      const b = areas[j] as Box;
      if (a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right) overlaps.push(`${a.sqref} / ${b.sqref}`);
    }
  }
  return overlaps;
}

/**
 * The number format of each column's style (`<col min max style>` → styles.xml cellXfs → numFmtId),
 * by 1-based column: 49 is Excel's built-in Text format ("@").
 */
export async function columnNumberFormats(file: string, sheetName: string): Promise<Map<number, number>> {
  const xml = await sheetXml(file, sheetName);
  const styles = (await readZipEntry(file, 'xl/styles.xml'))?.toString('utf8') ?? '';
  const cellXfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1] ?? '';
  const xfs = [...cellXfs.matchAll(/<xf\b[^>]*>/g)].map((m) => Number(/numFmtId="(\d+)"/.exec(m[0])?.[1] ?? 0));
  const formats = new Map<number, number>();
  for (const m of xml.matchAll(/<col\b[^>]*>/g)) {
    const tag = m[0];
    const min = Number(/min="(\d+)"/.exec(tag)?.[1]);
    const max = Number(/max="(\d+)"/.exec(tag)?.[1]);
    const style = Number(/style="(\d+)"/.exec(tag)?.[1] ?? 0);
    for (let c = min; c <= max; c += 1) formats.set(c, xfs[style] ?? 0);
  }
  return formats;
}
