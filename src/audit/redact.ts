/** Confidential text inside audit rows is shown only to readers with a legal basis in the record's forum. */
import { Ctx } from '../context';
import { REDACTED } from '../auth/confidential';
import { RowChange } from './audit.entity';

const TEXT_FIELDS = new Set(['title', 'description', 'outcomeNotes', 'text', 'comment', 'before', 'after', 'fromValue', 'toValue']);

/** For each type whose rows can be confidential: SQL giving (id, confidential, forum_id) for ids $1. */
const LOOKUP: Record<string, string> = {
  AgendaItem: 'SELECT id::text, confidential, forum_id::text FROM agenda_item WHERE id = ANY($1::uuid[])',
  Decision: 'SELECT id::text, confidential, forum_id::text FROM decision WHERE id = ANY($1::uuid[])',
  ActionItem: 'SELECT id::text, confidential, forum_id::text FROM action_item WHERE id = ANY($1::uuid[])',
  ActionItemEvent:
    'SELECT e.id::text, ai.confidential, ai.forum_id::text FROM action_item_event e JOIN action_item ai ON ai.id = e.action_item_id WHERE e.id = ANY($1::uuid[])',
  DecisionStatusChange:
    'SELECT h.id::text, d.confidential, d.forum_id::text FROM decision_status_change h JOIN decision d ON d.id = h.decision_id WHERE h.id = ANY($1::uuid[])',
  MinutesAmendment:
    "SELECT x.id::text, coalesce(a.confidential, false) AS confidential, a.forum_id::text FROM minutes_amendment x LEFT JOIN agenda_item a ON a.id = x.target_id AND x.target LIKE 'AgendaItem.%' WHERE x.id = ANY($1::uuid[])",
};

function scrub(values: Record<string, unknown> | null): Record<string, unknown> | null {
  if (!values) return values;
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, TEXT_FIELDS.has(k) && v != null ? REDACTED : v]));
}

export async function redactChanges(ctx: Ctx, changes: RowChange[]): Promise<RowChange[]> {
  const byType = new Map<string, string[]>();
  for (const c of changes) if (LOOKUP[c.entity]) byType.set(c.entity, [...(byType.get(c.entity) ?? []), c.id]);
  if (!byType.size) return changes;
  const hidden = new Set<string>();
  for (const [type, ids] of byType) {
    const rows: { id: string; confidential: boolean; forum_id: string | null }[] = await ctx.manager.query(LOOKUP[type], [ids]);
    for (const r of rows) {
      if (r.confidential && !(r.forum_id && (await ctx.access.canSeeConfidential(r.forum_id)))) hidden.add(`${type}:${r.id}`);
    }
  }
  return changes.map((c) => (hidden.has(`${c.entity}:${c.id}`) ? { ...c, before: scrub(c.before), after: scrub(c.after) } : c));
}
