/**
 * E-mail bookkeeping: an outbox of messages with a unique key per message (so a digest, an agenda or
 * minutes are never queued twice), the reminders already given per action item and due date,
 * requests to distribute a meeting's agenda or minutes, and people's mail preferences.
 */
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { Person } from '../person/person.entity';
import { Meeting } from '../meeting/meeting.entity';
import { ActionItem } from '../action-item/action-item.entity';

export enum MailKind {
  DIGEST = 'digest',
  AGENDA = 'agenda',
  MINUTES = 'minutes',
}

export enum MailStatus {
  /** Queued; any worker may claim it. */
  PENDING = 'pending',
  /** Claimed by a worker that is handing it to the SMTP server. Never claimed again (at most once). */
  SENDING = 'sending',
  SENT = 'sent',
  /** The SMTP server refused it or could not be reached (so it was certainly not sent): retried later. */
  FAILED = 'failed',
  /** Given up after the last attempt, or nothing left to send (recipient opted out meanwhile). */
  DEAD = 'dead',
}

@Entity()
@Index(['status', 'nextAttemptAt'])
export class MailMessage {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** What makes the message unique: `digest:<recipient>:<day>`, `agenda:<distribution>:<person>`, `minutes:<meeting>:<person>`. */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 300 })
  dedupeKey: string;

  @Column({ type: 'enum', enum: MailKind, enumName: 'mail_kind' })
  kind: MailKind;

  /** The recipient when a person (their access decides what the message shows); null for an organisation's mailbox. */
  @Column({ type: 'uuid', nullable: true })
  personId: string | null;

  @ManyToOne(() => Person, { onDelete: 'CASCADE' })
  @JoinColumn()
  person?: Person;

  @Column({ type: 'varchar', length: 320 })
  toAddress: string;

  /** What the message is about: `{ actionItemIds, day }` for digests, `{ meetingId }` otherwise. */
  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  @Column({ type: 'enum', enum: MailStatus, enumName: 'mail_status', default: MailStatus.PENDING })
  status: MailStatus;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ type: 'timestamptz' })
  nextAttemptAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  claimedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  /** The SMTP server's Message-ID. */
  @Column({ type: 'varchar', nullable: true })
  messageId: string | null;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

export enum ReminderKind {
  /** Due within the configured number of days. */
  UPCOMING = 'upcoming',
  OVERDUE = 'overdue',
}

/** A reminder given for an action item and due date (moving the due date makes it due for reminders again). */
@Entity()
export class ReminderSent {
  @PrimaryColumn('uuid')
  actionItemId: string;

  @ManyToOne(() => ActionItem, { onDelete: 'CASCADE' })
  @JoinColumn()
  actionItem?: ActionItem;

  @PrimaryColumn({ type: 'enum', enum: ReminderKind, enumName: 'reminder_kind' })
  kind: ReminderKind;

  @PrimaryColumn({ type: 'date' })
  dueDate: string;

  @Column('uuid')
  mailMessageId: string;

  @ManyToOne(() => MailMessage, { onDelete: 'CASCADE' })
  @JoinColumn()
  mailMessage?: MailMessage;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

export enum DistributionStatus {
  PENDING = 'pending',
  /** One message per forum member was queued. */
  QUEUED = 'queued',
  /** Too old when the worker first saw it (e.g. minutes approved while loading history): nothing sent. */
  SKIPPED = 'skipped',
}

/**
 * A request to send a meeting's agenda (publishAgenda) or approved minutes (written by a database
 * trigger in the same transaction as the approval) to the forum's members.
 */
@Entity()
@Index(['status', 'requestedAt'])
export class MeetingDistribution {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  meetingId: string;

  @ManyToOne(() => Meeting, { onDelete: 'CASCADE' })
  @JoinColumn()
  meeting?: Meeting;

  @Column({ type: 'enum', enum: MailKind, enumName: 'mail_kind' })
  kind: MailKind;

  @Column({ type: 'timestamptz' })
  requestedAt: Date;

  @Column({ type: 'uuid', nullable: true })
  requestedById: string | null;

  @Column({ type: 'enum', enum: DistributionStatus, enumName: 'distribution_status', default: DistributionStatus.PENDING })
  status: DistributionStatus;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** A person's mail preferences; no row means the defaults (digests on). */
@Entity()
export class MailPreference {
  @PrimaryColumn('uuid')
  personId: string;

  @ManyToOne(() => Person, { onDelete: 'CASCADE' })
  @JoinColumn()
  person?: Person;

  @Column({ default: false })
  digestOptOut: boolean;

  /** Random capability in the unsubscribe link of digests (it can only switch digests off). */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64 })
  unsubscribeToken: string;

  @Column({ type: 'timestamptz' })
  updatedAt: Date;
}
