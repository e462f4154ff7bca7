/**
 * `/mail/unsubscribe/<token>`: the link in every digest. GET shows a confirmation button (link
 * scanners must not unsubscribe anyone); POST switches digests off, also as RFC 8058 one-click.
 */
import { DataSource } from 'typeorm';
import { HttpRoute } from '../server';
import { mailService } from './mail.service';

function page(res: import('node:http').ServerResponse, status: number, body: string) {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'referrer-policy': 'no-referrer', 'x-robots-tag': 'noindex' });
  res.end(`<!doctype html><html lang="da"><meta charset="utf-8"><title>Påmindelser</title><body style="font-family:sans-serif;max-width:40em;margin:3em auto">${body}</body></html>`);
}

export function unsubscribeRoute(dataSource: DataSource): HttpRoute {
  return {
    name: 'unsubscribe',
    matches: (url) => url.pathname.startsWith('/mail/unsubscribe/'),
    async handle(req, res, url) {
      const token = url.pathname.slice('/mail/unsubscribe/'.length);
      if (req.method === 'GET') {
        return page(res, 200, `<h1>Afmeld daglige påmindelser</h1><p>Du får ikke længere en daglig oversigt over dine handlingspunkter.</p><form method="post"><button type="submit">Afmeld</button></form>`);
      }
      if (req.method !== 'POST') return page(res, 405, '<p>Metoden er ikke tilladt.</p>');
      req.resume();
      const ok = await mailService.unsubscribe(dataSource, token);
      if (!ok) return page(res, 404, '<h1>Ukendt link</h1><p>Linket er ugyldigt eller udløbet.</p>');
      return page(res, 200, '<h1>Du er afmeldt</h1><p>Du kan slå påmindelserne til igen i mødearkivet.</p>');
    },
  };
}
