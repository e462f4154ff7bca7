/**
 * The transactional outbox: one row per change to a partnership, forum, meeting, agenda item,
 * decision or action item, written by database triggers (migration ChangeFeedTriggers) in the same
 * transaction as the change itself. Readers see a row only once every transaction that could still
 * add an earlier one has ended (see change-feed.service.ts).
 */
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type ChangeOp = 'created' | 'updated' | 'deleted';

@Entity()
@Index(['xid', 'seq'], { unique: true })
@Index(['partnershipId', 'xid', 'seq'])
export class ChangeEvent {
  /** Global insertion order; within one transaction it is the order of the writes. Also the event id (`evt_<seq>`). */
  @PrimaryGeneratedColumn({ type: 'bigint' })
  seq: string;

  /** The writing transaction's id (pg_current_xact_id(), 64-bit, never wraps). */
  @Column({ type: 'bigint' })
  xid: string;

  /** The writing transaction's start time (now()). */
  @Column({ type: 'timestamptz', default: () => 'now()' })
  occurredAt: Date;

  /** Entity class name: Partnership, Forum, Meeting, AgendaItem, Decision, ActionItem. */
  @Column({ type: 'varchar', length: 32 })
  entity: string;

  @Column('uuid')
  entityId: string;

  @Column({ type: 'varchar', length: 8 })
  op: ChangeOp;

  /** The object's version after the change (null for tombstones). */
  @Column({ type: 'int', nullable: true })
  version: number | null;

  @Column('uuid')
  partnershipId: string;

  @Column({ type: 'uuid', nullable: true })
  forumId: string | null;

  @Column({ default: false })
  confidential: boolean;

  /** Columns an update changed (snake_case); null for creations and deletions. */
  @Column({ type: 'text', array: true, nullable: true })
  changedFields: string[] | null;

  /** The row after the change (snake_case columns, without search vectors); null for tombstones. */
  @Column({ type: 'jsonb', nullable: true })
  data: Record<string, unknown> | null;
}
