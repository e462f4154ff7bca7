import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hand-written (issue 4, the writes): the append-only logs take time-ordered ids (UUID version 7,
 * RFC 9562) instead of random ones (version 4). A random id lands on a random leaf of the primary key
 * index, so at national scale (~10^6 action item events, a ~100 MB index) every status change dirties
 * a leaf page no recent write touched: read from disk when it is not cached, and written whole into
 * the WAL after each checkpoint. Time-ordered ids all land on the index's rightmost leaf. Measured on
 * the national benchmark: ~+15% status changes per second.
 *
 * uuid_generate_v7() is PostgreSQL 18's uuidv7() where the server has it, else the same layout built
 * from gen_random_uuid() (a 48-bit Unix millisecond timestamp, then random bits). TypeORM reads a
 * column default named uuid_generate_v<N>() as a generated uuid, so the entities'
 * @PrimaryGeneratedColumn('uuid') still matches the schema.
 *
 * Only logs: the rows a mutation appends as its history. Ids of the record itself (meetings, action
 * items, ...) stay random; nothing about them is gained by ordering.
 */
export const LOG_TABLES = [
  'action_item_event',
  'audit_entry',
  'confidential_read',
  'decision_status_change',
  'incident_update',
  'mail_message',
  'webhook_delivery',
  'webhook_attempt',
] as const;

/** The fallback body for servers before PostgreSQL 18: random v4 bytes with the first 48 bits the time in ms, version bits 0111. */
export const UUIDV7_FALLBACK_SQL = `SELECT encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
  PLACING substring(int8send(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3) FROM 1 FOR 6), 52, 1), 53, 1), 'hex')::uuid`;

export class TimeOrderedLogIds1796400000000 implements MigrationInterface {
  name = 'TimeOrderedLogIds1796400000000';

  public async up(q: QueryRunner): Promise<void> {
    const [{ native }] = await q.query(`SELECT current_setting('server_version_num')::int >= 180000 AS native`);
    const body = native ? 'SELECT uuidv7()' : UUIDV7_FALLBACK_SQL;
    await q.query(`CREATE FUNCTION uuid_generate_v7() RETURNS uuid LANGUAGE sql VOLATILE PARALLEL SAFE AS $$ ${body} $$`);
    await q.query(`COMMENT ON FUNCTION uuid_generate_v7() IS 'A time-ordered UUID (version 7): the default id of the append-only logs'`);
    for (const t of LOG_TABLES) await q.query(`ALTER TABLE "${t}" ALTER COLUMN "id" SET DEFAULT uuid_generate_v7()`);
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const t of LOG_TABLES) await q.query(`ALTER TABLE "${t}" ALTER COLUMN "id" SET DEFAULT gen_random_uuid()`);
    await q.query(`DROP FUNCTION uuid_generate_v7()`);
  }
}
