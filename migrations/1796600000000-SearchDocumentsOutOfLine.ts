import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hand-written: the search documents are really stored out of line, as MeetingSearchDocument meant.
 *
 * A search visits the heap of meeting_search once per match (the GIN index gives neither the start
 * time to sort by nor visibility), so that heap should hold the narrow columns only.
 * `toast_tuple_target = 128` was meant to move the two documents out of line, but PostgreSQL calls
 * the toaster only for a row over ~2 KB (TOAST_TUPLE_THRESHOLD) or one that already holds an
 * out-of-line value; toast_tuple_target is only how far it then shrinks the row. Most documents are
 * smaller, so they stayed in the heap: 680 bytes per row, and nationally a common word's 4,265
 * matches sat on 3,315 of its 8,800 pages.
 *
 * `toaster_call` makes every write of a document reach the toaster: 2,100 spaces, which the toaster
 * compresses to 35 bytes in the row before it moves the documents out of line (down to
 * toast_tuple_target). Inserts take its default; meeting_search_refresh sets it again with each new
 * document; an update that sets neither still reaches the toaster, because the row it replaces
 * holds out-of-line documents. The documents are stored uncompressed (STORAGE EXTERNAL): positional
 * tsvectors never compressed by the 25% PostgreSQL asks for, so trying was wasted work.
 *
 * Nationally, A/B on the same data (each layout rebuilt and compacted, one after the other): the heap
 * 68 → 13 MB; a common word's 4,265 matches on 1,584 pages instead of 3,310; counting them 7.0 →
 * 1.8 ms; the first page of results newest first with the count (the app's statement) 9.8 → 4.2 ms;
 * a phrase search, which rechecks each candidate's document, 4.2 → 2.8 ms. Status changes do not
 * touch the documents. One case got slower: a word in most documents ("sekretariat", 80%), when
 * planned for its value, is read by a sequential scan, which now fetches every document from TOAST
 * (the planner does not count that): 253 → ~320 ms; through the GIN index it would take 60–95 ms.
 * The app's search statement is prepared with the term as a parameter: after its first five
 * executions on a connection PostgreSQL settles on the generic plan, the GIN index (57 ms for
 * that word, measured).
 */
export class SearchDocumentsOutOfLine1796600000000 implements MigrationInterface {
  name = 'SearchDocumentsOutOfLine1796600000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE meeting_search ADD COLUMN toaster_call text NOT NULL DEFAULT repeat(' ', 2100)`);
    await q.query(`ALTER TABLE meeting_search ALTER COLUMN open_doc SET STORAGE EXTERNAL, ALTER COLUMN confidential_doc SET STORAGE EXTERNAL`);
    await q.query(`COMMENT ON COLUMN meeting_search.toaster_call IS
      'Makes each row large enough for the toaster, which then moves the documents out of line (migration SearchDocumentsOutOfLine)'`);
    await q.query(refreshFunction(true));
    // Every document written again (out of line) by the rebuild, which inserts every row anew: ~30 s
    // nationally, longer than the connections' statement timeout (lifted for this transaction only).
    await q.query(`SET LOCAL statement_timeout = 0`);
    await q.query(`SELECT meeting_search_rebuild()`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(refreshFunction(false));
    await q.query(`ALTER TABLE meeting_search ALTER COLUMN open_doc SET STORAGE EXTENDED, ALTER COLUMN confidential_doc SET STORAGE EXTENDED`);
    await q.query(`ALTER TABLE meeting_search DROP COLUMN toaster_call`);
  }
}

/** meeting_search_refresh of MeetingSearchDocument; `toasted`: the update also sets toaster_call. */
function refreshFunction(toasted: boolean): string {
  return `
      CREATE OR REPLACE FUNCTION meeting_search_refresh(mid uuid) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        IF mid IS NULL THEN RETURN; END IF;
        INSERT INTO meeting_search (meeting_id, partnership_id, forum_id, starts_at, open_doc, confidential_doc)
          SELECT m.id, m.partnership_id, m.forum_id, m.starts_at, '', '' FROM meeting m WHERE m.id = mid
          ON CONFLICT (meeting_id) DO NOTHING;
        PERFORM 1 FROM meeting_search WHERE meeting_id = mid FOR UPDATE;
        UPDATE meeting_search s SET
          partnership_id = m.partnership_id, forum_id = m.forum_id, starts_at = m.starts_at,${toasted ? '\n          toaster_call = DEFAULT,' : ''}
          open_doc = m.search_vector
            || coalesce((SELECT tsvector_agg(a.search_vector) FROM agenda_item a WHERE a.meeting_id = mid AND NOT a.confidential), '')
            || coalesce((SELECT tsvector_agg(d.search_vector) FROM decision d WHERE d.meeting_id = mid AND NOT d.confidential), '')
            || coalesce((SELECT tsvector_agg(ai.search_vector) FROM action_item ai WHERE ai.meeting_id = mid AND NOT ai.confidential), ''),
          confidential_doc =
               coalesce((SELECT tsvector_agg(a.search_vector) FROM agenda_item a WHERE a.meeting_id = mid AND a.confidential), '')
            || coalesce((SELECT tsvector_agg(d.search_vector) FROM decision d WHERE d.meeting_id = mid AND d.confidential), '')
            || coalesce((SELECT tsvector_agg(ai.search_vector) FROM action_item ai WHERE ai.meeting_id = mid AND ai.confidential), '')
        FROM meeting m WHERE m.id = mid AND s.meeting_id = mid;
      END $$`;
}
