import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hand-written: what TypeORM's entity metadata cannot express.
 * - GIN indexes on the generated tsvector columns (full-text search, Danish configuration).
 * - Append-only history: UPDATE and DELETE on status histories are refused by the database itself.
 */
export class SearchIndexesAndHistoryGuards1795611335760 implements MigrationInterface {
  name = 'SearchIndexesAndHistoryGuards1795611335760';

  public async up(q: QueryRunner): Promise<void> {
    for (const table of ['meeting', 'agenda_item', 'decision', 'action_item']) {
      await q.query(`CREATE INDEX "${table}_search_idx" ON "${table}" USING gin ("search_vector")`);
    }
    await q.query(`
      CREATE FUNCTION refuse_history_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'history in % is append-only', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
      END $$`);
    for (const table of ['action_item_event', 'decision_status_change']) {
      await q.query(`CREATE TRIGGER "${table}_append_only" BEFORE UPDATE OR DELETE ON "${table}"
                     FOR EACH ROW EXECUTE FUNCTION refuse_history_change()`);
    }
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const table of ['action_item_event', 'decision_status_change']) {
      await q.query(`DROP TRIGGER "${table}_append_only" ON "${table}"`);
    }
    await q.query(`DROP FUNCTION refuse_history_change()`);
    for (const table of ['meeting', 'agenda_item', 'decision', 'action_item']) {
      await q.query(`DROP INDEX "${table}_search_idx"`);
    }
  }
}
