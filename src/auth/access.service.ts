/** Granting and revoking people's roles in a partnership (administrators only). */
import { Ctx, inTransaction } from '../context';
import { ConflictError } from '../common/errors';
import { requireFound } from '../common/validate';
import { saveVersioned } from '../common/versioned';
import { Partnership } from '../partnership/partnership.entity';
import { Person } from '../person/person.entity';
import { Permission } from './access';
import { AccessRole, PartnershipAccess } from './partnership-access.entity';

export const accessService = {
  /** Give a person a role in a partnership, or change the role they have. */
  async grant(ctx: Ctx, input: { partnershipId: string; personId: string; role: AccessRole }): Promise<PartnershipAccess> {
    return inTransaction(ctx, async (tx) => {
      await requireFound(tx.manager, Partnership, input.partnershipId, 'partnershipId');
      await tx.access.require(Permission.ADMINISTER, input.partnershipId, 'granting roles');
      const person = await requireFound(tx.manager, Person, input.personId, 'personId');
      if (person.erasedAt) throw new ConflictError('An erased person cannot be given a role', { field: 'personId' });
      const existing = await tx.manager.findOne(PartnershipAccess, {
        where: { partnershipId: input.partnershipId, personId: input.personId },
        lock: { mode: 'pessimistic_write' },
      });
      if (existing) {
        existing.role = input.role;
        return saveVersioned(tx.manager, existing);
      }
      return tx.manager.save(tx.manager.create(PartnershipAccess, input));
    });
  },

  async revoke(ctx: Ctx, id: string): Promise<PartnershipAccess> {
    return inTransaction(ctx, async (tx) => {
      const grant = await requireFound(tx.manager, PartnershipAccess, id, 'id', { lock: true });
      await tx.access.require(Permission.ADMINISTER, grant.partnershipId, 'revoking roles');
      if (grant.personId === tx.access.personId && grant.role === AccessRole.ADMIN) {
        throw new ConflictError('You cannot revoke your own administrator role; ask another administrator');
      }
      const copy = { ...grant };
      await tx.manager.remove(grant);
      return Object.assign(new PartnershipAccess(), copy);
    });
  },
};
