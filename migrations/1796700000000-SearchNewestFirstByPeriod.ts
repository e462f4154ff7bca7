import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hand-written: search documents indexed by 30-day period, so a common term's newest matches are found
 * without reading all of them (ListQuery.walk in src/common/pagination.ts).
 *
 * A GIN index gives its matches in no useful order, so "newest first" read every match to sort them:
 * nationally a common word matches 4,265 meetings, which is what made search over all partnerships
 * cost ~5 ms of database time per request where a partnership's costs ~0.5 ms. With the period as the
 * GIN index's first column (btree_gin, already used by meeting_search_partnership_open_idx), the page
 * of a term with many matches is read period by period, newest first, and stops when it is full;
 * a term with few matches is still read whole and sorted, which is cheaper for it.
 *
 * - `period`: whole 30-day periods since 1970 of `starts_at` (a generated column: every write of
 *   starts_at keeps it, meeting_search_refresh included). Any coarse monotone function of the start
 *   would do; 30 days puts ~700 meetings in a national period and keeps a decade to ~120 periods.
 * - `meeting_search_period_open_idx` (period, open_doc) and, replacing meeting_search_confidential_idx,
 *   `meeting_search_period_confidential_idx` (period, confidential_doc): each still serves a condition
 *   on its document alone.
 * - `meeting_search_period_span_idx` on (-period): where the walk starts and ends (min and max). On the
 *   negated value so that it never competes with the GIN index for `period = …`.
 *
 * The column rewrites the table (the documents stay out of line: the rewrite reaches the toaster as
 * any write does, see SearchDocumentsOutOfLine): ~20 s nationally, longer than the connections'
 * statement timeout, which is lifted for this transaction only.
 */
export class SearchNewestFirstByPeriod1796700000000 implements MigrationInterface {
  name = 'SearchNewestFirstByPeriod1796700000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`SET LOCAL statement_timeout = 0`);
    await q.query(`
      CREATE FUNCTION meeting_search_period(t timestamptz) RETURNS int
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
        RETURN floor(extract(epoch FROM t) / 2592000)::int`);
    await q.query(`COMMENT ON FUNCTION meeting_search_period(timestamptz) IS
      'Whole 30-day periods since 1970 of a meeting''s start: the search walks them newest first (migration SearchNewestFirstByPeriod)'`);
    await q.query(`ALTER TABLE meeting_search ADD COLUMN period int GENERATED ALWAYS AS (meeting_search_period(starts_at)) STORED`);
    await q.query(`CREATE INDEX meeting_search_period_open_idx ON meeting_search USING gin (period, open_doc)`);
    await q.query(`DROP INDEX meeting_search_confidential_idx`);
    await q.query(`CREATE INDEX meeting_search_period_confidential_idx ON meeting_search USING gin (period, confidential_doc)`);
    await q.query(`CREATE INDEX meeting_search_period_span_idx ON meeting_search ((-period))`);
    await q.query(`ANALYZE meeting_search`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`SET LOCAL statement_timeout = 0`);
    await q.query(`CREATE INDEX meeting_search_confidential_idx ON meeting_search USING gin (confidential_doc)`);
    // Dropping the column drops its three indexes.
    await q.query(`ALTER TABLE meeting_search DROP COLUMN period`);
    await q.query(`DROP FUNCTION meeting_search_period(timestamptz)`);
  }
}
