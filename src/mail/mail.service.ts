/** Publishing a meeting's agenda to the forum's members, and people's digest preferences. */
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Ctx, inTransaction } from '../context';
import { Permission } from '../auth/access';
import { ConflictError } from '../common/errors';
import { requireFound } from '../common/validate';
import { Meeting, MeetingStatus } from '../meeting/meeting.entity';
import { Person } from '../person/person.entity';
import { DistributionStatus, MailKind, MailPreference, MeetingDistribution } from './mail.entity';

export const mailService = {
  /**
   * Send the agenda to the forum's current members (by e-mail, through the outbox). Publishing again
   * after changes sends the new agenda again. The meeting must be scheduled and have an agenda.
   */
  async publishAgenda(ctx: Ctx, meetingId: string): Promise<Meeting> {
    return inTransaction(ctx, async (tx) => {
      const meeting = await requireFound(tx.manager, Meeting, meetingId, 'meetingId');
      await tx.access.require(Permission.RECORD, meeting.partnershipId, 'publishing an agenda');
      if (meeting.status !== MeetingStatus.SCHEDULED) {
        throw new ConflictError(`Only the agenda of a scheduled meeting is published; this meeting is ${meeting.status}`, { status: meeting.status });
      }
      const [{ n }]: { n: number }[] = await tx.manager.query('SELECT count(*)::int AS n FROM agenda_item WHERE meeting_id = $1', [meeting.id]);
      if (!n) throw new ConflictError('The meeting has no agenda items to publish', { reason: 'EMPTY_AGENDA' });
      await tx.manager.save(
        tx.manager.create(MeetingDistribution, {
          meetingId: meeting.id,
          kind: MailKind.AGENDA,
          requestedAt: tx.now(),
          requestedById: tx.actorId,
          status: DistributionStatus.PENDING,
        }),
      );
      return meeting;
    });
  },

  /** Switch your own daily reminder digests off (true) or on again (false). */
  async setDigestOptOut(ctx: Ctx, optOut: boolean): Promise<Person> {
    ctx.access.requireAuthenticated();
    const me = ctx.access.personId;
    if (!me) throw new ConflictError('Digest preferences belong to a person; sign in as one');
    return inTransaction(ctx, async (tx) => {
      const person = await requireFound(tx.manager, Person, me, 'person');
      const pref = await tx.manager.findOne(MailPreference, { where: { personId: me } });
      if (pref) {
        pref.digestOptOut = optOut;
        pref.updatedAt = tx.now();
        await tx.manager.save(pref);
      } else {
        await tx.manager.save(
          tx.manager.create(MailPreference, { personId: me, digestOptOut: optOut, unsubscribeToken: randomBytes(24).toString('base64url'), updatedAt: tx.now() }),
        );
      }
      return person;
    });
  },

  async digestOptOut(ctx: Ctx, personId: string): Promise<boolean> {
    const rows: { digest_opt_out: boolean }[] = await ctx.manager.query('SELECT digest_opt_out FROM mail_preference WHERE person_id = $1', [personId]);
    return rows[0]?.digest_opt_out ?? false;
  },

  /** The unsubscribe link's action: digests off for the person holding the token. False for an unknown token. */
  async unsubscribe(ds: DataSource, token: string): Promise<boolean> {
    if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return false;
    const [, count]: [unknown[], number] = await ds.query(`UPDATE mail_preference SET digest_opt_out = true, updated_at = now() WHERE unsubscribe_token = $1 RETURNING person_id`, [token]);
    return count > 0;
  },
};
