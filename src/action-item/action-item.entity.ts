/** ActionItem: who does what by when. Responsibility lands on an organisation; the status history is append-only. */
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, ForeignKey, Generated, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Node, RecordEntity } from '../common/base.entity';
import { AgendaItem } from '../agenda/agenda-item.entity';
import { Decision } from '../decision/decision.entity';
import { Meeting } from '../meeting/meeting.entity';
import { Forum } from '../forum/forum.entity';
import { Organisation } from '../organisation/organisation.entity';
import { Person } from '../person/person.entity';
import { LocalDateScalar } from '../common/scalars';
import { tsvectorOf } from '../common/search';

export enum ActionItemStatus {
  OPEN = 'open',
  IN_PROGRESS = 'in_progress',
  DONE = 'done',
  BLOCKED = 'blocked',
  CANCELLED = 'cancelled',
}
registerEnumType(ActionItemStatus, { name: 'ActionItemStatus' });

/** Statuses in which an action item is still owed: it surfaces at the forum's next meeting and can be overdue. */
export const OPEN_STATUSES = [ActionItemStatus.OPEN, ActionItemStatus.IN_PROGRESS, ActionItemStatus.BLOCKED];

export enum ActionItemOrigin {
  DECISION = 'decision',
  AGENDA_ITEM = 'agenda_item',
  MEETING = 'meeting',
}
registerEnumType(ActionItemOrigin, { name: 'ActionItemOrigin' });

@ObjectType({ implements: Node, simpleResolvers: true })
@Entity()
// Every item per organisation, its partnership included (lists over sub-organisations read it
// index-only): migration ActionItemsByAssigneeWithScope.
@Index('action_item_by_assignee', { synchronize: false })
// Open work per organisation (responsibility pages, overdue lists): migration OpenActionItemsByAssignee.
@Index('action_item_open_by_assignee', { synchronize: false })
@Index(['assigneePersonId', 'dueDate', 'id'])
@Index(['forumId', 'dueDate', 'id'])
@Index(['partnershipId', 'dueDate', 'id'])
@Index(['meetingId', 'dueDate', 'id'])
@Index(['decisionId', 'dueDate', 'id'])
@Index(['agendaItemId', 'dueDate', 'id'])
@Index(['dueDate', 'id'])
// One hierarchy: see migration SameForum (a nested list's rows share their parent's forum and partnership).
@ForeignKey(() => Forum, ['forumId', 'partnershipId'], ['id', 'partnershipId'], { name: 'action_item_forum_partnership', onDelete: 'RESTRICT' })
@ForeignKey(() => Meeting, ['meetingId', 'forumId'], ['id', 'forumId'], { name: 'action_item_meeting_forum', onDelete: 'RESTRICT' })
@ForeignKey(() => AgendaItem, ['agendaItemId', 'forumId'], ['id', 'forumId'], { name: 'action_item_agenda_item_forum', onDelete: 'RESTRICT' })
@ForeignKey(() => Decision, ['decisionId', 'forumId'], ['id', 'forumId'], { name: 'action_item_decision_forum', onDelete: 'RESTRICT' })
export class ActionItem extends RecordEntity {
  /** Copied from the agenda item it arose under: its content is shown only to forum members with a legal basis. */
  @Column({ default: false })
  @Field()
  confidential: boolean;

  @Column()
  title: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'enum', enum: ActionItemOrigin, enumName: 'action_item_origin' })
  @Field(() => ActionItemOrigin)
  origin: ActionItemOrigin;

  @Column({ type: 'uuid', nullable: true })
  decisionId: string | null;

  @ManyToOne(() => Decision, { onDelete: 'RESTRICT' })
  @JoinColumn()
  decision?: Decision;

  @Column({ type: 'uuid', nullable: true })
  agendaItemId: string | null;

  @ManyToOne(() => AgendaItem, { onDelete: 'RESTRICT' })
  @JoinColumn()
  agendaItem?: AgendaItem;

  /** The meeting the action item arose at (also set when it arose from a decision or agenda item). */
  @Column('uuid')
  meetingId: string;

  @ManyToOne(() => Meeting, { onDelete: 'RESTRICT' })
  @JoinColumn()
  meeting?: Meeting;

  @Column('uuid')
  forumId: string;

  @Column('uuid')
  partnershipId: string;

  @Column('uuid')
  assigneeOrganisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn()
  assigneeOrganisation?: Organisation;

  @Column({ type: 'uuid', nullable: true })
  assigneePersonId: string | null;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT' })
  @JoinColumn()
  assigneePerson?: Person;

  @Column({ type: 'date' })
  @Field(() => LocalDateScalar)
  dueDate: string;

  @Column({ type: 'enum', enum: ActionItemStatus, enumName: 'action_item_status', default: ActionItemStatus.OPEN })
  @Field(() => ActionItemStatus)
  status: ActionItemStatus;

  @Column({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it was last done or cancelled; null while open.' })
  closedAt: Date | null;

  /**
   * Still owed (open, in progress or blocked), kept by PostgreSQL. The open-work index is partial on this
   * flag rather than on `status`, so a change between open statuses touches no indexed value and the
   * row is updated in place (a HOT update: no entry in any of the table's eleven indexes).
   */
  @Column({
    type: 'boolean',
    select: false,
    insert: false,
    update: false,
    generatedType: 'STORED',
    asExpression: `status IN ('open', 'in_progress', 'blocked')`,
  })
  isOpen?: boolean;

  @Index('action_item_search_idx', { synchronize: false })
  @Column({
    type: 'tsvector',
    select: false,
    insert: false,
    update: false,
    generatedType: 'STORED',
    asExpression: tsvectorOf('title', 'description'),
  })
  searchVector?: string;
}

export enum ActionItemEventKind {
  CREATED = 'created',
  STATUS_CHANGED = 'status_changed',
  REASSIGNED = 'reassigned',
  DUE_DATE_MOVED = 'due_date_moved',
}
registerEnumType(ActionItemEventKind, { name: 'ActionItemEventKind' });

/**
 * Append-only history of an action item: creation, every status change, reassignment and due-date move.
 * A database trigger refuses UPDATE and DELETE on this table.
 */
@ObjectType({ implements: Node, simpleResolvers: true })
@Entity()
@Index(['actionItemId', 'at', 'seq'])
export class ActionItemEvent implements Node {
  @PrimaryGeneratedColumn('uuid')
  @Field(() => ID)
  id: string;

  @Column('uuid')
  actionItemId: string;

  @ManyToOne(() => ActionItem, { onDelete: 'RESTRICT' })
  @JoinColumn()
  actionItem?: ActionItem;

  /** Insertion order; breaks ties between entries with the same time (append-only, so it is the real order). */
  @Column({ type: 'bigint', select: true, insert: false, update: false })
  @Generated('increment')
  seq: string;

  @Column({ type: 'timestamptz' })
  @Field()
  at: Date;

  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT' })
  @JoinColumn()
  actor?: Person;

  @Column({ type: 'enum', enum: ActionItemEventKind, enumName: 'action_item_event_kind' })
  @Field(() => ActionItemEventKind)
  kind: ActionItemEventKind;

  @Column({ type: 'enum', enum: ActionItemStatus, enumName: 'action_item_status', nullable: true })
  @Field(() => ActionItemStatus, { nullable: true })
  fromStatus: ActionItemStatus | null;

  @Column({ type: 'enum', enum: ActionItemStatus, enumName: 'action_item_status' })
  @Field(() => ActionItemStatus, { description: 'Status after the event.' })
  toStatus: ActionItemStatus;

  @Column({ type: 'varchar', nullable: true })
  @Field(() => String, { nullable: true, description: 'Previous assignee or due date, for reassignments and moves.' })
  fromValue: string | null;

  @Column({ type: 'varchar', nullable: true })
  @Field(() => String, { nullable: true })
  toValue: string | null;

  @Column({ type: 'text', nullable: true })
  comment: string | null;
}
