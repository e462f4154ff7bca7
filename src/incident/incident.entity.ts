/**
 * Incident: an acute episode (a shooting, an extortion case) and the partnership's rapid response to it:
 * extraordinary meetings, short-deadline action items and an append-only timeline.
 * The summary and updates are non-identifying: never a resident's name or CPR number (see incident.service.ts).
 */
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Generated, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { Node, RecordEntity } from '../common/base.entity';
import { Partnership } from '../partnership/partnership.entity';
import { Person } from '../person/person.entity';
import { Meeting } from '../meeting/meeting.entity';
import { ActionItem } from '../action-item/action-item.entity';

export enum IncidentKind {
  SHOOTING = 'shooting',
  EXTORTION = 'extortion',
  ARSON = 'arson',
  VIOLENCE = 'violence',
  UNREST = 'unrest',
  OTHER = 'other',
}
registerEnumType(IncidentKind, { name: 'IncidentKind' });

export enum IncidentStatus {
  ACTIVE = 'active',
  STABILISED = 'stabilised',
  CLOSED = 'closed',
}
registerEnumType(IncidentStatus, { name: 'IncidentStatus' });

@ObjectType({ implements: Node, simpleResolvers: true })
@Entity()
@Index(['partnershipId', 'occurredAt', 'id'])
@Index(['partnershipId', 'status'])
export class Incident extends RecordEntity {
  @Column('uuid')
  partnershipId: string;

  @ManyToOne(() => Partnership, { onDelete: 'RESTRICT' })
  @JoinColumn()
  partnership?: Partnership;

  @Column({ type: 'enum', enum: IncidentKind, enumName: 'incident_kind' })
  @Field(() => IncidentKind)
  kind: IncidentKind;

  @Column({ type: 'timestamptz' })
  @Field({ description: 'When it happened.' })
  occurredAt: Date;

  @Column()
  @Field({ description: 'Where: an area or place, never an address that identifies a resident.' })
  area: string;

  @Column('text')
  @Field({ description: 'Non-identifying summary: no names or CPR numbers of residents.' })
  summary: string;

  @Column({ type: 'enum', enum: IncidentStatus, enumName: 'incident_status', default: IncidentStatus.ACTIVE })
  @Field(() => IncidentStatus)
  status: IncidentStatus;

  @Column({ type: 'timestamptz' })
  @Field({ description: 'When it was registered in the record (time to first action counts from here).' })
  registeredAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  closedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  registeredById: string | null;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT' })
  @JoinColumn()
  registeredBy?: Person;

  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  involvedOrganisationIds: string[];
}

/** The extraordinary meetings held for an incident. */
@Entity()
export class IncidentMeeting {
  @PrimaryColumn('uuid')
  incidentId: string;

  @ManyToOne(() => Incident, { onDelete: 'RESTRICT' })
  @JoinColumn()
  incident?: Incident;

  @PrimaryColumn('uuid')
  @Index({ unique: true })
  meetingId: string;

  @ManyToOne(() => Meeting, { onDelete: 'RESTRICT' })
  @JoinColumn()
  meeting?: Meeting;
}

export enum IncidentUpdateKind {
  REGISTERED = 'registered',
  NOTE = 'note',
  ORGANISATIONS_INVOLVED = 'organisations_involved',
  MEETING_CONVENED = 'meeting_convened',
  ACTION_ASSIGNED = 'action_assigned',
  STATUS_CHANGED = 'status_changed',
}
registerEnumType(IncidentUpdateKind, { name: 'IncidentUpdateKind' });

/** The incident's timeline, append-only (a trigger refuses UPDATE and DELETE). */
@ObjectType({ implements: Node, simpleResolvers: true })
@Entity()
@Index(['incidentId', 'at', 'seq'])
export class IncidentUpdate implements Node {
  @PrimaryGeneratedColumn('uuid')
  @Field(() => ID)
  id: string;

  @Column('uuid')
  incidentId: string;

  @ManyToOne(() => Incident, { onDelete: 'RESTRICT' })
  @JoinColumn()
  incident?: Incident;

  /** Copied from the incident, for scoping. */
  @Column('uuid')
  partnershipId: string;

  @Column({ type: 'bigint', select: true, insert: false, update: false })
  @Generated('increment')
  seq: string;

  @Column({ type: 'timestamptz' })
  @Field()
  at: Date;

  @Column({ type: 'enum', enum: IncidentUpdateKind, enumName: 'incident_update_kind' })
  @Field(() => IncidentUpdateKind)
  kind: IncidentUpdateKind;

  @Column('text')
  @Field()
  text: string;

  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT' })
  @JoinColumn()
  actor?: Person;

  @Column({ type: 'uuid', nullable: true })
  meetingId: string | null;

  @ManyToOne(() => Meeting, { onDelete: 'RESTRICT' })
  @JoinColumn()
  meeting?: Meeting;

  @Column({ type: 'uuid', nullable: true })
  actionItemId: string | null;

  @ManyToOne(() => ActionItem, { onDelete: 'RESTRICT' })
  @JoinColumn()
  actionItem?: ActionItem;

  @Column({ type: 'enum', enum: IncidentStatus, enumName: 'incident_status', nullable: true })
  @Field(() => IncidentStatus, { nullable: true })
  fromStatus: IncidentStatus | null;

  @Column({ type: 'enum', enum: IncidentStatus, enumName: 'incident_status', nullable: true })
  @Field(() => IncidentStatus, { nullable: true })
  toStatus: IncidentStatus | null;
}
