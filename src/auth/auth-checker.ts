/**
 * type-graphql's authChecker: every Query and Mutation field carries @Authorized. Without arguments it
 * needs any authenticated principal; with permissions, the principal must hold one of them in some
 * partnership. The exact check against the target's partnership happens in the service.
 */
import { AuthChecker } from 'type-graphql';
import { Ctx } from '../context';
import { Permission, UnauthenticatedError } from './access';

export const authChecker: AuthChecker<Ctx, Permission> = async ({ context }, permissions) => {
  context.access.requireAuthenticated();
  if (!permissions.length) return true;
  for (const p of permissions) if (await context.access.has(p, null)) return true;
  return false;
};

export { UnauthenticatedError };
