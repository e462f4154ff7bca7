/** Forum: a coordinating forum of a partnership, with a recurrence rule and members acting on behalf of organisations. */
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { Node, RecordEntity } from '../common/base.entity';
import { Organisation } from '../organisation/organisation.entity';
import { Partnership } from '../partnership/partnership.entity';
import { Person } from '../person/person.entity';
import { LocalDateScalar } from '../common/scalars';

export enum ForumLevel {
  STRATEGIC = 'strategic',
  TACTICAL = 'tactical',
  OPERATIONAL = 'operational',
}
registerEnumType(ForumLevel, { name: 'ForumLevel' });

@ObjectType({ implements: Node, simpleResolvers: true })
@Entity()
@Index(['partnershipId'])
// One hierarchy: see migration SameForum (a nested list's rows share their parent's forum and partnership).
@Unique('forum_id_partnership', ['id', 'partnershipId'])
export class Forum extends RecordEntity {
  @Column('uuid')
  partnershipId: string;

  @ManyToOne(() => Partnership, { onDelete: 'RESTRICT' })
  @JoinColumn()
  partnership?: Partnership;

  @Column()
  @Field()
  name: string;

  @Column({ type: 'enum', enum: ForumLevel, enumName: 'forum_level' })
  @Field(() => ForumLevel)
  level: ForumLevel;

  @Column({ type: 'text', default: '' })
  @Field()
  mandate: string;

  @Column({ type: 'varchar', nullable: true })
  @Field(() => String, {
    nullable: true,
    description: 'RFC 5545 recurrence with its start, e.g. "DTSTART;TZID=Europe/Copenhagen:20260112T140000\\nRRULE:FREQ=MONTHLY;BYDAY=2MO".',
  })
  recurrence: string | null;

  @Column({ type: 'int', default: 120 })
  @Field(() => Int, { description: 'Default length of a meeting in minutes.' })
  meetingDurationMinutes: number;

  @Column({ type: 'varchar', nullable: true })
  @Field(() => String, { nullable: true })
  defaultLocation: string | null;
}

export enum ForumRole {
  CHAIR = 'chair',
  SECRETARY = 'secretary',
  MEMBER = 'member',
  OBSERVER = 'observer',
}
registerEnumType(ForumRole, { name: 'ForumRole' });

/** A person sits in a forum on behalf of an organisation. */
@ObjectType({ implements: Node, simpleResolvers: true })
@Entity()
@Index(['forumId'])
@Index(['organisationId'])
@Index(['personId'])
export class ForumMember extends RecordEntity {
  @Column('uuid')
  forumId: string;

  @ManyToOne(() => Forum, { onDelete: 'RESTRICT' })
  @JoinColumn()
  forum?: Forum;

  @Column('uuid')
  personId: string;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT' })
  @JoinColumn()
  person?: Person;

  @Column('uuid')
  organisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn()
  organisation?: Organisation;

  @Column({ type: 'enum', enum: ForumRole, enumName: 'forum_role' })
  @Field(() => ForumRole)
  role: ForumRole;

  @Column({ type: 'varchar', nullable: true })
  @Field(() => String, {
    nullable: true,
    description: 'Legal basis for sharing personal information in this forum, e.g. "retsplejeloven § 115"; null when none.',
  })
  legalBasis: string | null;

  @Column({ type: 'date' })
  @Field(() => LocalDateScalar)
  startsOn: string;

  @Column({ type: 'date', nullable: true })
  @Field(() => LocalDateScalar, { nullable: true })
  endsOn: string | null;
}
