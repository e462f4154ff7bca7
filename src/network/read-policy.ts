/**
 * Read policies (see src/auth/scope.ts) of the network, activity, contact, overlap and incident types:
 * all are partnership records, readable by whoever reads the partnership. The computed types are built
 * by services that check the partnership first; they carry `partnershipId` so the rule applies to them too.
 */
const partnership = { kind: 'partnership' as const, column: 'partnership_id' };

export const NETWORK_READ_POLICY = {
  JointActivity: partnership,
  ActivityParticipant: partnership,
  Incident: partnership,
  IncidentUpdate: partnership,
  IncidentDashboard: partnership,
  ProposedIncidentActor: partnership,
  NetworkMap: partnership,
  NetworkCounts: partnership,
  NetworkOrganisation: partnership,
  NetworkGaps: partnership,
  NetworkForumGap: partnership,
  NetworkFallenOut: partnership,
  ContactMatch: partnership,
  ContactReason: partnership,
  OverlapFlag: partnership,
};
