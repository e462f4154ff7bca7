/** A person's role in a partnership: what they may read and change there (see README, "Who may do what"). */
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { Node, RecordEntity } from '../common/base.entity';
import { Partnership } from '../partnership/partnership.entity';
import { Person } from '../person/person.entity';

export enum AccessRole {
  ADMIN = 'admin',
  COORDINATOR = 'coordinator',
  MEMBER = 'member',
  OBSERVER = 'observer',
}
registerEnumType(AccessRole, { name: 'AccessRole' });

@ObjectType({ implements: Node, simpleResolvers: true })
@Entity()
@Index(['partnershipId', 'personId'], { unique: true })
@Index(['personId'])
export class PartnershipAccess extends RecordEntity {
  @Column('uuid')
  partnershipId: string;

  @ManyToOne(() => Partnership, { onDelete: 'CASCADE' })
  @JoinColumn()
  partnership?: Partnership;

  @Column('uuid')
  personId: string;

  @ManyToOne(() => Person, { onDelete: 'CASCADE' })
  @JoinColumn()
  person?: Person;

  @Column({ type: 'enum', enum: AccessRole, enumName: 'access_role' })
  @Field(() => AccessRole)
  role: AccessRole;
}
