/** Decision: what a meeting decided under an agenda item. Never edited away: superseded or revoked, history kept. */
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, ForeignKey, Generated, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Node, RecordEntity } from '../common/base.entity';
import { AgendaItem } from '../agenda/agenda-item.entity';
import { Forum } from '../forum/forum.entity';
import { Meeting } from '../meeting/meeting.entity';
import { Organisation } from '../organisation/organisation.entity';
import { Person } from '../person/person.entity';
import { LocalDateScalar } from '../common/scalars';
import { tsvectorOf } from '../common/search';

export enum DecisionStatus {
  IN_FORCE = 'in_force',
  IMPLEMENTED = 'implemented',
  SUPERSEDED = 'superseded',
  REVOKED = 'revoked',
}
registerEnumType(DecisionStatus, { name: 'DecisionStatus' });

@ObjectType({ implements: Node, simpleResolvers: true })
@Entity()
@Index(['agendaItemId', 'decidedAt', 'id'])
@Index(['meetingId'])
@Index(['forumId', 'decidedAt', 'id'])
@Index(['partnershipId', 'decidedAt', 'id'])
@Index(['decidedAt', 'id'])
@Index(['caseNumber', 'decidedAt', 'id'])
@Index(['kleNumber', 'decidedAt', 'id'])
// One hierarchy: see migration SameForum (a nested list's rows share their parent's forum and partnership).
@Unique('decision_id_forum', ['id', 'forumId'])
@ForeignKey(() => Forum, ['forumId', 'partnershipId'], ['id', 'partnershipId'], { name: 'decision_forum_partnership', onDelete: 'RESTRICT' })
@ForeignKey(() => Meeting, ['meetingId', 'forumId'], ['id', 'forumId'], { name: 'decision_meeting_forum', onDelete: 'RESTRICT' })
@ForeignKey(() => AgendaItem, ['agendaItemId', 'forumId'], ['id', 'forumId'], { name: 'decision_agenda_item_forum', onDelete: 'RESTRICT' })
export class Decision extends RecordEntity {
  @Column('uuid')
  agendaItemId: string;

  @ManyToOne(() => AgendaItem, { onDelete: 'RESTRICT' })
  @JoinColumn()
  agendaItem?: AgendaItem;

  /** meetingId, forumId and partnershipId are copied from the agenda item so filters need no joins. */
  @Column('uuid')
  meetingId: string;

  @Column('uuid')
  forumId: string;

  @Column('uuid')
  partnershipId: string;

  /** Copied from the agenda item it arose under: its content is shown only to forum members with a legal basis. */
  @Column({ default: false })
  @Field()
  confidential: boolean;

  @Column('text')
  text: string;

  @Column({ type: 'timestamptz' })
  @Field()
  decidedAt: Date;

  @Column({ type: 'enum', enum: DecisionStatus, enumName: 'decision_status', default: DecisionStatus.IN_FORCE })
  @Field(() => DecisionStatus)
  status: DecisionStatus;

  @Index({ unique: true, where: '"supersedes_id" IS NOT NULL' })
  @Column({ type: 'uuid', nullable: true })
  supersedesId: string | null;

  @ManyToOne(() => Decision, { onDelete: 'RESTRICT' })
  @JoinColumn()
  supersedes?: Decision;

  @Column({ type: 'date', nullable: true })
  @Field(() => LocalDateScalar, { nullable: true })
  reviewDate: string | null;

  @Column({ type: 'varchar', nullable: true })
  @Field(() => String, { nullable: true, description: 'Case number in the municipal case/document system.' })
  caseNumber: string | null;

  /** Prefix queries (a KLE group "27.24") use decision_kle_prefix_idx (varchar_pattern_ops, hand-written migration). */
  @Index('decision_kle_prefix_idx', { synchronize: false })
  @Column({ type: 'varchar', nullable: true })
  @Field(() => String, { nullable: true, description: 'KLE subject number, e.g. "27.24.00".' })
  kleNumber: string | null;

  @Index('decision_search_idx', { synchronize: false })
  @Column({
    type: 'tsvector',
    select: false,
    insert: false,
    update: false,
    generatedType: 'STORED',
    asExpression: tsvectorOf('text', 'case_number'),
  })
  searchVector?: string;
}

/** The organisations responsible for carrying out a decision. */
@Entity()
@Index(['organisationId'])
export class DecisionResponsibility {
  @PrimaryColumn('uuid')
  decisionId: string;

  @ManyToOne(() => Decision, { onDelete: 'CASCADE' })
  @JoinColumn()
  decision?: Decision;

  @PrimaryColumn('uuid')
  organisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn()
  organisation?: Organisation;
}

/** Append-only history of a decision's status. */
@ObjectType({ implements: Node, simpleResolvers: true })
@Entity()
@Index(['decisionId', 'at', 'seq'])
export class DecisionStatusChange implements Node {
  @PrimaryGeneratedColumn('uuid')
  @Field(() => ID)
  id: string;

  @Column('uuid')
  decisionId: string;

  @ManyToOne(() => Decision, { onDelete: 'RESTRICT' })
  @JoinColumn()
  decision?: Decision;

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

  @Column({ type: 'enum', enum: DecisionStatus, enumName: 'decision_status', nullable: true })
  @Field(() => DecisionStatus, { nullable: true, description: 'Null for the entry that records the decision being made.' })
  fromStatus: DecisionStatus | null;

  @Column({ type: 'enum', enum: DecisionStatus, enumName: 'decision_status' })
  @Field(() => DecisionStatus)
  toStatus: DecisionStatus;

  @Column({ type: 'text', nullable: true })
  comment: string | null;
}
