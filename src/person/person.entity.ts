/** Person: a contact person. Responsibility lands on organisations; people are linked through affiliations. */
import { Field, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { Node, RecordEntity } from '../common/base.entity';

@ObjectType({ implements: Node })
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
}
