/**
 * The server is killed with SIGKILL in the middle of writes (every write sent with an
 * Idempotency-Key). A new process starts on the same database; clients retry what got no answer
 * with the same key. Afterwards: no half-written mutation (INVARIANTS), every acknowledged write
 * has exactly one effect, and a retry of an acknowledged write is replayed without a second effect.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { AckedWrite, checkInvariants, verifyWrites } from '../checks';
import { expect, Scenario } from '../scenario';
import { buildWorld, CHANGE_STATUS, freshDb, gql, RECORD_DECISION, Res, ServerProcess, sleep, spawnServer } from '../support';

const CLIENTS = 8;

interface Write {
  kind: 'changeActionItemStatus' | 'recordDecision';
  query: string;
  variables: Record<string, unknown>;
  key: string;
  marker: string;
  token: string;
}

export const sigkill: Scenario = {
  name: 'server killed (SIGKILL) in the middle of writes',
  budgetMs: 90_000,
  async run(env, report) {
    const db = await freshDb(env.cluster);
    const w = await buildWorld(db, env.keyFile, { coordinators: 4, meetings: 3, actionItems: 33 });
    // The last action item is kept out of the traffic: a write on it is held in flight at the kill.
    const heldItem = w.actionItemIds.pop()!;
    let server: ServerProcess = await spawnServer(db, env.keyFile);
    let current: Promise<string> = Promise.resolve(server.url);
    let phase: 'before' | 'restarting' | 'after' | 'done' = 'before';
    const acked: AckedWrite[] = [];
    const settledOk: { write: Write; res: Res }[] = [];
    let unanswered = 0;
    let retries = 0;
    let replayed = 0;
    let doneWithoutResponse = 0;
    let sent = 0;
    const bad: string[] = [];

    /** Send until the answer is definitive; returns it (null when the write had no effect and is dropped). */
    const settle = async (write: Write): Promise<Res | null> => {
      for (let attempt = 0; attempt < 20; attempt++) {
        const url = await current;
        sent++;
        const r = await gql(url, write.token, write.query, write.variables, { headers: { 'idempotency-key': write.key }, timeoutMs: 25_000 });
        if (r.status === 0) {
          unanswered++;
          retries++;
          await sleep(200);
          continue;
        }
        const code = r.json?.errors?.[0]?.extensions?.code;
        if (r.status === 409 && code === 'IDEMPOTENT_REQUEST_IN_PROGRESS') {
          retries++;
          continue;
        }
        if (r.status >= 500) bad.push(`${write.kind}: HTTP ${r.status} ${r.text.slice(0, 200)}`);
        return r;
      }
      bad.push(`${write.kind}: no definitive answer after 20 attempts`);
      return null;
    };

    try {
      const workers = Array.from({ length: CLIENTS }, async (_, worker) => {
        const token = w.coordinators[worker % w.coordinators.length].token;
        const mine = w.actionItemIds.filter((_, i) => i % CLIENTS === worker);
        const status = new Map(mine.map((id) => [id, 'OPEN']));
        let n = 0;
        while (phase !== 'done') {
          n++;
          const marker = `rel-${randomUUID()}`;
          let write: Write;
          let id = '';
          let to = '';
          if (n % 3 !== 0) {
            id = mine[n % mine.length];
            to = status.get(id) === 'OPEN' ? 'IN_PROGRESS' : 'OPEN';
            write = { kind: 'changeActionItemStatus', query: CHANGE_STATUS, variables: { id, status: to, comment: marker }, key: randomUUID(), marker, token };
          } else {
            write = { kind: 'recordDecision', query: RECORD_DECISION, variables: { input: { agendaItemId: w.agendaItemIds[n % w.agendaItemIds.length], text: marker } }, key: randomUUID(), marker, token };
          }
          const r = await settle(write);
          if (!r) continue;
          const code = r.json?.errors?.[0]?.extensions?.code;
          const replay = r.headers?.get('idempotent-replayed') === 'true';
          if (r.status === 200 && r.json?.data && !r.json.errors) {
            if (replay) replayed++;
            acked.push({ kind: write.kind, requestId: replay ? '' : r.headers!.get('x-request-id')!, marker });
            settledOk.push({ write, res: r });
            if (id) status.set(id, to);
          } else if (r.status === 409 && code === 'IDEMPOTENT_REQUEST_DONE') {
            // Committed by the killed process, its response lost: the effect is there (checked below).
            doneWithoutResponse++;
            acked.push({ kind: write.kind, requestId: '', marker });
            if (id) status.set(id, to);
          } else if (code === 'CONFLICT' && id) {
            const from = r.json.errors[0].extensions.from;
            if (typeof from === 'string') status.set(id, from);
          }
        }
      });
      // A write certainly in the middle of its transaction at the kill (its Idempotency-Key pending):
      // it waits for a row lock this test holds.
      const holder = new pg.Client({ connectionString: db.url });
      await holder.connect();
      await holder.query('BEGIN');
      await holder.query('SELECT 1 FROM action_item WHERE id = $1 FOR UPDATE', [heldItem]);
      const heldMarker = `rel-${randomUUID()}`;
      const held: Write = {
        kind: 'changeActionItemStatus',
        query: CHANGE_STATUS,
        variables: { id: heldItem, status: 'IN_PROGRESS', comment: heldMarker },
        key: randomUUID(),
        marker: heldMarker,
        token: w.coordinators[0].token,
      };
      const heldFirst = gql(server.url, held.token, held.query, held.variables, { headers: { 'idempotency-key': held.key } });
      await sleep(3000);
      const [pending] = await db.query<{ state: string }>('SELECT state FROM idempotency_key WHERE key = $1', [held.key]);
      expect(report, pending?.state === 'pending', `the held write's key is pending at the kill: ${pending?.state}`);
      phase = 'restarting';
      const inFlightAtKill = sent;
      await server.kill('SIGKILL');
      const heldFirstRes = await heldFirst;
      expect(report, heldFirstRes.status === 0, `the held write got no answer: ${heldFirstRes.status}`);
      await holder.query('ROLLBACK');
      await holder.end();
      let resolveNext!: (u: string) => void;
      current = new Promise((r) => (resolveNext = r));
      server = await spawnServer(db, env.keyFile);
      resolveNext(server.url);
      phase = 'after';
      await sleep(3000);
      phase = 'done';
      await workers;
      // The held write, retried with its key: taken over once the dead attempt's key is stale, executed once.
      const tRetry = Date.now();
      const heldRes = await settle(held);
      const heldMs = Date.now() - tRetry;
      const heldOk = heldRes?.status === 200 && heldRes.json?.data?.changeActionItemStatus?.status === 'IN_PROGRESS';
      expect(report, heldOk, `the held write's retry succeeded: ${heldRes?.status} ${heldRes?.text.slice(0, 200)}`);
      if (heldOk) acked.push({ kind: 'changeActionItemStatus', requestId: heldRes!.headers!.get('x-request-id')!, marker: heldMarker });
      report.notes.push(`a write held in its transaction at the kill (key pending) was retried with its key: executed once by the new process after ${heldMs} ms (the dead attempt's key goes stale after IDEMPOTENCY_STALE_MS)`);

      report.load = `${CLIENTS} clients writing with Idempotency-Key: ${sent} requests, ${acked.length} writes acknowledged (${replayed} by replay, ${doneWithoutResponse} as IDEMPOTENT_REQUEST_DONE)`;
      report.faults = `SIGKILL of the server after ${inFlightAtKill} requests; ${unanswered} requests got no answer and were retried with their key (${retries} retries in all); a new process took over`;
      report.inputs = 'changeActionItemStatus, recordDecision';
      for (const b of bad.slice(0, 10)) report.failures.push(b);
      expect(report, unanswered > 0, 'some writes were in flight when the server was killed');

      const inv = await checkInvariants(db);
      for (const b of inv.broken) report.failures.push(`half-written: ${b}`);
      const v = await verifyWrites(db, acked);
      report.lost += v.lost;
      report.duplicated += v.duplicated;
      for (const o of v.outcomes) report.notes.push(`"${o.check}": ${o.checked} checked, ${o.lost} lost, ${o.duplicated} duplicated ${o.details.join('; ')}`);

      // Retrying acknowledged writes again: replayed, no second effect.
      const sample = settledOk.slice(0, 20);
      let replays = 0;
      for (const { write, res } of sample) {
        const r = await gql(server.url, write.token, write.query, write.variables, { headers: { 'idempotency-key': write.key } });
        if (r.status === 200 && r.headers?.get('idempotent-replayed') === 'true' && r.text === res.text) replays++;
      }
      expect(report, replays === sample.length, `retries of acknowledged writes are replayed byte for byte: ${replays}/${sample.length}`);
      const again = await verifyWrites(db, acked);
      report.duplicated += again.duplicated;
      report.notes.push(`${sample.length} acknowledged writes retried with their key afterwards: ${replays} replayed, effects still exactly one`);
    } finally {
      phase = 'done';
      await server.kill('SIGKILL');
      await db.close();
    }
  },
};
