/** API keys for integrations: shown once, stored as a hash, scoped to permissions and partnerships. */
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { Node, RecordEntity } from '../common/base.entity';
import { Person } from '../person/person.entity';

export enum ApiScope {
  READ_DIRECTORY = 'read:directory',
  READ_MEETINGS = 'read:meetings',
  READ_DECISIONS = 'read:decisions',
  READ_ACTION_ITEMS = 'read:action_items',
  WRITE_ACTION_ITEM_STATUS = 'write:action_item_status',
  READ_CHANGES = 'read:changes',
  MANAGE_WEBHOOKS = 'manage:webhooks',
  WRITE_CASE_REFERENCES = 'write:case_references',
}
registerEnumType(ApiScope, {
  name: 'ApiScope',
  valuesConfig: {
    READ_DIRECTORY: { description: 'Organisations, people and affiliations.' },
    READ_MEETINGS: { description: 'Meetings, attendance, agenda items, minutes amendments.' },
    READ_DECISIONS: { description: 'Decisions and their status history.' },
    READ_ACTION_ITEMS: { description: 'Action items and their history.' },
    WRITE_ACTION_ITEM_STATUS: { description: 'Change the status of action items.' },
    READ_CHANGES: { description: 'The change feed (`changes`), limited to the kinds of record the other read scopes allow.' },
    MANAGE_WEBHOOKS: { description: 'Manage webhook subscriptions of its partnerships and read their delivery log.' },
    WRITE_CASE_REFERENCES: { description: "Set decisions' case number and KLE number (a case system journalising them)." },
  },
});

@ObjectType({ implements: Node, simpleResolvers: true })
@Entity()
export class ApiKey extends RecordEntity {
  @Column()
  @Field()
  name: string;

  /** The public part of the key (`prk_<prefix>_…`), used to find it; unique. */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 32 })
  @Field({ description: 'Recognisable start of the key, e.g. "prk_3f9a1c2b".' })
  prefix: string;

  /** SHA-256 of the whole key; the key itself is never stored. */
  @Column({ type: 'varchar', length: 64 })
  secretHash: string;

  @Column({ type: 'text', array: true })
  @Field(() => [ApiScope])
  scopes: ApiScope[];

  @Column({ type: 'uuid', array: true })
  partnershipIds: string[];

  @Column({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  expiresAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  revokedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  lastUsedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  createdById: string | null;

  @ManyToOne(() => Person, { onDelete: 'SET NULL' })
  @JoinColumn()
  createdBy?: Person;
}
