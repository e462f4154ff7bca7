/**
 * Minutes (referat) of a meeting as HTML and PDF, for the reader in `ctx`: what they may not read is
 * left out or shown as "[Fortroligt]", exactly as in the API. Used by the HTTP routes
 * (minutes.route.ts) and by anything that sends minutes on (e-mail distribution): build a context for
 * the recipient and call these.
 */
import { Ctx } from '../context';
import { flushConfidentialReads } from '../auth/confidential';
import { loadMinutes } from './minutes.data';
import { MinutesView, minutesView } from './minutes.view';
import { minutesHtml } from './minutes.html';
import { minutesPdf } from './minutes.pdf';

/** The minutes' view for this reader; NOT_FOUND when the meeting does not exist or is not theirs to read. */
export async function minutesFor(ctx: Ctx, meetingId: string): Promise<MinutesView> {
  const data = await loadMinutes(ctx, meetingId);
  // Confidential content that went into the document is logged as read by this reader.
  await flushConfidentialReads(ctx);
  return minutesView(data, { now: ctx.now(), timeZone: ctx.timeZone });
}

/** A self-contained HTML document (UTF-8, inline CSS, no scripts). */
export async function renderMinutesHtml(ctx: Ctx, meetingId: string): Promise<string> {
  return minutesHtml(await minutesFor(ctx, meetingId));
}

/** An A4 PDF with embedded fonts. */
export async function renderMinutesPdf(ctx: Ctx, meetingId: string): Promise<Buffer> {
  return minutesPdf(await minutesFor(ctx, meetingId));
}

/** A file name for the minutes, e.g. "Referat Koordinationsgruppen 2026-03-03.pdf". */
export function minutesFileName(v: MinutesView, ext: 'pdf' | 'html'): string {
  const forum = v.forum.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 80);
  return `Referat ${forum} ${v.day}.${ext}`;
}
