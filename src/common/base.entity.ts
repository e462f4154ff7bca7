import { Field, ID, Int, InterfaceType, ObjectType } from 'type-graphql';
import { CreateDateColumn, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/** Relay's Node: every object has a stable UUID and can be fetched with node(id:). */
@InterfaceType({ description: 'An object with a stable UUID, fetchable with `node(id:)`.' })
export abstract class Node {
  @Field(() => ID)
  id: string;
}

/** Columns every record carries: UUID, creation and update times, and a version for optimistic concurrency. */
@ObjectType()
export abstract class RecordEntity implements Node {
  @PrimaryGeneratedColumn('uuid')
  @Field(() => ID)
  id: string;

  @CreateDateColumn({ type: 'timestamptz' })
  @Field()
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  @Field()
  updatedAt: Date;

  @VersionColumn({ default: 1 })
  @Field(() => Int, { description: 'Increases with every change; send it back to detect concurrent edits.' })
  version: number;
}
