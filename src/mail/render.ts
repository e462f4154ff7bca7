/**
 * What the e-mails say, in Danish, as plain text. Every message is rendered as its recipient: the
 * context passed in acts as that person, so confidential content is shown only to readers with a
 * legal basis in the forum (others see "[Fortroligt]"), and shown confidential content is logged.
 *
 * Minutes are attached as a document. The PDF renderer lives in the minutes module; it is plugged
 * in with setMinutesRenderer(). Until then the attachment is the plain-text minutes rendered here.
 */
import { Ctx } from '../context';
import { REDACTED } from '../auth/confidential';

export interface Attachment {
  filename: string;
  content: Buffer;
  contentType: string;
}

export interface RenderedMail {
  subject: string;
  text: string;
  attachments?: Attachment[];
}

/** Renders a meeting's minutes as a PDF for the reader in `ctx` (redacted for them). */
export type MinutesRenderer = (ctx: Ctx, meetingId: string) => Promise<Buffer>;

let minutesRenderer: MinutesRenderer | null = null;

/** Plug in the PDF renderer of the minutes module (null: back to the plain-text attachment). */
export function setMinutesRenderer(fn: MinutesRenderer | null): void {
  minutesRenderer = fn;
}

const STATUS_DA: Record<string, string> = {
  open: 'åben',
  in_progress: 'i gang',
  blocked: 'blokeret',
  done: 'udført',
  cancelled: 'annulleret',
  in_force: 'gældende',
  implemented: 'gennemført',
  superseded: 'erstattet',
  revoked: 'ophævet',
  present: 'til stede',
  absent: 'fraværende',
  excused: 'afbud',
  planned: 'planlagt',
  discussed: 'behandlet',
  deferred: 'udsat',
};
const da = (s: string) => STATUS_DA[s] ?? s;

export function formatWhen(d: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('da-DK', { timeZone, dateStyle: 'full', timeStyle: 'short' }).format(d);
}

function formatDay(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return new Intl.DateTimeFormat('da-DK', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** Shows confidential text only to readers with a legal basis in the forum; logs what is shown. */
async function shown(ctx: Ctx, row: { confidential: boolean; forum_id: string; agenda_item_id?: string | null }, value: string): Promise<string> {
  if (!row.confidential) return value;
  if (await ctx.access.canSeeConfidential(row.forum_id)) {
    if (row.agenda_item_id) ctx.confidentialReads.add(row.agenda_item_id);
    return value;
  }
  return REDACTED;
}

// ------------------------------------------------------------------------------------------ digest

export interface DigestItem {
  id: string;
  title: string;
  confidential: boolean;
  forum_id: string;
  agenda_item_id: string | null;
  due_date: string;
  status: string;
  forum_name: string;
  org_name: string;
  person_name: string | null;
}

export async function renderDigest(
  ctx: Ctx,
  opts: { name: string | null; day: string; overdue: DigestItem[]; upcoming: DigestItem[]; daysBefore: number; unsubscribeUrl: string | null },
): Promise<RenderedMail> {
  const line = async (a: DigestItem) =>
    `- ${await shown(ctx, a, a.title)}\n  Frist: ${formatDay(a.due_date)} · ${a.forum_name} · Ansvarlig: ${a.org_name}${a.person_name ? ` (${a.person_name})` : ''} · Status: ${da(a.status)}`;
  const parts: string[] = [`Hej${opts.name ? ' ' + opts.name : ''},`, ''];
  parts.push(`Her er dagens oversigt over handlingspunkter, som du er ansvarlig for (${formatDay(opts.day)}).`);
  if (opts.overdue.length) {
    parts.push('', `Overskredet frist (${opts.overdue.length}):`);
    for (const a of opts.overdue) parts.push(await line(a));
  }
  if (opts.upcoming.length) {
    parts.push('', `Frist inden for ${opts.daysBefore} dage (${opts.upcoming.length}):`);
    for (const a of opts.upcoming) parts.push(await line(a));
  }
  parts.push('', 'Opdatér status i partnerskabets mødearkiv, når et punkt er udført eller blokeret.');
  if (opts.unsubscribeUrl) parts.push('', `Du kan afmelde de daglige påmindelser her: ${opts.unsubscribeUrl}`);
  const counts = [opts.overdue.length ? `${opts.overdue.length} overskredet` : null, opts.upcoming.length ? `${opts.upcoming.length} med frist snart` : null]
    .filter(Boolean)
    .join(', ');
  return { subject: `Påmindelse om handlingspunkter: ${counts}`, text: parts.join('\n') + '\n' };
}

// ------------------------------------------------------------------------------------------ meetings

interface MeetingRow {
  id: string;
  title: string;
  starts_at: Date;
  ends_at: Date;
  location: string | null;
  status: string;
  minutes_notes: string | null;
  minutes_status: string;
  forum_id: string;
  forum_name: string;
}

interface ItemRow {
  id: string;
  position: number;
  title: string;
  description: string;
  kind: string;
  status: string;
  outcome_notes: string | null;
  confidential: boolean;
  forum_id: string;
  presenter: string | null;
}

async function loadMeeting(ctx: Ctx, meetingId: string): Promise<{ m: MeetingRow; items: ItemRow[] } | null> {
  const [m]: MeetingRow[] = await ctx.manager.query(
    `SELECT m.id::text, m.title, m.starts_at, m.ends_at, coalesce(m.location, f.default_location) AS location, m.status, m.minutes_notes, m.minutes_status,
            m.forum_id::text, f.name AS forum_name
       FROM meeting m JOIN forum f ON f.id = m.forum_id WHERE m.id = $1`,
    [meetingId],
  );
  if (!m) return null;
  const items: ItemRow[] = await ctx.manager.query(
    `SELECT a.id::text, a.position, a.title, a.description, a.kind, a.status, a.outcome_notes, a.confidential, a.forum_id::text,
            coalesce(p.name, o.name) AS presenter
       FROM agenda_item a LEFT JOIN person p ON p.id = a.presenter_person_id LEFT JOIN organisation o ON o.id = a.presenter_organisation_id
      WHERE a.meeting_id = $1 ORDER BY a.position, a.id`,
    [meetingId],
  );
  return { m, items };
}

export async function renderAgenda(ctx: Ctx, meetingId: string): Promise<RenderedMail | null> {
  const loaded = await loadMeeting(ctx, meetingId);
  if (!loaded) return null;
  const { m, items } = loaded;
  const parts = [
    `Dagsorden: ${m.title}`,
    '',
    `Forum: ${m.forum_name}`,
    `Tid: ${formatWhen(m.starts_at, ctx.timeZone)}`,
    `Sted: ${m.location ?? 'ikke angivet'}`,
    '',
    'Dagsorden:',
  ];
  for (const i of items) {
    const row = { ...i, agenda_item_id: i.id };
    parts.push(`${i.position}. ${await shown(ctx, row, i.title)}${i.presenter ? ` (v/ ${i.presenter})` : ''}`);
    const desc = i.description ? await shown(ctx, row, i.description) : '';
    if (desc) parts.push(`   ${desc.replace(/\n/g, '\n   ')}`);
  }
  if (!items.length) parts.push('(ingen punkter endnu)');
  return { subject: `Dagsorden: ${m.title}`, text: parts.join('\n') + '\n' };
}

/** The minutes as plain text, for the reader in `ctx`: attendance, agenda with outcomes, decisions, action items. */
export async function renderMinutesText(ctx: Ctx, meetingId: string): Promise<{ m: MeetingRow; text: string } | null> {
  const loaded = await loadMeeting(ctx, meetingId);
  if (!loaded) return null;
  const { m, items } = loaded;
  const attendance: { org: string; person: string | null; status: string }[] = await ctx.manager.query(
    `SELECT o.name AS org, p.name AS person, at.status FROM attendance at JOIN organisation o ON o.id = at.organisation_id
       LEFT JOIN person p ON p.id = at.person_id WHERE at.meeting_id = $1 ORDER BY o.name, p.name`,
    [meetingId],
  );
  const decisions: { agenda_item_id: string; text: string; status: string; case_number: string | null; kle_number: string | null; confidential: boolean; forum_id: string }[] =
    await ctx.manager.query(
      `SELECT agenda_item_id::text, text, status, case_number, kle_number, confidential, forum_id::text FROM decision WHERE meeting_id = $1 ORDER BY decided_at, id`,
      [meetingId],
    );
  const actions: { agenda_item_id: string | null; title: string; due_date: string; status: string; confidential: boolean; forum_id: string; org: string; person: string | null }[] =
    await ctx.manager.query(
      `SELECT a.agenda_item_id::text, a.title, a.due_date::text, a.status, a.confidential, a.forum_id::text, o.name AS org, p.name AS person
         FROM action_item a JOIN organisation o ON o.id = a.assignee_organisation_id LEFT JOIN person p ON p.id = a.assignee_person_id
        WHERE a.meeting_id = $1 ORDER BY a.due_date, a.id`,
      [meetingId],
    );
  const parts = [
    `Referat: ${m.title}`,
    `Forum: ${m.forum_name}`,
    `Tid: ${formatWhen(m.starts_at, ctx.timeZone)}`,
    `Sted: ${m.location ?? 'ikke angivet'}`,
    `Referatets status: ${m.minutes_status === 'approved' ? 'godkendt' : 'udkast'}`,
    '',
    'Fremmøde:',
  ];
  for (const a of attendance) parts.push(`- ${a.org}${a.person ? `, ${a.person}` : ''}: ${da(a.status)}`);
  if (!attendance.length) parts.push('- ikke registreret');
  parts.push('', 'Dagsorden og resultater:');
  for (const i of items) {
    const row = { ...i, agenda_item_id: i.id };
    parts.push(`${i.position}. ${await shown(ctx, row, i.title)} [${da(i.status)}]`);
    if (i.outcome_notes) parts.push(`   Resultat: ${await shown(ctx, row, i.outcome_notes)}`);
    for (const d of decisions.filter((x) => x.agenda_item_id === i.id)) {
      const refs = [d.case_number ? `sagsnr. ${d.case_number}` : null, d.kle_number ? `KLE ${d.kle_number}` : null].filter(Boolean).join(', ');
      parts.push(`   Beslutning (${da(d.status)}${refs ? '; ' + refs : ''}): ${await shown(ctx, { ...d, agenda_item_id: i.id }, d.text)}`);
    }
  }
  if (actions.length) {
    parts.push('', 'Handlingspunkter:');
    for (const a of actions) {
      parts.push(`- ${await shown(ctx, a, a.title)} — ${a.org}${a.person ? ` (${a.person})` : ''}, frist ${formatDay(a.due_date)} [${da(a.status)}]`);
    }
  }
  if (m.minutes_notes) parts.push('', 'Øvrige bemærkninger:', m.minutes_notes);
  return { m, text: parts.join('\n') + '\n' };
}

export async function renderMinutes(ctx: Ctx, meetingId: string): Promise<RenderedMail | null> {
  const minutes = await renderMinutesText(ctx, meetingId);
  if (!minutes) return null;
  const day = minutes.m.starts_at.toISOString().slice(0, 10);
  const attachment: Attachment = minutesRenderer
    ? { filename: `referat-${day}.pdf`, content: await minutesRenderer(ctx, meetingId), contentType: 'application/pdf' }
    : { filename: `referat-${day}.txt`, content: Buffer.from(minutes.text, 'utf8'), contentType: 'text/plain; charset=utf-8' };
  return {
    subject: `Godkendt referat: ${minutes.m.title}`,
    text: `Referatet af ${minutes.m.title} er godkendt. Det er vedhæftet (${attachment.filename}).\n\n${minutes.text}`,
    attachments: [attachment],
  };
}
