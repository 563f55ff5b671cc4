import { listAccounts, listContacts, removeContact, saveAccount, saveContact, searchAudit, setDisabled } from '../../services/staff-admin';
import type { Handlers } from './types';

export const staff: Handlers<'staff'> = {
  listAccounts: (ctx, { action: _, ...input }) => listAccounts(ctx, input),
  saveAccount: (ctx, { action: _, ...input }) => saveAccount(ctx, input),
  setDisabled: (ctx, { action: _, ...input }) => setDisabled(ctx, input),
  listContacts: (ctx, { action: _, ...input }) => listContacts(ctx, input),
  saveContact: (ctx, { action: _, ...input }) => saveContact(ctx, input),
  removeContact: (ctx, { action: _, ...input }) => removeContact(ctx, input),
  searchAudit: (ctx, { action: _, ...input }) => searchAudit(ctx, input),
};
