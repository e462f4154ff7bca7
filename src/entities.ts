import { Organisation } from './organisation/organisation.entity';
import { Person } from './person/person.entity';
import { Affiliation } from './person/affiliation.entity';
import { Partnership, PartnershipMember } from './partnership/partnership.entity';
import { Forum, ForumMember } from './forum/forum.entity';
import { Attendance, Meeting, MinutesAmendment } from './meeting/meeting.entity';
import { AgendaItem } from './agenda/agenda-item.entity';
import { Decision, DecisionResponsibility, DecisionStatusChange } from './decision/decision.entity';
import { ActionItem, ActionItemEvent } from './action-item/action-item.entity';

import { PartnershipAccess } from './auth/partnership-access.entity';
import { ApiKey } from './api-key/api-key.entity';
import { AuditEntry, ConfidentialRead, IdempotencyKey } from './audit/audit.entity';
import { AgendaItemSubject } from './agenda/agenda-item-subject.entity';
import { ChangeEvent } from './change-feed/change-event.entity';
import { WebhookAttempt, WebhookDelivery, WebhookSecret, WebhookSubscription } from './webhook/webhook.entity';
import { CalendarFeed } from './calendar/calendar-feed.entity';
import { MailMessage, MailPreference, MeetingDistribution, ReminderSent } from './mail/mail.entity';
import { ActivityParticipant, JointActivity } from './activity/activity.entity';
import { Incident, IncidentMeeting, IncidentUpdate } from './incident/incident.entity';
import { OverlapHandling } from './overlap/overlap.entity';

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
  PartnershipAccess,
  ApiKey,
  AuditEntry,
  ConfidentialRead,
  IdempotencyKey,
  AgendaItemSubject,
  ChangeEvent,
  WebhookSubscription,
  WebhookSecret,
  WebhookDelivery,
  WebhookAttempt,
  CalendarFeed,
  MailMessage,
  ReminderSent,
  MeetingDistribution,
  MailPreference,
  JointActivity,
  ActivityParticipant,
  OverlapHandling,
  Incident,
  IncidentMeeting,
  IncidentUpdate,
];
