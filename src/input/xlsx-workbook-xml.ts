import { parseAttributes } from './xml-text.js';

/** A sheet as `xl/workbook.xml` lists it, in tab order. */
export interface WorkbookSheet {
  readonly name: string;
  readonly id: number;
  readonly rId: string;
  readonly state: string;
}

/** A relationship of `xl/_rels/workbook.xml.rels`, its target relative to `xl/`. */
export interface WorkbookRelationship {
  readonly Id: string;
  readonly Target: string;
  readonly Type: string;
}

/** The sheets in tab order and the date system of `xl/workbook.xml`. */
export function parseWorkbookXml(xml: string): { sheets: WorkbookSheet[]; isDate1904: boolean } {
  const sheets: WorkbookSheet[] = [];
  for (const match of xml.matchAll(/<(?:\w+:)?sheet\s([^>]*?)\/?>/g)) {
    const attributes = parseAttributes(match[1] ?? '');
    sheets.push({
      name: attributes.name ?? '',
      id: Number.parseInt(attributes.sheetId ?? '0', 10),
      rId: attributes['r:id'] ?? attributes.id ?? '',
      state: attributes.state ?? 'visible',
    });
  }
  const workbookPr = /<(?:\w+:)?workbookPr\s([^>]*?)\/?>/.exec(xml)?.[1];
  const date1904 = workbookPr === undefined ? undefined : parseAttributes(workbookPr).date1904;
  return { sheets, isDate1904: date1904 === '1' || date1904 === 'true' };
}

/** Relationships with targets made relative to `xl/` (some writers use absolute `/xl/...` paths). */
export function parseRelationships(xml: string): WorkbookRelationship[] {
  const relationships: WorkbookRelationship[] = [];
  for (const match of xml.matchAll(/<(?:\w+:)?Relationship\s([^>]*?)\/?>/g)) {
    const attributes = parseAttributes(match[1] ?? '');
    relationships.push({
      Id: attributes.Id ?? '',
      Target: (attributes.Target ?? '').replace(/^\/?xl\//, ''),
      Type: attributes.Type ?? '',
    });
  }
  return relationships;
}
