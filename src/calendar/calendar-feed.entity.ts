/**
 * Calendar feeds: secret, revocable iCalendar URLs (calendar clients cannot send tokens). A feed acts
 * as the person who created it: it shows only what that person may read, at the time it is fetched.
 */
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { Node, RecordEntity } from '../common/base.entity';
import { Person } from '../person/person.entity';

export enum CalendarFeedKind {
  FORUM = 'forum',
  ORGANISATION = 'organisation',
  PERSON = 'person',
}
registerEnumType(CalendarFeedKind, {
  name: 'CalendarFeedKind',
  valuesConfig: {
    FORUM: { description: "A forum's meetings (and its planned series)." },
    ORGANISATION: "Meetings of the forums where the organisation has a seat, and its action items' due dates.",
    PERSON: "Your own meetings (the forums you sit in) and your action items' due dates.",
  } as never,
});

@ObjectType({ implements: Node, simpleResolvers: true })
@Entity()
@Index(['ownerId', 'createdAt'])
export class CalendarFeed extends RecordEntity {
  /** The person the feed acts as (its creator). */
  @Column('uuid')
  ownerId: string;

  @ManyToOne(() => Person, { onDelete: 'CASCADE' })
  @JoinColumn()
  owner?: Person;

  @Column({ type: 'enum', enum: CalendarFeedKind, enumName: 'calendar_feed_kind' })
  @Field(() => CalendarFeedKind)
  kind: CalendarFeedKind;

  /** The forum, organisation or person the feed is about. */
  @Column('uuid')
  @Field(() => String, { description: 'Id of the forum, organisation or person the feed is about.' })
  targetId: string;

  @Column()
  @Field()
  name: string;

  @Column({ default: false })
  @Field({ description: 'Action item due dates are included as all-day entries.' })
  includeActionItems: boolean;

  /** Public part of the token (`pcf_<8 hex>`), used to find the feed; unique. */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 32 })
  @Field({ description: 'Recognisable start of the feed token, e.g. "pcf_3f9a1c2b".' })
  prefix: string;

  /** SHA-256 of the whole token; the token itself is never stored. */
  @Column({ type: 'varchar', length: 64 })
  secretHash: string;

  @Column({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  revokedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When a calendar client last fetched the feed (to the minute).' })
  lastUsedAt: Date | null;
}
