// Family members (elders, children without a phone): one account reports for them and shows their
// codes. A person is one per ID number (issue 13: one person, one code), whoever reports for them;
// an account reaches a person only through its own link (`personLinks`) — a person id the account
// has no link to is answered as not found.
import { createHash } from 'node:crypto';
import type { Static } from '@sinclair/typebox';
import type { FamilyAdd } from '../../types/api/family';
import type { PersonView } from '../../types/model';
import { badInput, conflict, notFound } from '../errors';
import type { AccountDoc, PersonDoc, PersonLinkDoc } from '../store/collections';
import { atomically, DuplicateKeyError } from '../store/port';
import { idNumberProblem, maskIdNumber, phoneProblem } from '../validate/identity';
import { nameProblem } from '../validate/names';
import { requireAccount, type ServiceContext } from './context';
import { takeSlot } from './rate-limit';

export const MAX_FAMILY_MEMBERS = 10;

const digest = (...parts: string[]) => createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 24);
/** The person of an ID number — the same whichever account files (one person, one code). */
export const personIdFor = (idNumber: string) => `p_${digest('person', idNumber.toUpperCase())}`;
export const linkIdFor = (accountId: string, personId: string) => `l_${digest(accountId, personId)}`;

export function personView(person: PersonDoc, relation: PersonLinkDoc['relation']): PersonView {
  return { id: person._id, name: person.name, idNumberMasked: maskIdNumber(person.idNumber), idNumber: person.idNumber, relation };
}

/**
 * The person an action is about: a family member of the account when `personId` is given, else the
 * account's own person (null before its first report).
 */
export async function ownPerson(ctx: ServiceContext, account: AccountDoc, personId?: string): Promise<PersonDoc | null> {
  if (personId === undefined) return account.selfPersonId ? ctx.store.get('persons', account.selfPersonId) : null;
  const link = personId === account.selfPersonId ? true : await ctx.store.get('personLinks', linkIdFor(account._id, personId));
  const person = link ? await ctx.store.get('persons', personId) : null;
  if (!person) throw notFound('未找到该家庭成员');
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

/**
 * The person of an ID number, with the name checked against the one on file: a person is one
 * whoever reports, so a second account cannot file under another name for the same ID number.
 * Nothing is written; `keepPerson` writes a new person once every check has passed.
 */
export async function personByIdNumber(
  ctx: ServiceContext,
  account: AccountDoc,
  input: { name: string; idNumber: string; phone?: string },
): Promise<{ person: PersonDoc; isNew: boolean }> {
  const idNumber = input.idNumber.toUpperCase();
  const _id = personIdFor(idNumber);
  const existing = await ctx.store.get('persons', _id);
  const name = input.name.trim();
  if (existing) {
    if (existing.name !== name) throw badInput('姓名与该身份证号登记的姓名不一致，请核对', 'name');
    return { person: existing, isNew: false };
  }
  const person: PersonDoc = { _id, accountId: account._id, name, idNumber, phone: input.phone?.trim() ?? '', createdAt: ctx.now.toISOString() };
  return { person, isNew: true };
}

/** Writes a person found new by personByIdNumber (a concurrent first writer wins; same content). */
export async function keepPerson(ctx: ServiceContext, found: { person: PersonDoc; isNew: boolean }): Promise<void> {
  if (!found.isNew) return;
  try {
    await ctx.store.insert('persons', found.person);
  } catch (e) {
    if (!(e instanceof DuplicateKeyError)) throw e;
  }
}

/** Links the account to the person (idempotent: the link id is derived from both). */
export async function linkPerson(ctx: ServiceContext, account: AccountDoc, personId: string, relation: PersonLinkDoc['relation']): Promise<boolean> {
  try {
    await ctx.store.insert('personLinks', { _id: linkIdFor(account._id, personId), accountId: account._id, personId, relation, createdAt: ctx.now.toISOString() });
    return true;
  } catch (e) {
    if (!(e instanceof DuplicateKeyError)) throw e;
    return false;
  }
}

export async function listFamily(ctx: ServiceContext): Promise<{ persons: PersonView[] }> {
  const account = await requireAccount(ctx);
  const links = await ctx.store.find('personLinks', { where: { accountId: account._id }, orderBy: [['createdAt', 'asc']], limit: MAX_FAMILY_MEMBERS + 2 });
  const self = links.filter((l) => l.personId === account.selfPersonId);
  const family = links.filter((l) => l.personId !== account.selfPersonId && l.relation !== 'self');
  const out: PersonView[] = [];
  for (const link of [...self, ...family]) {
    const person = await ctx.store.get('persons', link.personId);
    if (person) out.push(personView(person, link.personId === account.selfPersonId ? 'self' : link.relation));
  }
  return { persons: out };
}

export async function addFamily(ctx: ServiceContext, input: Omit<Static<typeof FamilyAdd>, 'action'>): Promise<{ person: PersonView }> {
  const account = await requireAccount(ctx);
  const name = input.name.trim();
  const problem = nameProblem(name);
  if (problem) throw badInput(problem, 'name');
  const idNumber = input.idNumber.toUpperCase();
  const idProblem = idNumberProblem(idNumber);
  if (idProblem) throw badInput(idProblem, 'idNumber');
  const phone = input.phone?.trim() ?? '';
  if (phone) {
    const p = phoneProblem(phone);
    if (p) throw badInput(p, 'phone');
  }
  const id = personIdFor(idNumber);
  if (id === account.selfPersonId) throw conflict('这是您本人的身份证号，无需添加为家庭成员', 'idNumber');
  if (await ctx.store.get('personLinks', linkIdFor(account._id, id))) throw conflict('该身份证号已添加为家庭成员', 'idNumber');
  await takeSlot(ctx, 'family', account._id);
  const count = await ctx.store.count('personLinks', { accountId: account._id });
  if (count - (account.selfPersonId ? 1 : 0) >= MAX_FAMILY_MEMBERS) {
    throw conflict(`每个账号最多添加${MAX_FAMILY_MEMBERS}位家庭成员`);
  }
  // The person may exist already (reported by themself or another family): the same person, and
  // their name must match the one on file.
  const found = await personByIdNumber(ctx, account, { name, idNumber, phone });
  // Person and link together: a crash between them would make the retry answer "already added".
  await atomically(ctx.store, async () => {
    await keepPerson(ctx, found);
    if (!(await linkPerson(ctx, account, id, input.relation))) throw conflict('该身份证号已添加为家庭成员', 'idNumber');
  });
  return { person: personView(found.person, input.relation) };
}
