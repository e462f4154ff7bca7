/** `GET /calendar/<token>.ics`: a calendar feed, for calendar clients that cannot send credentials. */
import { DataSource } from 'typeorm';
import { HttpRoute, sendJson } from '../server';
import { calendarService } from './calendar.service';

export function calendarRoute(dataSource: DataSource, opts: { timeZone?: string } = {}): HttpRoute {
  return {
    name: 'calendar',
    matches: (url) => url.pathname.startsWith('/calendar/'),
    async handle(req, res, url) {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.setHeader('allow', 'GET, HEAD');
        return sendJson(res, 405, { error: 'method not allowed' });
      }
      const m = /^\/calendar\/([A-Za-z0-9_-]{1,200})\.ics$/.exec(url.pathname);
      const feed = m ? await calendarService.byToken(dataSource, m[1]) : null;
      // Unknown, malformed and revoked tokens look the same.
      if (!feed) return sendJson(res, 404, { error: 'no such calendar feed (unknown or revoked)' });
      const actions = url.searchParams.get('actions');
      const body = await calendarService.render(dataSource, feed, {
        timeZone: opts.timeZone,
        includeActionItems: actions === null ? undefined : actions === '1' || actions === 'true',
      });
      res.writeHead(200, {
        'content-type': 'text/calendar; charset=utf-8',
        'content-disposition': `inline; filename="${feed.prefix}.ics"`,
        'cache-control': 'private, max-age=300',
        'x-robots-tag': 'noindex',
        'referrer-policy': 'no-referrer',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    },
  };
}
