// The floor for `validate`: the same read, phone parsing and write with nothing of bulkport's own.
// Usage: tsx bench/validate-floor.ts csv|xlsx <input> <output>
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import { parsePhoneNumberWithError, type CountryCode } from 'libphonenumber-js/max';

const [mode, input, output] = process.argv.slice(2);
if (!mode || !input || !output) throw new Error('usage: validate-floor csv|xlsx <input> <output>');

function normalize(phone: string, country: string): string[] {
  try {
    const parsed = parsePhoneNumberWithError(phone, { defaultCountry: (country || 'US') as CountryCode });
    return [parsed.number, parsed.country ?? '', parsed.getType() ?? '', parsed.isValid() ? 'valid' : 'invalid'];
  } catch {
    return ['', '', '', 'invalid'];
  }
}

let rows = 0;
if (mode === 'csv') {
  const out = stringify();
  const file = createWriteStream(output);
  out.pipe(file);
  const parser = createReadStream(input).pipe(parse({ bom: true, relax_column_count: true, from_line: 2 }));
  for await (const record of parser as AsyncIterable<string[]>) {
    rows += 1;
    const cells = [String(rows + 1), 'sheet', record[0] ?? '', ...normalize(record[0] ?? '', record[1] ?? ''), ...record.slice(1)];
    if (!out.write(cells)) await once(out, 'drain');
  }
  out.end();
  await once(file, 'finish');
} else {
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: output, useSharedStrings: false, useStyles: false });
  const sheetOut = writer.addWorksheet('Results');
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, { sharedStrings: 'cache', styles: 'ignore', hyperlinks: 'ignore', worksheets: 'emit' });
  for await (const sheet of reader) {
    for await (const row of sheet) {
      if (row.number === 1) continue;
      rows += 1;
      const values = (row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)));
      sheetOut.addRow([String(row.number), 'sheet', values[0] ?? '', ...normalize(values[0] ?? '', values[1] ?? ''), ...values.slice(1)]).commit();
    }
  }
  sheetOut.commit();
  await writer.commit();
}
process.stdout.write(`${rows}\n`);
