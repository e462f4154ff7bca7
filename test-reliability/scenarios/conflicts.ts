/**
 * Concurrent edits of one object: in each round every client sends an edit made against the same
 * version. Exactly one wins per version, the rest get CONFLICT (with the current version), and the
 * final state and history equal a serial replay of the winners.
 */
import { expect, Scenario } from '../scenario';
import { buildWorld, freshDb, gql, spawnServer } from '../support';

const CLIENTS = 8;
const ROUNDS = 12;

const MOVE = `mutation Move($id: ID!, $dueDate: LocalDate!, $comment: String, $version: Int) {
  moveActionItemDueDate(id: $id, dueDate: $dueDate, comment: $comment, version: $version) { id dueDate version }
}`;

export const conflicts: Scenario = {
  name: 'concurrent edits: one winner per version',
  budgetMs: 60_000,
  async run(env, report) {
    const db = await freshDb(env.cluster);
    const w = await buildWorld(db, env.keyFile, { coordinators: 4, meetings: 0, actionItems: 1 });
    // Two processes, so the race is between processes as well as connections.
    const a = await spawnServer(db, env.keyFile);
    const b = await spawnServer(db, env.keyFile);
    const id = w.actionItemIds[0];
    const [start] = await db.query<{ version: number; due_date: string }>('SELECT version, due_date::text FROM action_item WHERE id = $1', [id]);
    try {
      let version = start.version;
      const winners: string[] = [];
      let conflictsSeen = 0;
      let sent = 0;
      for (let round = 0; round < ROUNDS; round++) {
        const results = await Promise.all(
          Array.from({ length: CLIENTS }, (_, c) => {
            const dueDate = `2027-${String((round % 12) + 1).padStart(2, '0')}-${String(c + 1).padStart(2, '0')}`;
            sent++;
            return gql([a, b][c % 2].url, w.coordinators[c % w.coordinators.length].token, MOVE, { id, dueDate, comment: `r${round}c${c}`, version }).then((r) => ({ r, dueDate }));
          }),
        );
        const won = results.filter(({ r }) => r.status === 200 && !r.json?.errors && r.json?.data?.moveActionItemDueDate);
        const lost = results.filter(({ r }) => r.json?.errors?.[0]?.extensions?.code === 'CONFLICT');
        conflictsSeen += lost.length;
        expect(report, won.length === 1, `round ${round}: ${won.length} winners for version ${version}`);
        expect(report, lost.length === CLIENTS - won.length, `round ${round}: the others get CONFLICT: ${results.map(({ r }) => r.status + ' ' + r.text.slice(0, 120)).join(' | ')}`);
        for (const { r } of lost) {
          const current = r.json.errors[0].extensions.currentVersion ?? r.json.errors[0].extensions.version;
          if (current !== undefined) expect(report, current === version + 1, `CONFLICT names the current version ${version + 1}: ${JSON.stringify(r.json.errors[0].extensions)}`);
        }
        if (won.length !== 1) break;
        winners.push(won[0].dueDate);
        version = won[0].r.json.data.moveActionItemDueDate.version;
      }
      // Serial replay of the winners from the start state.
      const expectedDue = winners.at(-1) ?? start.due_date;
      const [end] = await db.query<{ version: number; due_date: string }>('SELECT version, due_date::text FROM action_item WHERE id = $1', [id]);
      expect(report, end.due_date === expectedDue, `final due date ${end.due_date} = last winner ${expectedDue}`);
      expect(report, end.version === start.version + winners.length, `final version ${end.version} = ${start.version} + ${winners.length} winners`);
      const history = await db.query<{ from_value: string; to_value: string }>(
        `SELECT from_value, to_value FROM action_item_event WHERE action_item_id = $1 AND kind = 'due_date_moved' ORDER BY at, seq`,
        [id],
      );
      const replay = winners.map((d, i) => ({ from_value: i === 0 ? start.due_date : winners[i - 1], to_value: d }));
      expect(report, JSON.stringify(history) === JSON.stringify(replay), `history equals the serial replay: ${JSON.stringify(history.slice(0, 3))} vs ${JSON.stringify(replay.slice(0, 3))}`);
      const audits = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_entry WHERE action = 'moveActionItemDueDate' AND entity_id = $1`, [id]);
      expect(report, audits[0].n === winners.length, `one audit row per winner: ${audits[0].n}`);
      report.duplicated = Math.max(0, history.length - winners.length);
      report.lost = Math.max(0, winners.length - history.length);
      report.load = `${ROUNDS} rounds × ${CLIENTS} clients editing one action item through 2 server processes (${sent} requests)`;
      report.inputs = 'moveActionItemDueDate with the same expected version per round';
      report.notes.push(`${winners.length} winners, ${conflictsSeen} CONFLICT answers; final state equals the serial replay`);
    } finally {
      await a.kill('SIGKILL');
      await b.kill('SIGKILL');
      await db.close();
    }
  },
};
