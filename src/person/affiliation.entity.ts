/** Affiliation: a person works for an organisation in a role over a period (endsOn exclusive of nothing: inclusive last day). */
import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { Node, RecordEntity } from '../common/base.entity';
import { Organisation } from '../organisation/organisation.entity';
import { Person } from './person.entity';
import { LocalDateScalar } from '../common/scalars';

@ObjectType({ implements: Node, simpleResolvers: true })
@Entity()
@Index(['personId', 'organisationId'])
@Index(['organisationId'])
export class Affiliation extends RecordEntity {
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

  @Column({ type: 'varchar', nullable: true })
  @Field(() => String, { nullable: true, description: 'Role or job in the organisation, e.g. "SSP-konsulent".' })
  role: string | null;

  @Column({ default: false })
  @Field({ description: "The organisation's contact person for the partnership." })
  isContact: boolean;

  @Column({ type: 'date' })
  @Field(() => LocalDateScalar)
  startsOn: string;

  @Column({ type: 'date', nullable: true })
  @Field(() => LocalDateScalar, { nullable: true, description: 'Last day of the affiliation; null while it lasts.' })
  endsOn: string | null;
}
