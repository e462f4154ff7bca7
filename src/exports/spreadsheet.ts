/**
 * Tables as spreadsheet files. CSV: UTF-8 with a byte-order mark (so Excel reads Danish letters
 * right), RFC 4180 quoting and CRLF line ends (csv-stringify), and cells that a spreadsheet would take
 * for a formula (= + - @, tab, carriage return) prefixed with an apostrophe. XLSX: exceljs, with a
 * bold frozen header, filters, sensible column widths and real dates.
 */
import { stringify } from 'csv-stringify/sync';
import type ExcelJSModule from 'exceljs';

export type CellValue = string | number | boolean | null | { date: string };

export interface Column {
  header: string;
  /** Approximate width in characters (XLSX). */
  width: number;
}

export interface Table {
  sheetName: string;
  columns: Column[];
  rows: CellValue[][];
}

/** Neutralise text a spreadsheet would evaluate (OWASP "CSV injection"). */
export function defuse(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

function csvCell(v: CellValue): string {
  if (v === null) return '';
  if (typeof v === 'object') return v.date;
  if (typeof v === 'boolean') return v ? 'Ja' : 'Nej';
  return typeof v === 'number' ? String(v) : defuse(v);
}

/** `delimiter` ';' suits Excel with Danish regional settings (where ',' is the decimal mark). */
export function toCsv(t: Table, delimiter: ',' | ';' = ','): Buffer {
  const text = stringify([t.columns.map((c) => defuse(c.header)), ...t.rows.map((r) => r.map(csvCell))], {
    bom: true,
    delimiter,
    record_delimiter: 'windows',
    quoted_match: /^'/,
  });
  return Buffer.from(text, 'utf8');
}

export async function toXlsx(t: Table, meta: { title: string; creator: string; created: Date }): Promise<Buffer> {
  // Loaded on first use: exceljs is large, and most processes never write a spreadsheet.
  const ExcelJS: typeof ExcelJSModule = require('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = meta.creator;
  wb.title = meta.title;
  wb.created = meta.created;
  const ws = wb.addWorksheet(t.sheetName.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = t.columns.map((c, i) => ({ header: c.header, key: String(i), width: c.width }));
  for (const r of t.rows) {
    ws.addRow(
      r.map((v) => {
        if (v === null) return null;
        if (typeof v === 'object') {
          // A calendar date: midnight UTC is the same day in Excel's zone-less serial dates.
          return new Date(`${v.date.slice(0, 10)}T00:00:00Z`);
        }
        if (typeof v === 'boolean') return v ? 'Ja' : 'Nej';
        return v;
      }),
    );
  }
  t.columns.forEach((_, i) => {
    const col = ws.getColumn(i + 1);
    if (t.rows.some((r) => r[i] !== null && typeof r[i] === 'object')) col.numFmt = 'dd-mm-yyyy';
    col.alignment = { vertical: 'top', wrapText: t.columns[i].width >= 40 };
  });
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle' };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE2E8F0' } };
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: t.columns.length } };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
