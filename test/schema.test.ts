import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { freshDatabase, TestDb } from './support/db';
import { pendingSchemaChanges } from '../src/db/database';
import { printedSchema } from '../src/schema';
import { projectRoot } from '../src/config';

describe('schema and migrations', () => {
  let db: TestDb;
  before(async () => (db = await freshDatabase()));
  after(() => db.close());

  it('the committed migrations produce exactly the schema the entities describe', async () => {
    assert.deepEqual(await pendingSchemaChanges(db.ds), []);
  });

  it('schema.graphql is the schema emitted from the code (run `npm run schema:emit`)', async () => {
    const committed = fs.readFileSync(path.join(projectRoot, 'schema.graphql'), 'utf8');
    assert.equal(committed, (await printedSchema()) + '\n', 'schema.graphql is stale: run `npm run schema:emit`');
  });
});
