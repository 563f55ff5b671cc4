import type { AccountView } from '../../types/model';
import { requireAccount, type ServiceContext } from './context';

export async function me(ctx: ServiceContext): Promise<{ account: AccountView }> {
  const account = await requireAccount(ctx);
  return { account: { id: account._id, role: account.role, name: account.name } };
}
