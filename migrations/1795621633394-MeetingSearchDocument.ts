import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hand-written: one search document per meeting, so full-text search over meeting history is one GIN
 * lookup instead of an OR of EXISTS probes into three large tables per candidate meeting.
 *
 * meeting_search holds, per meeting, `open_doc`: the meeting's own search vector plus those of its
 * non-confidential agenda items, decisions and action items, and `confidential_doc`: those of its
 * confidential ones (searched only by readers who may see the forum's confidential content). Row
 * triggers keep it current in the writing transaction; they fire only when searchable text, the
 * confidential flag or the meeting link changes (a status change does not touch it).
 *
 * The documents are moved out of line early (toast_tuple_target), so the heap that a search visits
 * for the start time and scope of each hit stays narrow.
 *
 * Concurrency: the refresh first locks the meeting's row in meeting_search, then recomputes the
 * document in a new statement (a new snapshot under READ COMMITTED), so two transactions adding items
 * to the same meeting cannot overwrite each other's contribution.
 */
export class MeetingSearchDocument1795621633394 implements MigrationInterface {
  name = 'MeetingSearchDocument1795621633394';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE AGGREGATE tsvector_agg(tsvector) (SFUNC = tsvector_concat, STYPE = tsvector, INITCOND = '')`);
    await q.query(`
      CREATE TABLE meeting_search (
        meeting_id uuid PRIMARY KEY REFERENCES meeting(id) ON DELETE CASCADE,
        partnership_id uuid NOT NULL,
        forum_id uuid NOT NULL,
        starts_at timestamptz NOT NULL,
        open_doc tsvector NOT NULL,
        confidential_doc tsvector NOT NULL
      ) WITH (toast_tuple_target = 128)`);
    await q.query(`CREATE INDEX meeting_search_open_idx ON meeting_search USING gin (open_doc)`);
    await q.query(`CREATE INDEX meeting_search_confidential_idx ON meeting_search USING gin (confidential_doc)`);
    await q.query(`
      CREATE FUNCTION meeting_search_refresh(mid uuid) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        IF mid IS NULL THEN RETURN; END IF;
        INSERT INTO meeting_search (meeting_id, partnership_id, forum_id, starts_at, open_doc, confidential_doc)
          SELECT m.id, m.partnership_id, m.forum_id, m.starts_at, '', '' FROM meeting m WHERE m.id = mid
          ON CONFLICT (meeting_id) DO NOTHING;
        PERFORM 1 FROM meeting_search WHERE meeting_id = mid FOR UPDATE;
        UPDATE meeting_search s SET
          partnership_id = m.partnership_id, forum_id = m.forum_id, starts_at = m.starts_at,
          open_doc = m.search_vector
            || coalesce((SELECT tsvector_agg(a.search_vector) FROM agenda_item a WHERE a.meeting_id = mid AND NOT a.confidential), '')
            || coalesce((SELECT tsvector_agg(d.search_vector) FROM decision d WHERE d.meeting_id = mid AND NOT d.confidential), '')
            || coalesce((SELECT tsvector_agg(ai.search_vector) FROM action_item ai WHERE ai.meeting_id = mid AND NOT ai.confidential), ''),
          confidential_doc =
               coalesce((SELECT tsvector_agg(a.search_vector) FROM agenda_item a WHERE a.meeting_id = mid AND a.confidential), '')
            || coalesce((SELECT tsvector_agg(d.search_vector) FROM decision d WHERE d.meeting_id = mid AND d.confidential), '')
            || coalesce((SELECT tsvector_agg(ai.search_vector) FROM action_item ai WHERE ai.meeting_id = mid AND ai.confidential), '')
        FROM meeting m WHERE m.id = mid AND s.meeting_id = mid;
      END $$`);
    await q.query(`
      CREATE FUNCTION meeting_search_item_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM meeting_search_refresh(OLD.meeting_id); END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') AND (TG_OP = 'INSERT' OR NEW.meeting_id IS DISTINCT FROM OLD.meeting_id) THEN
          PERFORM meeting_search_refresh(NEW.meeting_id);
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE FUNCTION meeting_search_meeting_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM meeting_search_refresh(NEW.id);
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER meeting_search_sync AFTER INSERT ON meeting FOR EACH ROW EXECUTE FUNCTION meeting_search_meeting_changed()`);
    await q.query(`CREATE TRIGGER meeting_search_sync_update AFTER UPDATE ON meeting FOR EACH ROW
      WHEN (OLD.search_vector IS DISTINCT FROM NEW.search_vector OR OLD.starts_at IS DISTINCT FROM NEW.starts_at
            OR OLD.forum_id IS DISTINCT FROM NEW.forum_id OR OLD.partnership_id IS DISTINCT FROM NEW.partnership_id)
      EXECUTE FUNCTION meeting_search_meeting_changed()`);
    for (const table of ['agenda_item', 'decision', 'action_item']) {
      await q.query(`CREATE TRIGGER meeting_search_sync AFTER INSERT OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION meeting_search_item_changed()`);
      await q.query(`CREATE TRIGGER meeting_search_sync_update AFTER UPDATE ON ${table} FOR EACH ROW
        WHEN (OLD.search_vector IS DISTINCT FROM NEW.search_vector OR OLD.confidential IS DISTINCT FROM NEW.confidential
              OR OLD.meeting_id IS DISTINCT FROM NEW.meeting_id)
        EXECUTE FUNCTION meeting_search_item_changed()`);
    }
    // Rebuilds every document in one pass (after bulk loads that bypassed the triggers).
    await q.query(`
      CREATE FUNCTION meeting_search_rebuild() RETURNS bigint LANGUAGE sql AS $$
        DELETE FROM meeting_search;
        WITH a AS (SELECT meeting_id, tsvector_agg(search_vector) FILTER (WHERE NOT confidential) o, tsvector_agg(search_vector) FILTER (WHERE confidential) c FROM agenda_item GROUP BY meeting_id),
             d AS (SELECT meeting_id, tsvector_agg(search_vector) FILTER (WHERE NOT confidential) o, tsvector_agg(search_vector) FILTER (WHERE confidential) c FROM decision WHERE meeting_id IS NOT NULL GROUP BY meeting_id),
             ai AS (SELECT meeting_id, tsvector_agg(search_vector) FILTER (WHERE NOT confidential) o, tsvector_agg(search_vector) FILTER (WHERE confidential) c FROM action_item WHERE meeting_id IS NOT NULL GROUP BY meeting_id)
        INSERT INTO meeting_search (meeting_id, partnership_id, forum_id, starts_at, open_doc, confidential_doc)
        SELECT m.id, m.partnership_id, m.forum_id, m.starts_at,
               m.search_vector || coalesce(a.o, '') || coalesce(d.o, '') || coalesce(ai.o, ''),
               coalesce(a.c, '') || coalesce(d.c, '') || coalesce(ai.c, '')
        FROM meeting m LEFT JOIN a ON a.meeting_id = m.id LEFT JOIN d ON d.meeting_id = m.id LEFT JOIN ai ON ai.meeting_id = m.id;
        SELECT count(*) FROM meeting_search;
      $$`);
    await q.query(`SELECT meeting_search_rebuild()`);
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const table of ['meeting', 'agenda_item', 'decision', 'action_item']) {
      await q.query(`DROP TRIGGER meeting_search_sync ON ${table}`);
      await q.query(`DROP TRIGGER meeting_search_sync_update ON ${table}`);
    }
    await q.query(`DROP FUNCTION meeting_search_rebuild()`);
    await q.query(`DROP FUNCTION meeting_search_meeting_changed()`);
    await q.query(`DROP FUNCTION meeting_search_item_changed()`);
    await q.query(`DROP FUNCTION meeting_search_refresh(uuid)`);
    await q.query(`DROP TABLE meeting_search`);
    await q.query(`DROP AGGREGATE tsvector_agg(tsvector)`);
  }
}
