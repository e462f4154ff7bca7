/** Partnership: e.g. "Tryghedspartnerskabet Tingbjerg-Husum", with member organisations over periods. */
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { Node, RecordEntity } from '../common/base.entity';
import { Organisation } from '../organisation/organisation.entity';
import { LocalDateScalar } from '../common/scalars';

@ObjectType({ implements: Node, simpleResolvers: true })
@Entity()
export class Partnership extends RecordEntity {
  @Column()
  @Field()
  name: string;

  @Column()
  @Field({ description: 'The area the partnership covers.' })
  area: string;

  @Column({ type: 'text', default: '' })
  @Field()
  purpose: string;

  /** Opt-in to the public OParl export (src/oparl/): anyone may then read its non-confidential record there. */
  @Column({ default: false })
  @Field({ description: 'Published in the public OParl export (/oparl/v1/) without credentials; confidential content is never exported.' })
  oparlPublic: boolean;
}

export enum PartnershipRole {
  LEAD = 'lead',
  PARTNER = 'partner',
  OBSERVER = 'observer',
}
registerEnumType(PartnershipRole, { name: 'PartnershipRole' });

@ObjectType({ implements: Node, simpleResolvers: true })
@Entity()
@Index(['partnershipId', 'organisationId'])
@Index(['organisationId'])
export class PartnershipMember extends RecordEntity {
  @Column('uuid')
  partnershipId: string;

  @ManyToOne(() => Partnership, { onDelete: 'RESTRICT' })
  @JoinColumn()
  partnership?: Partnership;

  @Column('uuid')
  organisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn()
  organisation?: Organisation;

  @Column({ type: 'enum', enum: PartnershipRole, enumName: 'partnership_role' })
  @Field(() => PartnershipRole)
  role: PartnershipRole;

  @Column({ type: 'date' })
  @Field(() => LocalDateScalar)
  startsOn: string;

  @Column({ type: 'date', nullable: true })
  @Field(() => LocalDateScalar, { nullable: true })
  endsOn: string | null;
}
