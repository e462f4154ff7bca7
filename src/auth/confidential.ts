/**
 * Confidential content: agenda items flagged confidential, and the decisions and action items that
 * arose under them, show their text only to members of the forum whose seat records a legal basis
 * for sharing personal information (retsplejeloven § 115). Everyone else sees that the item exists,
 * its position and this marker. Every read of confidential content is logged.
 */
import { Ctx } from '../context';

export const REDACTED = '[Fortroligt]';

/** May this request see the content of a confidential record in this forum? */
export function mayReveal(ctx: Ctx, confidential: boolean, forumId: string): boolean | Promise<boolean> {
  return !confidential || ctx.access.canSeeConfidential(forumId);
}

/** The value, or the redaction marker; a confidential value that is shown is logged as read. */
export function reveal<T extends string | null>(
  ctx: Ctx,
  row: { confidential: boolean; forumId: string },
  agendaItemId: string | null,
  value: T,
): T | string | Promise<T | string> {
  // The common case stays synchronous: no promise per field.
  if (!row.confidential) return value;
  return revealConfidential(ctx, row, agendaItemId, value);
}

async function revealConfidential<T extends string | null>(
  ctx: Ctx,
  row: { confidential: boolean; forumId: string },
  agendaItemId: string | null,
  value: T,
): Promise<T | string> {
  if (await ctx.access.canSeeConfidential(row.forumId)) {
    if (agendaItemId) ctx.confidentialReads.add(agendaItemId);
    return value;
  }
  return value === null ? value : REDACTED;
}

/** Write this request's confidential reads to the access log (called before the response is sent). */
export async function flushConfidentialReads(ctx: Ctx): Promise<void> {
  if (!ctx.confidentialReads.size) return;
  const ids = [...ctx.confidentialReads];
  ctx.confidentialReads.clear();
  await ctx.dataSource.manager.query(
    `INSERT INTO confidential_read (person_id, api_key_id, agenda_item_id, partnership_id, request_id)
     SELECT $1, $2, a.id, f.partnership_id, $4 FROM agenda_item a JOIN forum f ON f.id = a.forum_id WHERE a.id = ANY($3::uuid[])`,
    [ctx.access.personId, ctx.access.apiKeyId, ids, ctx.requestId],
  );
}
