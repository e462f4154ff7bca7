/** A coordinator's note that an overlap between two activities has been looked at (handled). */
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { RecordEntity } from '../common/base.entity';
import { JointActivity } from '../activity/activity.entity';
import { Person } from '../person/person.entity';

@Entity()
@Index(['activityAId', 'activityBId'], { unique: true })
@Index(['partnershipId'])
export class OverlapHandling extends RecordEntity {
  @Column('uuid')
  partnershipId: string;

  /** The pair in id order (activityAId < activityBId). */
  @Column('uuid')
  activityAId: string;

  @ManyToOne(() => JointActivity, { onDelete: 'CASCADE' })
  @JoinColumn()
  activityA?: JointActivity;

  @Column('uuid')
  activityBId: string;

  @ManyToOne(() => JointActivity, { onDelete: 'CASCADE' })
  @JoinColumn()
  activityB?: JointActivity;

  @Column('text')
  note: string;

  @Column({ type: 'timestamptz' })
  handledAt: Date;

  @Column({ type: 'uuid', nullable: true })
  handledById: string | null;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT' })
  @JoinColumn()
  handledBy?: Person;
}
