import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hand-written: search within one partnership (`meetings(filter: { search, partnershipId })`, what a
 * member's search box sends) as one GIN lookup of the partnership's matching documents. Without it the
 * lookup finds every partnership's matches (4,000+ for a common word nationally) and visits each in the
 * heap only to drop all but the partnership's few; with btree_gin the partnership is a key of the same
 * index and the two posting lists are intersected in the index.
 */
export class SearchWithinPartnership1795623600000 implements MigrationInterface {
  name = 'SearchWithinPartnership1795623600000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gin`);
    await q.query(`CREATE INDEX meeting_search_partnership_open_idx ON meeting_search USING gin (partnership_id, open_doc)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX meeting_search_partnership_open_idx`);
    await q.query(`DROP EXTENSION IF EXISTS btree_gin`);
  }
}
