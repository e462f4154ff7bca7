/** AgendaItem: an ordered point on a meeting's agenda; deferred items are carried over to later meetings. */
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, ForeignKey, Index, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { Node, RecordEntity } from '../common/base.entity';
import { Meeting } from '../meeting/meeting.entity';
import { Organisation } from '../organisation/organisation.entity';
import { Person } from '../person/person.entity';
import { tsvectorOf } from '../common/search';

export enum AgendaItemKind {
  INFORMATION = 'information',
  DISCUSSION = 'discussion',
  DECISION = 'decision',
  FOLLOW_UP = 'follow_up',
}
registerEnumType(AgendaItemKind, { name: 'AgendaItemKind' });

export enum AgendaItemStatus {
  PLANNED = 'planned',
  DISCUSSED = 'discussed',
  DEFERRED = 'deferred',
}
registerEnumType(AgendaItemStatus, { name: 'AgendaItemStatus' });

@ObjectType({ implements: Node, simpleResolvers: true })
@Entity()
@Index(['meetingId', 'position', 'id'])
@Index(['forumId', 'status'])
// One hierarchy: see migration SameForum (a nested list's rows share their parent's forum and partnership).
@Unique('agenda_item_id_forum', ['id', 'forumId'])
@ForeignKey(() => Meeting, ['meetingId', 'forumId'], ['id', 'forumId'], { name: 'agenda_item_meeting_forum', onDelete: 'RESTRICT' })
export class AgendaItem extends RecordEntity {
  @Column('uuid')
  meetingId: string;

  @ManyToOne(() => Meeting, { onDelete: 'RESTRICT' })
  @JoinColumn()
  meeting?: Meeting;

  /** Copied from the meeting, for the forum's follow-up list. */
  @Column('uuid')
  forumId: string;

  @Column('int')
  @Field(() => Int, { description: 'Position on the agenda, 1 first.' })
  position: number;

  @Column()
  title: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'enum', enum: AgendaItemKind, enumName: 'agenda_item_kind' })
  @Field(() => AgendaItemKind)
  kind: AgendaItemKind;

  @Column({ type: 'uuid', nullable: true })
  presenterPersonId: string | null;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT' })
  @JoinColumn()
  presenterPerson?: Person;

  @Column({ type: 'uuid', nullable: true })
  presenterOrganisationId: string | null;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn()
  presenterOrganisation?: Organisation;

  @Column({ type: 'int', nullable: true })
  @Field(() => Int, { nullable: true })
  plannedMinutes: number | null;

  @Column({ default: false })
  @Field({ description: 'Content shared only with forum members who have a legal basis for sharing personal information.' })
  confidential: boolean;

  @Column({ type: 'text', nullable: true })
  outcomeNotes: string | null;

  @Column({ type: 'enum', enum: AgendaItemStatus, enumName: 'agenda_item_status', default: AgendaItemStatus.PLANNED })
  @Field(() => AgendaItemStatus)
  status: AgendaItemStatus;

  @Index({ unique: true, where: '"carried_over_from_id" IS NOT NULL' })
  @Column({ type: 'uuid', nullable: true })
  carriedOverFromId: string | null;

  @ManyToOne(() => AgendaItem, { onDelete: 'RESTRICT' })
  @JoinColumn()
  carriedOverFrom?: AgendaItem;

  @Index('agenda_item_search_idx', { synchronize: false })
  @Column({
    type: 'tsvector',
    select: false,
    insert: false,
    update: false,
    generatedType: 'STORED',
    asExpression: tsvectorOf('title', 'description', 'outcome_notes'),
  })
  searchVector?: string;
}
