/** Person: a contact person. Responsibility lands on organisations; people are linked through affiliations. */
import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index } from 'typeorm';
import { Node, RecordEntity } from '../common/base.entity';

@ObjectType({ implements: Node, simpleResolvers: true })
@Entity()
export class Person extends RecordEntity {
  @Column()
  @Field()
  name: string;

  @Column({ type: 'varchar', nullable: true })
  @Field(() => String, { nullable: true })
  title: string | null;

  @Column({ type: 'varchar', nullable: true })
  @Field(() => String, { nullable: true })
  email: string | null;

  @Column({ type: 'varchar', nullable: true })
  @Field(() => String, { nullable: true })
  phone: string | null;

  /** The stable subject claim of the person's identity-provider login. */
  @Index({ unique: true, where: '"subject" IS NOT NULL' })
  @Column({ type: 'varchar', length: 300, nullable: true })
  subject: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'Set when the person was erased: personal fields anonymised.' })
  erasedAt: Date | null;
}
