import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The change feed's outbox, written by the database itself: AFTER … FOR EACH STATEMENT triggers with
 * transition tables on the six record tables insert one change_event row per changed row, with one
 * INSERT per statement, in the writing transaction. Every write is captured, whatever code path made
 * it (services, seed, raw SQL). Updates that change nothing but version/updated_at are skipped.
 */
const TABLES = ['partnership', 'forum', 'meeting', 'agenda_item', 'decision', 'action_item'];

export class ChangeFeedTriggers1795621824278 implements MigrationInterface {
  name = 'ChangeFeedTriggers1795621824278';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION change_feed_record() RETURNS trigger LANGUAGE plpgsql AS $fn$
      DECLARE
        ent text := CASE TG_TABLE_NAME
          WHEN 'partnership' THEN 'Partnership' WHEN 'forum' THEN 'Forum' WHEN 'meeting' THEN 'Meeting'
          WHEN 'agenda_item' THEN 'AgendaItem' WHEN 'decision' THEN 'Decision' WHEN 'action_item' THEN 'ActionItem' END;
        x bigint := pg_current_xact_id()::text::bigint;
      BEGIN
        IF TG_OP = 'INSERT' THEN
          INSERT INTO change_event (xid, entity, entity_id, op, version, partnership_id, forum_id, confidential, changed_fields, data)
          SELECT x, ent, r.id, 'created', (r.j->>'version')::int,
                 CASE TG_TABLE_NAME WHEN 'partnership' THEN r.id WHEN 'agenda_item' THEN (SELECT f.partnership_id FROM forum f WHERE f.id = (r.j->>'forum_id')::uuid)
                      ELSE (r.j->>'partnership_id')::uuid END,
                 CASE TG_TABLE_NAME WHEN 'partnership' THEN NULL WHEN 'forum' THEN r.id ELSE (r.j->>'forum_id')::uuid END,
                 coalesce((r.j->>'confidential')::boolean, false), NULL, r.j
            FROM (SELECT n.id, to_jsonb(n) - 'search_vector' AS j FROM new_rows n) r;
        ELSIF TG_OP = 'UPDATE' THEN
          INSERT INTO change_event (xid, entity, entity_id, op, version, partnership_id, forum_id, confidential, changed_fields, data)
          SELECT x, ent, r.id, 'updated', (r.j->>'version')::int,
                 CASE TG_TABLE_NAME WHEN 'partnership' THEN r.id WHEN 'agenda_item' THEN (SELECT f.partnership_id FROM forum f WHERE f.id = (r.j->>'forum_id')::uuid)
                      ELSE (r.j->>'partnership_id')::uuid END,
                 CASE TG_TABLE_NAME WHEN 'partnership' THEN NULL WHEN 'forum' THEN r.id ELSE (r.j->>'forum_id')::uuid END,
                 coalesce((r.j->>'confidential')::boolean, false), r.changed, r.j
            FROM (SELECT n.id, j.j,
                         ARRAY(SELECT k FROM jsonb_object_keys(j.j) k
                                WHERE k NOT IN ('version', 'updated_at') AND j.j->k IS DISTINCT FROM j.o->k ORDER BY k) AS changed
                    FROM new_rows n JOIN old_rows o ON o.id = n.id
                    CROSS JOIN LATERAL (SELECT to_jsonb(n) - 'search_vector' AS j, to_jsonb(o) - 'search_vector' AS o) j) r
           WHERE cardinality(r.changed) > 0;
        ELSE
          INSERT INTO change_event (xid, entity, entity_id, op, version, partnership_id, forum_id, confidential, changed_fields, data)
          SELECT x, ent, r.id, 'deleted', NULL,
                 CASE TG_TABLE_NAME WHEN 'partnership' THEN r.id WHEN 'agenda_item' THEN (SELECT f.partnership_id FROM forum f WHERE f.id = (r.j->>'forum_id')::uuid)
                      ELSE (r.j->>'partnership_id')::uuid END,
                 CASE TG_TABLE_NAME WHEN 'partnership' THEN NULL WHEN 'forum' THEN r.id ELSE (r.j->>'forum_id')::uuid END,
                 coalesce((r.j->>'confidential')::boolean, false), NULL, NULL
            FROM (SELECT o.id, to_jsonb(o) - 'search_vector' AS j FROM old_rows o) r;
        END IF;
        RETURN NULL;
      END
      $fn$`);
    for (const t of TABLES) {
      await q.query(`CREATE TRIGGER ${t}_change_ins AFTER INSERT ON "${t}" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION change_feed_record()`);
      await q.query(
        `CREATE TRIGGER ${t}_change_upd AFTER UPDATE ON "${t}" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION change_feed_record()`,
      );
      await q.query(`CREATE TRIGGER ${t}_change_del AFTER DELETE ON "${t}" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION change_feed_record()`);
    }
    // Decisions by KLE group ("27.24" → every subject 27.24.xx): a prefix LIKE needs pattern ops under any collation.
    await q.query(`CREATE INDEX decision_kle_prefix_idx ON decision (kle_number varchar_pattern_ops) WHERE kle_number IS NOT NULL`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX decision_kle_prefix_idx`);
    for (const t of TABLES) for (const op of ['ins', 'upd', 'del']) await q.query(`DROP TRIGGER ${t}_change_${op} ON "${t}"`);
    await q.query(`DROP FUNCTION change_feed_record()`);
  }
}
