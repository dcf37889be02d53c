import { describe, expect, it } from 'vitest';
import { detectDelimiter } from '../../src/input/detect-delimiter.js';
import { encodingFromHead } from '../../src/input/detect-encoding.js';
import { parseNumberFormats } from '../../src/input/xlsx-number-formats.js';
import { parseSharedStrings } from '../../src/input/xlsx-shared-strings.js';

describe('detectDelimiter', () => {
  it.each([
    ['comma', 'a,b,c\n1,2,3\n', ','],
    ['semicolon with commas in text', 'Name;Phone;Address\nSmith, J;+33 1;1 rue, Paris\nDoe, A;+33 2;2 rue, Lyon\n', ';'],
    ['tab', 'a\tb\tc\n1\t2\t3\n', '\t'],
    ['title row above the header', 'Port list\n\nphone;name\n1;a\n2;b\n', ';'],
    ['commas inside quotes do not count', '"a,b,c";d\n"e,f,g";h\n', ';'],
    ['quoted multi-line cell', 'phone,note\n1,"x;y\nz;w;q"\n2,ok\n', ','],
    ['single column', 'phone_number\n+14155550100\n', ','],
  ])('%s', (_name, sample, expected) => {
    expect(detectDelimiter(sample)).toBe(expected);
  });
});

describe('encodingFromHead', () => {
  it.each([
    ['UTF-8 BOM', [0xef, 0xbb, 0xbf, 0x61], 'utf-8'],
    ['UTF-16 LE BOM', [0xff, 0xfe, 0x61, 0], 'utf-16le'],
    ['UTF-16 BE BOM', [0xfe, 0xff, 0, 0x61], 'utf-16be'],
    ['UTF-16 LE without BOM', [...Buffer.from('phone\tname\r\n', 'utf16le')], 'utf-16le'],
    ['UTF-16 BE without BOM', [...Buffer.from('phone\tname\r\n', 'utf16le').swap16()], 'utf-16be'],
    ['plain ASCII', [...Buffer.from('phone,name\n')], undefined],
  ])('%s', (_name, bytes, expected) => {
    expect(encodingFromHead(Uint8Array.from(bytes))).toBe(expected);
  });
});

describe('parseNumberFormats', () => {
  it('maps each cell style to its format code: custom ids and built-in ids', () => {
    const xml =
      '<styleSheet><numFmts count="1"><numFmt numFmtId="164" formatCode="&quot;+&quot;0"/></numFmts>' +
      '<cellStyleXfs count="1"><xf numFmtId="11"/></cellStyleXfs>' +
      '<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/><xf applyNumberFormat="1" numFmtId="11"></xf><xf numFmtId="49"/></cellXfs></styleSheet>';
    expect(parseNumberFormats(xml)).toEqual(['General', '"+"0', '0.00E+00', '@']);
  });
});

describe('parseSharedStrings', () => {
  it('joins rich-text runs, drops phonetic guides, decodes entities and _xHHHH_ escapes', () => {
    const xml =
      '<sst xmlns="x" count="5" uniqueCount="5">' +
      '<si><t>plain</t></si>' +
      '<si><r><rPr><b/><sz val="11"/></rPr><t xml:space="preserve">+1 415 </t></r><r><t>555 0100</t></r></si>' +
      '<si><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1"/></si>' +
      '<si><t>A &amp; B &lt;ltd&gt; &#233;</t></si>' +
      '<si><t>line_x000D_break</t></si>' +
      '<si><t/></si>' +
      '</sst>';
    expect(parseSharedStrings(xml)).toEqual(['plain', '+1 415 555 0100', '東京', 'A & B <ltd> é', 'line\rbreak', '']);
  });
});
