/**
 * Spreadsheets written as their rows arrive, page by page, so that an export of 50,000 rows holds
 * one page in memory, not the file. CSV: UTF-8 with a byte-order mark (so Excel reads Danish letters
 * right), RFC 4180 quoting and CRLF line ends (csv-stringify), and cells that a spreadsheet would take
 * for a formula (= + - @, tab, carriage return) prefixed with an apostrophe. XLSX: exceljs's streaming
 * writer, with a bold frozen header, filters, sensible column widths and real dates.
 */
import type { Writable } from 'node:stream';
import { ResponseClosed } from '../http/documents';
import { stringify } from 'csv-stringify/sync';
import type ExcelJSModule from 'exceljs';

export type CellValue = string | number | boolean | null | { date: string };

export interface Column {
  header: string;
  /** Approximate width in characters (XLSX). */
  width: number;
  /** Holds calendar dates ({ date }): shown as dd-mm-yyyy in XLSX. */
  date?: boolean;
}

/** Writes a spreadsheet a page of rows at a time; `end` finishes the file. */
export interface SheetWriter {
  rows(rows: CellValue[][]): Promise<void>;
  end(): Promise<void>;
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

/** Resolves once `out` can take more (at once unless its buffer is full); rejects if it closed first. */
function drained(out: Writable): Promise<void> {
  if (out.destroyed) return Promise.reject(new ResponseClosed());
  if (!out.writableNeedDrain) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const done = (e?: Error) => {
      out.off('drain', ok);
      out.off('close', closed);
      if (e) reject(e);
      else resolve();
    };
    const ok = () => done();
    const closed = () => done(new ResponseClosed());
    out.on('drain', ok);
    out.on('close', closed);
  });
}

/** Resolves when `out` has finished, or has closed before finishing (the reader left): never hangs. */
function finished(out: Writable): Promise<void> {
  if (out.writableFinished || out.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    out.once('finish', () => resolve());
    out.once('close', () => resolve());
  });
}

/** `delimiter` ';' suits Excel with Danish regional settings (where ',' is the decimal mark). */
export function csvWriter(out: Writable, columns: Column[], delimiter: ',' | ';' = ','): SheetWriter {
  const options = { delimiter, record_delimiter: 'windows' as const, quoted_match: /^'/ };
  out.write(stringify([columns.map((c) => defuse(c.header))], { ...options, bom: true }));
  return {
    async rows(rows) {
      if (rows.length) out.write(stringify(rows.map((r) => r.map(csvCell)), options));
      await drained(out);
    },
    async end() {
      if (!out.destroyed) out.end();
      await finished(out);
    },
  };
}

export function xlsxWriter(out: Writable, sheetName: string, columns: Column[], meta: { title: string; creator: string; created: Date }): SheetWriter {
  // Loaded on first use: exceljs is large, and most processes never write a spreadsheet.
  const ExcelJS: typeof ExcelJSModule = require('exceljs');
  // Inline strings, not a shared-string table: the table would hold every distinct text until the end.
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = meta.creator;
  wb.title = meta.title;
  wb.created = meta.created;
  const ws = wb.addWorksheet(sheetName.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c, i) => ({
    header: c.header,
    key: String(i),
    width: c.width,
    style: { alignment: { vertical: 'top', wrapText: c.width >= 40 }, ...(c.date ? { numFmt: 'dd-mm-yyyy' } : {}) },
  }));
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle' };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE2E8F0' } };
  header.commit();
  return {
    async rows(rows) {
      for (const r of rows) {
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
        ).commit();
      }
      await drained(out);
    },
    async end() {
      ws.commit();
      // The workbook's commit waits for its zip to drain into `out`, which a departed reader never lets happen.
      const commit = wb.commit();
      // A failure once the reader has left has nowhere to go (and must not become an unhandled rejection).
      commit.catch(() => undefined);
      await Promise.race([commit, finished(out)]);
    },
  };
}
