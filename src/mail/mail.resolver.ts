import { Arg, Authorized, Ctx as GqlCtx, FieldResolver, ID, Mutation, Resolver, Root, UseMiddleware } from 'type-graphql';
import { Ctx } from '../context';
import { Permission } from '../auth/access';
import { Audited } from '../audit/audit';
import { Meeting } from '../meeting/meeting.entity';
import { Person } from '../person/person.entity';
import { mailService } from './mail.service';

@Resolver(() => Person)
export class MailResolver {
  @Authorized(Permission.RECORD)
  @UseMiddleware(Audited)
  @Mutation(() => Meeting, { description: "E-mail the meeting's agenda to the forum's current members (again, after changes). Needs a scheduled meeting with agenda items." })
  publishAgenda(@GqlCtx() ctx: Ctx, @Arg('meetingId', () => ID) meetingId: string): Promise<Meeting> {
    return mailService.publishAgenda(ctx, meetingId);
  }

  @Authorized()
  @UseMiddleware(Audited)
  @Mutation(() => Person, { description: 'Switch your daily e-mail digest of action item reminders off (optOut: true) or on again.' })
  setDigestOptOut(@GqlCtx() ctx: Ctx, @Arg('optOut') optOut: boolean): Promise<Person> {
    return mailService.setDigestOptOut(ctx, optOut);
  }

  @FieldResolver(() => Boolean, { nullable: true, description: 'Whether the person has switched reminder digests off; shown only to the person themself.' })
  digestOptOut(@Root() p: Person, @GqlCtx() ctx: Ctx): Promise<boolean> | null {
    if (!ctx.access.isSystem && ctx.access.personId !== p.id) return null;
    return mailService.digestOptOut(ctx, p.id);
  }
}
