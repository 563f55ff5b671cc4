// Family members (elders, children without a phone): one account reports for them and shows their
// codes. Each is a person of that account (keyed by account + ID number like the account's own);
// no other account can reach them — a person id of another account is answered as not found.
import type { Static } from '@sinclair/typebox';
import type { FamilyAdd } from '../../types/api/family';
import type { PersonView } from '../../types/model';
import { badInput, conflict, notFound } from '../errors';
import type { AccountDoc, PersonDoc } from '../store/collections';
import { DuplicateKeyError } from '../store/port';
import { idNumberProblem, maskIdNumber, phoneProblem } from '../validate/identity';
import { requireAccount, type ServiceContext } from './context';
import { personIdFor } from './report';

export const MAX_FAMILY_MEMBERS = 10;

export function personView(person: PersonDoc): PersonView {
  return { id: person._id, name: person.name, idNumberMasked: maskIdNumber(person.idNumber), relation: person.relation ?? 'self' };
}

/**
 * The person an action is about: a family member of the account when `personId` is given, else the
 * account's own person (null before its first report).
 */
export async function ownPerson(ctx: ServiceContext, account: AccountDoc, personId?: string): Promise<PersonDoc | null> {
  if (personId === undefined) return account.selfPersonId ? ctx.store.get('persons', account.selfPersonId) : null;
  const person = await ctx.store.get('persons', personId);
  if (!person || person.accountId !== account._id) throw notFound('未找到该家庭成员');
  return person;
}

/** Like ownPerson, but the person must exist (a code, an appeal or a window needs one). */
export async function requireOwnPerson(ctx: ServiceContext, account: AccountDoc, personId?: string): Promise<PersonDoc> {
  const person = await ownPerson(ctx, account, personId);
  if (!person) throw conflict('您还没有填报“一键直报”，暂无健康码');
  return person;
}

/** The family member a report is filed for: the form's name and ID number must be theirs. */
export async function reportingPerson(
  ctx: ServiceContext,
  account: AccountDoc,
  personId: string,
  input: { name: string; idNumber: string },
): Promise<PersonDoc> {
  const person = await ownPerson(ctx, account, personId);
  if (!person) throw notFound('未找到该家庭成员');
  if (person.idNumber !== input.idNumber) throw badInput('身份证号与所选家庭成员不一致，请核对', 'idNumber');
  if (person.name !== input.name.trim()) throw badInput('姓名与所选家庭成员不一致，请核对', 'name');
  return person;
}

export async function listFamily(ctx: ServiceContext): Promise<{ persons: PersonView[] }> {
  const account = await requireAccount(ctx);
  const docs = await ctx.store.find('persons', { where: { accountId: account._id }, limit: MAX_FAMILY_MEMBERS + 1 });
  const self = docs.filter((p) => p._id === account.selfPersonId);
  const family = docs.filter((p) => p._id !== account.selfPersonId && p.relation).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return { persons: [...self, ...family].map(personView) };
}

export async function addFamily(ctx: ServiceContext, input: Omit<Static<typeof FamilyAdd>, 'action'>): Promise<{ person: PersonView }> {
  const account = await requireAccount(ctx);
  const name = input.name.trim();
  if (!name) throw badInput('「姓名」不能为空', 'name');
  const idNumber = input.idNumber.toUpperCase();
  const idProblem = idNumberProblem(idNumber);
  if (idProblem) throw badInput(idProblem, 'idNumber');
  const phone = input.phone?.trim() ?? '';
  if (phone) {
    const p = phoneProblem(phone);
    if (p) throw badInput(p, 'phone');
  }
  const id = personIdFor(account._id, idNumber);
  if (id === account.selfPersonId) throw conflict('这是您本人的身份证号，无需添加为家庭成员', 'idNumber');
  const count = await ctx.store.count('persons', { accountId: account._id });
  if (count - (account.selfPersonId ? 1 : 0) >= MAX_FAMILY_MEMBERS) {
    throw conflict(`每个账号最多添加${MAX_FAMILY_MEMBERS}位家庭成员`);
  }
  const person: PersonDoc = { _id: id, accountId: account._id, name, idNumber, phone, relation: input.relation, createdAt: ctx.now.toISOString() };
  try {
    await ctx.store.insert('persons', person);
  } catch (e) {
    if (!(e instanceof DuplicateKeyError)) throw e;
    throw conflict('该身份证号已添加为家庭成员', 'idNumber');
  }
  return { person: personView(person) };
}
