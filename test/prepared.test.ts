import assert from 'node:assert/strict';
import { freshDatabase, TestDb } from './support/db';
import { Client } from './support/gql';
import { world } from './support/factory';
import { forgetPreparedTexts, prepared, preparedCount, setPreparedStatements } from '../src/db/prepared';

describe('prepared statements for hot reads', function () {
  this.timeout(60_000);
  let db: TestDb;
  let w: Awaited<ReturnType<typeof world>>;

  before(async () => {
    db = await freshDatabase();
    w = await world(db.ds);
    // Other test files in this process may have marked up to the cap.
    forgetPreparedTexts();
  });
  after(async () => db.close());

  it('prepares a marked statement from its second use on, once per connection, under a name from its text', async () => {
    const qr = db.ds.createQueryRunner();
    await qr.connect();
    try {
      const text = `SELECT o.name FROM organisation o WHERE o.id = ANY($1::uuid[]) /* ${Math.random()} */`;
      const named = async () => (await qr.query(`SELECT name, statement FROM pg_prepared_statements WHERE statement = $1`, [text])) as { name: string }[];
      assert.deepEqual(await qr.query(prepared(text), [[w.dept.id]]), [{ name: 'Socialforvaltningen' }]);
      assert.equal((await named()).length, 0, 'a text seen once runs unnamed');
      assert.deepEqual(await qr.query(prepared(text), [[w.police.id]]), [{ name: 'Københavns Politi' }]);
      const [stmt] = await named();
      assert.match(stmt.name, /^prk_/);
      // Later uses bind the same statement with new parameters.
      assert.deepEqual(await qr.query(prepared(text), [[w.school.id]]), [{ name: 'Tingbjergskolen' }]);
      assert.equal((await named()).length, 1);
      // Once prepared, the text runs as that statement however it is sent.
      assert.deepEqual(await qr.query(text, [[w.unit.id]]), [{ name: 'SSP København' }]);
      assert.equal((await named()).length, 1);
    } finally {
      await qr.release();
    }
  });

  it('gives the same answers with and without prepared statements (meeting history through GraphQL)', async () => {
    const client = await Client.create(db.ds);
    const q = `query($id: ID!) { forum(id: $id) { name meetings(first: 5) { edges { node { title agendaItems { edges { node { title
      decisions { edges { node { text actionItems { edges { node { title assigneeOrganisation { name } } } } } } } } } } } } } } }`;
    try {
      const runs = [];
      for (let i = 0; i < 3; i++) runs.push(await client.ok(q, { id: w.forum.id }));
      assert.ok(preparedCount() > 0, 'the nested history statement was prepared');
      setPreparedStatements(false);
      try {
        runs.push(await client.ok(q, { id: w.forum.id }));
      } finally {
        setPreparedStatements(true);
      }
      for (const r of runs) assert.deepEqual(r, runs[0]);
      assert.equal(runs[0].forum.meetings.edges[0].node.agendaItems.edges[0].node.title, 'Tryghedsvandring');
    } finally {
      await client.stop();
    }
  });
});
