/** Meeting: one sitting of a forum, with attendance and minutes that freeze when approved. */
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, ForeignKey, Index, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { Node, RecordEntity } from '../common/base.entity';
import { Forum } from '../forum/forum.entity';
import { Organisation } from '../organisation/organisation.entity';
import { Person } from '../person/person.entity';
import { tsvectorOf } from '../common/search';

export enum MeetingStatus {
  SCHEDULED = 'scheduled',
  HELD = 'held',
  CANCELLED = 'cancelled',
}
registerEnumType(MeetingStatus, { name: 'MeetingStatus' });

export enum MeetingKind {
  ORDINARY = 'ordinary',
  EXTRAORDINARY = 'extraordinary',
}
registerEnumType(MeetingKind, { name: 'MeetingKind', description: 'Extraordinary meetings are called for an incident.' });

export enum MinutesStatus {
  DRAFT = 'draft',
  APPROVED = 'approved',
}
registerEnumType(MinutesStatus, { name: 'MinutesStatus' });

@ObjectType({ implements: Node, simpleResolvers: true })
@Entity()
@Index(['forumId', 'startsAt', 'id'])
@Index(['partnershipId', 'startsAt'])
// One hierarchy: see migration SameForum (a nested list's rows share their parent's forum and partnership).
@Unique('meeting_id_forum', ['id', 'forumId'])
@ForeignKey(() => Forum, ['forumId', 'partnershipId'], ['id', 'partnershipId'], { name: 'meeting_forum_partnership', onDelete: 'RESTRICT' })
export class Meeting extends RecordEntity {
  @Column('uuid')
  forumId: string;

  @ManyToOne(() => Forum, { onDelete: 'RESTRICT' })
  @JoinColumn()
  forum?: Forum;

  /** Copied from the forum (which never changes partnership) so partnership-wide lists need no join. */
  @Column('uuid')
  partnershipId: string;

  @Column()
  @Field()
  title: string;

  @Column({ type: 'timestamptz' })
  @Field()
  startsAt: Date;

  @Column({ type: 'timestamptz' })
  @Field()
  endsAt: Date;

  @Column({ type: 'varchar', nullable: true })
  @Field(() => String, { nullable: true })
  location: string | null;

  @Column({ type: 'enum', enum: MeetingStatus, enumName: 'meeting_status', default: MeetingStatus.SCHEDULED })
  @Field(() => MeetingStatus)
  status: MeetingStatus;

  @Column({ type: 'enum', enum: MeetingKind, enumName: 'meeting_kind', default: MeetingKind.ORDINARY })
  @Field(() => MeetingKind)
  kind: MeetingKind;

  @Column({ type: 'varchar', nullable: true })
  @Field(() => String, { nullable: true })
  cancellationReason: string | null;

  @Column({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'General minutes text beside the per-item outcomes.' })
  minutesNotes: string | null;

  @Column({ type: 'enum', enum: MinutesStatus, enumName: 'minutes_status', default: MinutesStatus.DRAFT })
  @Field(() => MinutesStatus)
  minutesStatus: MinutesStatus;

  @Column({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  minutesApprovedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  minutesApprovedById: string | null;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT' })
  @JoinColumn()
  minutesApprovedBy?: Person;

  /** GIN index created by a hand-written migration (TypeORM cannot declare GIN indexes). */
  @Index('meeting_search_idx', { synchronize: false })
  @Column({
    type: 'tsvector',
    select: false,
    insert: false,
    update: false,
    generatedType: 'STORED',
    asExpression: tsvectorOf('title', 'location', 'minutes_notes'),
  })
  searchVector?: string;
}

export enum AttendanceStatus {
  PRESENT = 'present',
  ABSENT = 'absent',
  EXCUSED = 'excused',
}
registerEnumType(AttendanceStatus, { name: 'AttendanceStatus' });

/** Who attended a meeting, per organisation and (optionally) person. */
@ObjectType({ implements: Node, simpleResolvers: true })
@Entity()
@Index(['meetingId', 'organisationId'])
export class Attendance extends RecordEntity {
  @Column('uuid')
  meetingId: string;

  @ManyToOne(() => Meeting, { onDelete: 'CASCADE' })
  @JoinColumn()
  meeting?: Meeting;

  @Column('uuid')
  organisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn()
  organisation?: Organisation;

  @Column({ type: 'uuid', nullable: true })
  personId: string | null;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT' })
  @JoinColumn()
  person?: Person;

  @Column({ type: 'enum', enum: AttendanceStatus, enumName: 'attendance_status' })
  @Field(() => AttendanceStatus)
  status: AttendanceStatus;
}

/** A change to approved (frozen) minutes: who, when, why, and what it was before and after. */
@ObjectType({ implements: Node, simpleResolvers: true })
@Entity()
@Index(['meetingId', 'createdAt'])
export class MinutesAmendment extends RecordEntity {
  @Column('uuid')
  meetingId: string;

  @ManyToOne(() => Meeting, { onDelete: 'CASCADE' })
  @JoinColumn()
  meeting?: Meeting;

  @Column({ type: 'uuid', nullable: true })
  authorId: string | null;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT' })
  @JoinColumn()
  author?: Person;

  @Column('text')
  @Field()
  reason: string;

  @Column({ type: 'varchar' })
  @Field({ description: 'What was amended, e.g. "AgendaItem.outcomeNotes" or "Meeting.minutesNotes".' })
  target: string;

  @Column({ type: 'uuid' })
  @Field(() => String)
  targetId: string;

  @Column({ type: 'text', nullable: true })
  before: string | null;

  @Column({ type: 'text', nullable: true })
  after: string | null;
}
