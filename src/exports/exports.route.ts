/**
 * GET /exports/action-items.csv|.xlsx and /exports/decisions.csv|.xlsx with the API's list filters as
 * query parameters, e.g. `/exports/action-items.csv?partnershipId=…&status=OPEN,IN_PROGRESS&overdue=true`
 * (ActionItemFilter / DecisionFilter in schema.graphql); `separator=semicolon` for Excel with Danish
 * regional settings. Authenticated like the API; rows are what the
 * caller may read, confidential text redacted as in the API.
 */
import type { HttpRoute } from '../server';
import { localDate } from '../context';
import { DocumentRouteOptions, contentDisposition, documentHeaders, handleDocument } from '../http/documents';
import { ExportKind, exportFileName, exportRows, filterFromQuery } from './exports.service';
import { csvWriter, xlsxWriter } from './spreadsheet';
import { InputError } from '../common/errors';

const PATH = /^\/exports\/(action-items|decisions)\.(csv|xlsx)$/;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function exportsRoute(opts: DocumentRouteOptions): HttpRoute {
  return {
    name: 'exports',
    matches: (url) => PATH.test(url.pathname),
    handle: (req, res, url) =>
      handleDocument(req, res, opts, async (ctx) => {
        const [, kind, ext] = PATH.exec(url.pathname)! as unknown as [string, ExportKind, 'csv' | 'xlsx'];
        const separator = url.searchParams.get('separator') ?? 'comma';
        if (!['comma', 'semicolon', ',', ';'].includes(separator)) throw new InputError('separator', 'must be comma or semicolon');
        const filter = await filterFromQuery(kind, url.searchParams);
        const rows = await exportRows(ctx, kind, filter);
        const day = localDate(ctx.now(), ctx.timeZone);
        const name = exportFileName(kind, ext, day);
        // Streamed as the pages are read (no content-length: chunked), one page in memory at a time.
        res.writeHead(200, documentHeaders(ext === 'csv' ? 'text/csv; charset=utf-8; header=present' : XLSX, contentDisposition('attachment', name)));
        if (req.method === 'HEAD') return void res.end();
        const sheet =
          ext === 'csv'
            ? csvWriter(res, rows.columns, separator === 'semicolon' || separator === ';' ? ';' : ',')
            : xlsxWriter(res, rows.sheetName, rows.columns, { title: name, creator: 'Partnership Record', created: ctx.now() });
        for await (const page of rows.pages) await sheet.rows(page);
        await sheet.end();
      }),
  };
}
