/**
 * GET /meetings/<id>/minutes.html and /meetings/<id>/minutes.pdf: the minutes for the authenticated
 * reader (Authorization: Bearer <token or API key>, or X-Api-Key). `?download=1` asks for the HTML
 * as an attachment; the PDF always comes as one.
 */
import type { HttpRoute } from '../server';
import { DocumentRouteOptions, contentDisposition, handleDocument, sendDocument } from '../http/documents';
import { minutesFileName, minutesFor } from './minutes.service';
import { minutesHtml } from './minutes.html';
import { minutesPdf } from './minutes.pdf';

const PATH = /^\/meetings\/([^/]+)\/minutes\.(html|pdf)$/;

export function minutesRoute(opts: DocumentRouteOptions): HttpRoute {
  return {
    name: 'minutes',
    matches: (url) => PATH.test(url.pathname),
    handle: (req, res, url) =>
      handleDocument(req, res, opts, async (ctx) => {
        const [, id, format] = PATH.exec(url.pathname)!;
        const view = await minutesFor(ctx, decodeURIComponent(id));
        if (format === 'pdf') {
          const pdf = await minutesPdf(view);
          return sendDocument(res, pdf, 'application/pdf', contentDisposition('attachment', minutesFileName(view, 'pdf')));
        }
        const download = url.searchParams.get('download') === '1';
        sendDocument(res, minutesHtml(view), 'text/html; charset=utf-8', contentDisposition(download ? 'attachment' : 'inline', minutesFileName(view, 'html')), {
          // The document is static: no scripts, nothing loaded from elsewhere.
          'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'",
          'referrer-policy': 'no-referrer',
        });
      }),
  };
}
