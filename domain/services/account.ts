import type { AccountView } from '../../types/model';
import { requireAccount, type ServiceContext } from './context';

export async function me(ctx: ServiceContext): Promise<{ account: AccountView }> {
  const account = await requireAccount(ctx);
  const view: AccountView = { id: account._id, role: account.role, name: account.name };
  if (account.jurisdiction) {
    view.jurisdiction = account.jurisdiction;
    view.jurisdictionName = ctx.divisions.fullName(account.jurisdiction);
  }
  return { account: view };
}
