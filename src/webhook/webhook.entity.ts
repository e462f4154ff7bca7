/**
 * Webhooks: subscriptions of a partnership's changes (from the change feed's outbox), their signing
 * secrets (several active during a rotation), one delivery per event and subscription, and the log of
 * every attempt.
 */
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Node, RecordEntity } from '../common/base.entity';
import { Partnership } from '../partnership/partnership.entity';

export enum WebhookEventType {
  PARTNERSHIP_CREATED = 'partnership.created',
  PARTNERSHIP_UPDATED = 'partnership.updated',
  PARTNERSHIP_DELETED = 'partnership.deleted',
  FORUM_CREATED = 'forum.created',
  FORUM_UPDATED = 'forum.updated',
  FORUM_DELETED = 'forum.deleted',
  MEETING_CREATED = 'meeting.created',
  MEETING_UPDATED = 'meeting.updated',
  MEETING_DELETED = 'meeting.deleted',
  AGENDA_ITEM_CREATED = 'agenda_item.created',
  AGENDA_ITEM_UPDATED = 'agenda_item.updated',
  AGENDA_ITEM_DELETED = 'agenda_item.deleted',
  DECISION_CREATED = 'decision.created',
  DECISION_UPDATED = 'decision.updated',
  DECISION_DELETED = 'decision.deleted',
  ACTION_ITEM_CREATED = 'action_item.created',
  ACTION_ITEM_UPDATED = 'action_item.updated',
  ACTION_ITEM_DELETED = 'action_item.deleted',
}
registerEnumType(WebhookEventType, { name: 'WebhookEventType', description: 'The `type` of a webhook event, e.g. DECISION_CREATED is sent as "decision.created".' });

export enum WebhookStatus {
  ACTIVE = 'active',
  DISABLED = 'disabled',
}
registerEnumType(WebhookStatus, { name: 'WebhookStatus' });

export enum DeliveryStatus {
  PENDING = 'pending',
  DELIVERED = 'delivered',
  FAILED = 'failed',
}
registerEnumType(DeliveryStatus, { name: 'WebhookDeliveryStatus', description: 'FAILED: retries were exhausted (or the subscription was deleted); redeliver by hand.' });

@ObjectType({ implements: Node, simpleResolvers: true })
@Entity()
@Index(['partnershipId'])
export class WebhookSubscription extends RecordEntity {
  @Column('uuid')
  partnershipId: string;

  @ManyToOne(() => Partnership, { onDelete: 'CASCADE' })
  @JoinColumn()
  partnership?: Partnership;

  @Column({ type: 'varchar', length: 2000 })
  @Field()
  url: string;

  @Column({ type: 'varchar', length: 500, default: '' })
  @Field()
  description: string;

  @Column({ type: 'text', array: true })
  @Field(() => [WebhookEventType])
  eventTypes: WebhookEventType[];

  @Column({ type: 'enum', enum: WebhookStatus, enumName: 'webhook_status', default: WebhookStatus.ACTIVE })
  @Field(() => WebhookStatus)
  status: WebhookStatus;

  @Column({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Why the subscription was disabled (automatically after persistent failure, or by hand).' })
  disabledReason: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  disabledAt: Date | null;

  /** Position in the change feed up to which events have been turned into deliveries. */
  @Column({ type: 'bigint', default: 0 })
  cursorXid: string;

  @Column({ type: 'bigint', default: 0 })
  cursorSeq: string;

  @Column({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  lastSuccessAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  lastFailureAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  createdById: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdByApiKeyId: string | null;
}

/** A signing secret. Stored encrypted (AES-256-GCM with WEBHOOK_ENCRYPTION_KEY) because signing needs the raw secret. */
@ObjectType({ implements: Node, simpleResolvers: true })
@Entity()
@Index(['subscriptionId'])
export class WebhookSecret {
  @PrimaryGeneratedColumn('uuid')
  @Field(() => ID)
  id: string;

  @Column('uuid')
  subscriptionId: string;

  @ManyToOne(() => WebhookSubscription, { onDelete: 'CASCADE' })
  @JoinColumn()
  subscription?: WebhookSubscription;

  @Column({ type: 'varchar', length: 32 })
  @Field({ description: 'Recognisable start of the secret, e.g. "whsec_3f9a".' })
  prefix: string;

  @Column('text')
  encryptedSecret: string;

  @CreateDateColumn({ type: 'timestamptz' })
  @Field()
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'After a rotation the old secret keeps signing until this time.' })
  expiresAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  revokedAt: Date | null;
}

/** One event for one subscription: sent at least once, retried with backoff. */
@ObjectType({ implements: Node, simpleResolvers: true })
@Entity()
@Index(['subscriptionId', 'changeSeq'], { unique: true })
@Index(['subscriptionId', 'createdAt', 'id'])
@Index('webhook_delivery_due_idx', ['nextAttemptAt'], { where: "status = 'pending'" })
export class WebhookDelivery {
  @PrimaryGeneratedColumn('uuid')
  @Field(() => ID)
  id: string;

  @Column('uuid')
  subscriptionId: string;

  @ManyToOne(() => WebhookSubscription, { onDelete: 'CASCADE' })
  @JoinColumn()
  subscription?: WebhookSubscription;

  /** The change (change_event.seq); the event id is `evt_<seq>`. */
  @Column({ type: 'bigint' })
  changeSeq: string;

  @Column({ type: 'varchar', length: 40 })
  @Field()
  eventType: string;

  @Column({ type: 'enum', enum: DeliveryStatus, enumName: 'webhook_delivery_status', default: DeliveryStatus.PENDING })
  @Field(() => DeliveryStatus)
  status: DeliveryStatus;

  @Column({ type: 'int', default: 0 })
  @Field(() => Int)
  attempts: number;

  @CreateDateColumn({ type: 'timestamptz' })
  @Field()
  createdAt: Date;

  /** Start of the current retry series (creation, or the last manual redelivery): retries stop after the max age. */
  @Column({ type: 'timestamptz', default: () => 'now()' })
  retryingSince: Date;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  @Field(() => Date, { nullable: true })
  nextAttemptAt: Date;

  /** Claimed by a worker until this time (the send's timeout plus a margin). */
  @Column({ type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;

  @Column({ type: 'uuid', nullable: true })
  claimToken: string | null;

  @Column({ type: 'int', nullable: true })
  @Field(() => Int, { nullable: true })
  lastStatusCode: number | null;

  @Column({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  lastError: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  deliveredAt: Date | null;
}

/** The log of every attempt to send a delivery. */
@ObjectType({ implements: Node, simpleResolvers: true })
@Entity()
@Index(['deliveryId', 'attempt'])
export class WebhookAttempt {
  @PrimaryGeneratedColumn('uuid')
  @Field(() => ID)
  id: string;

  @Column('uuid')
  deliveryId: string;

  @ManyToOne(() => WebhookDelivery, { onDelete: 'CASCADE' })
  @JoinColumn()
  delivery?: WebhookDelivery;

  @Column('int')
  @Field(() => Int)
  attempt: number;

  @Column({ type: 'timestamptz' })
  @Field()
  at: Date;

  @Column({ type: 'int', nullable: true })
  @Field(() => Int, { nullable: true, description: 'HTTP status of the answer; null when there was none (refused, timeout).' })
  statusCode: number | null;

  @Column('int')
  @Field(() => Int)
  latencyMs: number;

  @Column({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  error: string | null;

  @Column({ default: false })
  @Field({ description: 'Whether the receiver accepted the event (2xx).' })
  success: boolean;
}
