import { writeFile } from 'node:fs/promises';
import { crc32, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { listZipEntries, readZipEntry } from '../../../src/input/read-zip-entry.js';

/** One zip entry as the hostile builders write it: `declaredBytes` lets an entry lie about its size. */
export interface HostileEntry {
  readonly name: string;
  readonly data: Buffer;
  readonly declaredBytes?: number;
}

/** A plain zip (deflated entries) from entries in memory; small on disk when the data repeats. */
function buildZip(entries: readonly HostileEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const compressed = deflateRawSync(entry.data, { level: 9 });
    const crc = crc32(entry.data);
    const size = entry.declaredBytes ?? entry.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, compressed);
    centrals.push(central, name);
    offset += 30 + name.length + compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** A real one-sheet workbook (exceljs), as entries to tamper with: header `phone_number,note`, one row. */
async function baseWorkbookEntries(): Promise<HostileEntry[]> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Numbers');
  sheet.addRow(['phone_number', 'note']);
  sheet.addRow(['+14155550100', 'first']);
  const file = `/tmp/bulkport-base-${process.pid}-${Date.now()}.xlsx`;
  await book.xlsx.writeFile(file);
  const entries: HostileEntry[] = [];
  for (const entry of await listZipEntries(file)) {
    entries.push({ name: entry.name, data: (await readZipEntry(file, entry.name, 64 * 1024 * 1024)) ?? Buffer.alloc(0) });
  }
  return entries;
}

/** The base workbook with some entries replaced (or added), written to `file`. */
export async function writeTamperedWorkbook(file: string, replace: Record<string, { data: Buffer; declaredBytes?: number }>): Promise<void> {
  const entries = await baseWorkbookEntries();
  const names = new Set(entries.map((entry) => entry.name));
  const tampered: HostileEntry[] = entries.map((entry) => {
    const replacement = replace[entry.name];
    return replacement === undefined ? entry : { name: entry.name, ...replacement };
  });
  for (const [name, value] of Object.entries(replace)) if (!names.has(name)) tampered.push({ name, ...value });
  await writeFile(file, buildZip(tampered));
}

/** A worksheet XML holding the given rows of inline-string cells, cells addressed as written (`A1`, `XFE2`). */
export function sheetXml(rows: ReadonlyArray<{ readonly row: number; readonly cells: ReadonlyArray<readonly [ref: string, text: string]> }>): Buffer {
  const body = rows
    .map(({ row, cells }) => `<row r="${row}">${cells.map(([ref, text]) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`).join('')}</row>`)
    .join('');
  return Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${body}</sheetData></worksheet>`);
}
