import { Organisation } from './organisation/organisation.entity';
import { Person } from './person/person.entity';
import { Affiliation } from './person/affiliation.entity';
import { Partnership, PartnershipMember } from './partnership/partnership.entity';
import { Forum, ForumMember } from './forum/forum.entity';
import { Attendance, Meeting, MinutesAmendment } from './meeting/meeting.entity';
import { AgendaItem } from './agenda/agenda-item.entity';
import { Decision, DecisionResponsibility, DecisionStatusChange } from './decision/decision.entity';
import { ActionItem, ActionItemEvent } from './action-item/action-item.entity';

export const entities = [
  Organisation,
  Person,
  Affiliation,
  Partnership,
  PartnershipMember,
  Forum,
  ForumMember,
  Meeting,
  Attendance,
  MinutesAmendment,
  AgendaItem,
  Decision,
  DecisionResponsibility,
  DecisionStatusChange,
  ActionItem,
  ActionItemEvent,
];
