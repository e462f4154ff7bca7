/**
 * JointActivity: one of a partnership's joint activities (night walks, homework café, job counselling),
 * run by a lead organisation with participating organisations, for a target group in an area over a
 * period, reporting to one of the partnership's forums.
 */
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { Node, RecordEntity } from '../common/base.entity';
import { LocalDateScalar } from '../common/scalars';
import { Forum } from '../forum/forum.entity';
import { Organisation } from '../organisation/organisation.entity';
import { Partnership } from '../partnership/partnership.entity';

export enum ActivityStatus {
  PLANNED = 'planned',
  ACTIVE = 'active',
  PAUSED = 'paused',
  ENDED = 'ended',
}
registerEnumType(ActivityStatus, { name: 'ActivityStatus' });

export enum ParticipantRole {
  CO_LEAD = 'co_lead',
  PARTNER = 'partner',
  CONTRIBUTOR = 'contributor',
  FUNDER = 'funder',
  REFERRER = 'referrer',
}
registerEnumType(ParticipantRole, { name: 'ParticipantRole', description: 'What a participating organisation brings (the lead organisation is on the activity itself).' });

@ObjectType({ implements: Node, simpleResolvers: true })
@Entity()
@Index(['partnershipId', 'name', 'id'])
@Index(['leadOrganisationId'])
@Index(['forumId'])
export class JointActivity extends RecordEntity {
  @Column('uuid')
  partnershipId: string;

  @ManyToOne(() => Partnership, { onDelete: 'RESTRICT' })
  @JoinColumn()
  partnership?: Partnership;

  @Column()
  @Field()
  name: string;

  @Column({ type: 'text', default: '' })
  @Field()
  description: string;

  @Column('uuid')
  leadOrganisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn()
  leadOrganisation?: Organisation;

  @Column()
  @Field({ description: 'Who the activity is for, e.g. "Unge 13–17 år". Overlaps compare it case-insensitively.' })
  targetGroup: string;

  @Column()
  @Field({ description: 'Where it takes place, e.g. "Tingbjerg". Overlaps compare it case-insensitively.' })
  area: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  @Field(() => [String], { description: 'Topics, lower case (searched by whom-to-contact).' })
  topics: string[];

  @Column({ type: 'date' })
  @Field(() => LocalDateScalar)
  startsOn: string;

  @Column({ type: 'date', nullable: true })
  @Field(() => LocalDateScalar, { nullable: true, description: 'Last day; null while it runs.' })
  endsOn: string | null;

  @Column({ type: 'enum', enum: ActivityStatus, enumName: 'activity_status', default: ActivityStatus.ACTIVE })
  @Field(() => ActivityStatus)
  status: ActivityStatus;

  /** The forum the activity reports to (of the same partnership). */
  @Column({ type: 'uuid', nullable: true })
  forumId: string | null;

  @ManyToOne(() => Forum, { onDelete: 'RESTRICT' })
  @JoinColumn()
  forum?: Forum;

  @Column({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Why the activity ended (set by endActivity).' })
  endReason: string | null;
}

/** An organisation taking part in an activity besides its lead, with its role. */
@ObjectType({ implements: Node, simpleResolvers: true })
@Entity()
@Index(['activityId', 'organisationId'], { unique: true })
@Index(['organisationId'])
export class ActivityParticipant extends RecordEntity {
  @Column('uuid')
  activityId: string;

  @ManyToOne(() => JointActivity, { onDelete: 'CASCADE' })
  @JoinColumn()
  activity?: JointActivity;

  /** Copied from the activity, for scoping. */
  @Column('uuid')
  partnershipId: string;

  @Column('uuid')
  organisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn()
  organisation?: Organisation;

  @Column({ type: 'enum', enum: ParticipantRole, enumName: 'participant_role' })
  @Field(() => ParticipantRole)
  role: ParticipantRole;
}
