/** People an agenda item concerns (data subjects), for access requests: who read confidential items about them. */
import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { AgendaItem } from './agenda-item.entity';
import { Person } from '../person/person.entity';

@Entity()
@Index(['personId'])
export class AgendaItemSubject {
  @PrimaryColumn('uuid')
  agendaItemId: string;

  @ManyToOne(() => AgendaItem, { onDelete: 'CASCADE' })
  @JoinColumn()
  agendaItem?: AgendaItem;

  @PrimaryColumn('uuid')
  personId: string;

  @ManyToOne(() => Person, { onDelete: 'CASCADE' })
  @JoinColumn()
  person?: Person;
}
