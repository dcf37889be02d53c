import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writePeopleWorkbook, type PeopleRow } from '../../src/output/people-sheet.js';
import { columnNumberFormats, overlappingValidations, sheetXml, validationAreas } from '../helpers/xlsx-xml.js';

const TEXT = 49;

describe('writePeopleWorkbook', () => {
  it('text-formats identifier and editable columns over the whole column, and no two dropdown ranges overlap', async () => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'people-')), 'sheet.xlsx');
    // 32 rows: one list for rows 2–9, another for 10–33 (the shape exceljs merged into X2:X33 + X10:X33),
    // a dropdown every row in `decision`, one lone row with its own list.
    const rows: PeopleRow[] = Array.from({ length: 32 }, (_, i) => ({
      cells: [`id-${i}`, 'note', '', ''],
      dropdowns: {
        decision: { values: ['authorize', 'reject'], expected: 'authorize or reject' },
        code: { range: i < 8 ? `'Codes'!$B$2:$B$3` : i === 20 ? `'Codes'!$B$9:$B$9` : `'Codes'!$B$4:$B$8`, expected: 'a code' },
      },
    }));
    await writePeopleWorkbook(file, [
      {
        name: 'Review',
        columns: [{ header: 'id', isIdentifier: true }, { header: 'note' }, { header: 'decision', isEditable: true }, { header: 'code', isEditable: true }],
        rows,
      },
    ]);
    const xml = await sheetXml(file, 'Review');
    expect(overlappingValidations(xml)).toEqual([]);
    const areas = validationAreas(xml).map((a) => a.sqref).sort();
    expect(areas).toEqual(['C2:C33', 'D10:D21', 'D2:D9', 'D22:D22', 'D23:D33'].sort());
    const formats = await columnNumberFormats(file, 'Review');
    expect([formats.get(1), formats.get(2), formats.get(3), formats.get(4)]).toEqual([TEXT, 0, TEXT, TEXT]);
  });
});
