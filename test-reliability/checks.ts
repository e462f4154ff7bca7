/**
 * What "every acknowledged write is present" means, as a pluggable list. A scenario records each
 * write the server acknowledged (HTTP 200, data, no errors) as an AckedWrite; every WriteCheck that
 * applies to its kind then looks for it in the database and counts it lost (missing) or duplicated.
 *
 * Extend it where the record grows: the change feed (#5) adds a check that each acknowledged write
 * has exactly one feed entry, e-mail/subscriptions (#7) one that its notification is queued once —
 * push a WriteCheck onto WRITE_CHECKS (and an Invariant onto INVARIANTS) and every scenario uses it.
 */
import type { ScenarioDb } from './support';

export interface AckedWrite {
  /** The mutation (root field), e.g. `changeActionItemStatus`. */
  kind: string;
  /** The response's x-request-id (the audit row carries it); empty when unknown (a replayed or lost response). */
  requestId: string;
  /** A unique text the write stored (comment, decision text), to find its effect. */
  marker: string;
  objectId?: string;
}

export interface CheckOutcome {
  check: string;
  checked: number;
  lost: number;
  duplicated: number;
  details: string[];
}

export interface WriteCheck {
  name: string;
  /** Finds the write by the request id of its response (a replayed response has a new one). */
  byRequestId?: boolean;
  appliesTo(kind: string): boolean;
  /** How many times each write is found (by index in `writes`). */
  count(db: ScenarioDb, writes: AckedWrite[]): Promise<number[]>;
}

/** Counts per marker from `sql` (which takes the markers as $1 text[] and returns marker, n). */
function byMarker(sql: string) {
  return async (db: ScenarioDb, writes: AckedWrite[]): Promise<number[]> => {
    const rows: { marker: string; n: number }[] = await db.query(sql, [writes.map((w) => w.marker)]);
    const m = new Map(rows.map((r) => [r.marker, Number(r.n)]));
    return writes.map((w) => m.get(w.marker) ?? 0);
  };
}

export const WRITE_CHECKS: WriteCheck[] = [
  {
    name: 'status change in the action item history',
    appliesTo: (k) => k === 'changeActionItemStatus',
    count: byMarker(
      `SELECT comment AS marker, count(*)::int AS n FROM action_item_event WHERE kind = 'status_changed' AND comment = ANY($1::text[]) GROUP BY comment`,
    ),
  },
  {
    name: 'decision recorded',
    appliesTo: (k) => k === 'recordDecision',
    count: byMarker(`SELECT text AS marker, count(*)::int AS n FROM decision WHERE text = ANY($1::text[]) GROUP BY text`),
  },
  {
    // The change feed's row is written by a trigger in the mutation's transaction: same xid (low 32 bits = xmin).
    name: 'status change in the change feed',
    appliesTo: (k) => k === 'changeActionItemStatus',
    count: byMarker(
      `SELECT ae.comment AS marker, count(ce.seq)::int AS n FROM action_item_event ae
         JOIN change_event ce ON ce.entity = 'ActionItem' AND ce.entity_id = ae.action_item_id AND ce.op = 'updated'
                             AND ce.xid % 4294967296 = ae.xmin::text::bigint
        WHERE ae.kind = 'status_changed' AND ae.comment = ANY($1::text[]) GROUP BY ae.comment`,
    ),
  },
  {
    name: 'decision in the change feed',
    appliesTo: (k) => k === 'recordDecision',
    count: byMarker(
      `SELECT d.text AS marker, count(ce.seq)::int AS n FROM decision d
         JOIN change_event ce ON ce.entity = 'Decision' AND ce.entity_id = d.id AND ce.op = 'created'
        WHERE d.text = ANY($1::text[]) GROUP BY d.text`,
    ),
  },
  {
    name: 'audit row with the request id',
    byRequestId: true,
    appliesTo: () => true,
    async count(db, writes) {
      const rows: { request_id: string; action: string; n: number }[] = await db.query(
        `SELECT request_id, action, count(*)::int AS n FROM audit_entry WHERE request_id = ANY($1::text[]) GROUP BY request_id, action`,
        [writes.map((w) => w.requestId)],
      );
      const m = new Map(rows.map((r) => [`${r.request_id}|${r.action}`, Number(r.n)]));
      return writes.map((w) => m.get(`${w.requestId}|${w.kind}`) ?? 0);
    },
  },
];

export async function verifyWrites(db: ScenarioDb, writes: AckedWrite[]): Promise<{ lost: number; duplicated: number; outcomes: CheckOutcome[] }> {
  const outcomes: CheckOutcome[] = [];
  for (const check of WRITE_CHECKS) {
    const mine = writes.filter((w) => check.appliesTo(w.kind) && (!check.byRequestId || w.requestId));
    if (!mine.length) continue;
    const counts = await check.count(db, mine);
    const o: CheckOutcome = { check: check.name, checked: mine.length, lost: 0, duplicated: 0, details: [] };
    counts.forEach((n, i) => {
      if (n === 0) {
        o.lost++;
        if (o.details.length < 5) o.details.push(`lost: ${JSON.stringify(mine[i])}`);
      } else if (n > 1) {
        o.duplicated++;
        if (o.details.length < 5) o.details.push(`${n}x: ${JSON.stringify(mine[i])}`);
      }
    });
    outcomes.push(o);
  }
  return {
    lost: outcomes.reduce((s, o) => s + o.lost, 0),
    duplicated: outcomes.reduce((s, o) => s + o.duplicated, 0),
    outcomes,
  };
}

/** A rule the whole record keeps whatever happened: returns the offending rows (none when kept). */
export interface Invariant {
  name: string;
  sql: string;
}

/** No half-written mutation: each effect has the rows written with it in its transaction. */
export const INVARIANTS: Invariant[] = [
  {
    name: 'every action item has its creation event',
    sql: `SELECT a.id FROM action_item a WHERE NOT EXISTS (SELECT 1 FROM action_item_event e WHERE e.action_item_id = a.id AND e.kind = 'created')`,
  },
  {
    name: "an action item's status is its history's last status",
    sql: `SELECT a.id FROM action_item a
           WHERE a.status IS DISTINCT FROM (SELECT e.to_status FROM action_item_event e WHERE e.action_item_id = a.id ORDER BY e.at DESC, e.seq DESC LIMIT 1)`,
  },
  {
    name: 'every status change made by a person has its audit row',
    sql: `SELECT e.id FROM action_item_event e
           WHERE e.actor_id IS NOT NULL AND e.kind = 'status_changed'
             AND NOT EXISTS (SELECT 1 FROM audit_entry a WHERE a.action = 'changeActionItemStatus' AND a.entity_id = e.action_item_id
                               AND a.changes @> jsonb_build_array(jsonb_build_object('id', e.id::text)))`,
  },
  {
    name: 'every audit row of a status change has its history row',
    sql: `SELECT a.id FROM audit_entry a
           WHERE a.action = 'changeActionItemStatus'
             AND NOT EXISTS (SELECT 1 FROM action_item_event e WHERE e.action_item_id = a.entity_id AND a.changes @> jsonb_build_array(jsonb_build_object('id', e.id::text)))`,
  },
  {
    name: 'every decision recorded by a person has its audit row',
    sql: `SELECT d.id FROM decision d WHERE d.text LIKE 'rel-%'
             AND NOT EXISTS (SELECT 1 FROM audit_entry a WHERE a.action = 'recordDecision' AND a.entity_id = d.id)`,
  },
];

export async function checkInvariants(db: ScenarioDb): Promise<{ broken: string[] }> {
  const broken: string[] = [];
  for (const inv of INVARIANTS) {
    const rows = await db.query(inv.sql);
    if (rows.length) broken.push(`${inv.name}: ${rows.length} rows, e.g. ${JSON.stringify(rows.slice(0, 3))}`);
  }
  return { broken };
}
