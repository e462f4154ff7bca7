/** Organisation: an actor in a partnership (department, unit, police, SSP, housing association, school…). */
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { Node, RecordEntity } from '../common/base.entity';

export enum OrganisationKind {
  MUNICIPAL_DEPARTMENT = 'municipal_department',
  MUNICIPAL_UNIT = 'municipal_unit',
  POLICE = 'police',
  SSP = 'ssp',
  HOUSING_ASSOCIATION = 'housing_association',
  SCHOOL = 'school',
  ASSOCIATION = 'association',
  BUSINESS = 'business',
  OTHER = 'other',
}
registerEnumType(OrganisationKind, { name: 'OrganisationKind' });

@ObjectType({ implements: Node, simpleResolvers: true })
@Entity()
@Index(['parentId'])
export class Organisation extends RecordEntity {
  @Column()
  @Field()
  name: string;

  @Column({ type: 'varchar', nullable: true })
  @Field(() => String, { nullable: true })
  shortName: string | null;

  @Column({ type: 'enum', enum: OrganisationKind, enumName: 'organisation_kind' })
  @Field(() => OrganisationKind)
  kind: OrganisationKind;

  @Column({ type: 'uuid', nullable: true })
  parentId: string | null;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn()
  parent?: Organisation;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  @Field(() => [String], { description: 'Topics the organisation can help with.' })
  topics: string[];

  @Column({ default: true })
  @Field()
  active: boolean;

  @Column({ type: 'varchar', nullable: true })
  @Field(() => String, { nullable: true })
  email: string | null;

  @Column({ type: 'varchar', nullable: true })
  @Field(() => String, { nullable: true })
  phone: string | null;
}
