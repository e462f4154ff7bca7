/** The audit trail (one row per mutation) and the log of reads of confidential content. */
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Generated, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Node } from '../common/base.entity';

export interface RowChange {
  entity: string;
  id: string;
  op: 'insert' | 'update' | 'delete';
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

@ObjectType({ implements: Node, simpleResolvers: true })
@Entity()
@Index(['entity', 'entityId', 'at'])
@Index(['actorPersonId', 'at'])
@Index(['actorApiKeyId', 'at'])
@Index(['at'])
export class AuditEntry implements Node {
  @PrimaryGeneratedColumn('uuid')
  @Field(() => ID)
  id: string;

  @Column({ type: 'bigint', select: true, insert: false, update: false })
  @Generated('increment')
  seq: string;

  @CreateDateColumn({ type: 'timestamptz' })
  @Field()
  at: Date;

  @Column({ type: 'uuid', nullable: true })
  actorPersonId: string | null;

  @Column({ type: 'uuid', nullable: true })
  actorApiKeyId: string | null;

  /** The partnership the change belongs to; null for the shared directory (organisations, people). */
  @Index()
  @Column({ type: 'uuid', nullable: true })
  partnershipId: string | null;

  @Column({ type: 'varchar', length: 100 })
  @Field()
  requestId: string;

  @Column({ type: 'varchar', length: 100 })
  @Field({ description: 'The mutation, e.g. "changeActionItemStatus".' })
  action: string;

  @Column({ type: 'varchar', length: 100 })
  @Field({ description: 'Type of the object the mutation acted on, e.g. "ActionItem".' })
  entity: string;

  @Column({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true })
  entityId: string | null;

  /** Exposed through AuditResolver.changes, which redacts confidential text. */
  @Column({ type: 'jsonb' })
  changes: RowChange[];
}

/** Who read the content of a confidential agenda item (or its decisions and actions), and when. */
@ObjectType({ implements: Node, simpleResolvers: true })
@Entity()
@Index(['agendaItemId', 'at'])
@Index(['personId', 'at'])
export class ConfidentialRead implements Node {
  @PrimaryGeneratedColumn('uuid')
  @Field(() => ID)
  id: string;

  @CreateDateColumn({ type: 'timestamptz' })
  @Field()
  at: Date;

  @Column({ type: 'uuid', nullable: true })
  personId: string | null;

  @Column('uuid')
  agendaItemId: string;

  @Column('uuid')
  partnershipId: string;

  @Column({ type: 'uuid', nullable: true })
  apiKeyId: string | null;

  @Column({ type: 'varchar', length: 100 })
  @Field()
  requestId: string;
}

/** Idempotency-Key bookkeeping: one execution per (principal, key). */
@Entity()
export class IdempotencyKey {
  @Column({ type: 'varchar', length: 200, primary: true })
  principal: string;

  @Column({ type: 'varchar', length: 200, primary: true })
  key: string;

  @Column({ type: 'varchar', length: 64 })
  requestHash: string;

  /** pending: executing; committed: the mutation's transaction committed; done: the response is stored. */
  @Column({ type: 'varchar', length: 20 })
  state: 'pending' | 'committed' | 'done';

  @Column({ type: 'int', nullable: true })
  status: number | null;

  @Column({ type: 'text', nullable: true })
  response: string | null;

  @Index()
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
