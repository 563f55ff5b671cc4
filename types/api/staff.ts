// `staff`: the Bureau's back office — staff accounts, the county contacts directory (三(一)) and the
// audit log search.
import type { Rules } from './actions';
import { Type } from '@sinclair/typebox';
import type { AuditView, ContactView, StaffAccountView } from '../model';
import { dateField, StringEnum, pageFields, type PageInfo } from './common';

export const STAFF_ROLE_VALUES = ['bureau-admin', 'platform', 'area-admin', 'community', 'checkpoint'] as const;

const accountId = (title: string) => Type.String({ title, minLength: 6, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });
const phone = (title: string) => Type.String({ title, pattern: '^1[3-9]\\d{9}$' });
/** A Hechi division: 4512 (city), county (6), township (9) or community (12). */
export const hechiDivision = (title: string) => Type.String({ title, pattern: '^4512(\\d{2}(\\d{3}(\\d{3})?)?)?$' });

export const STAFF = {
  listAccounts: Type.Object({ action: Type.Literal('listAccounts'), ...pageFields }, { additionalProperties: false }),
  saveAccount: Type.Object(
    {
      action: Type.Literal('saveAccount'),
      /** The staff member's WeChat OPENID (shown on their workbench), or a local account id. */
      id: accountId('账号编号（OPENID）'),
      role: StringEnum(STAFF_ROLE_VALUES, { title: '角色' }),
      name: Type.String({ title: '姓名', minLength: 1, maxLength: 30 }),
      phone: phone('联系电话'),
      jurisdiction: hechiDivision('管辖范围'),
    },
    { additionalProperties: false },
  ),
  setDisabled: Type.Object(
    {
      action: Type.Literal('setDisabled'),
      id: accountId('账号编号'),
      disabled: Type.Boolean({ title: '是否停用' }),
      reason: Type.String({ title: '原因', minLength: 2, maxLength: 200 }),
    },
    { additionalProperties: false },
  ),
  listContacts: Type.Object(
    { action: Type.Literal('listContacts'), divisionCode: Type.Optional(hechiDivision('所在区划')), ...pageFields },
    { additionalProperties: false },
  ),
  saveContact: Type.Object(
    {
      action: Type.Literal('saveContact'),
      id: Type.Optional(Type.String({ title: '联系人编号', minLength: 1, maxLength: 64 })),
      divisionCode: Type.String({ title: '县（市、区）或乡镇（街道）', pattern: '^4512\\d{2}(\\d{3})?$' }),
      name: Type.String({ title: '联系人姓名', minLength: 1, maxLength: 30 }),
      title: Type.String({ title: '职务', minLength: 1, maxLength: 30 }),
      phone: phone('联系电话'),
    },
    { additionalProperties: false },
  ),
  removeContact: Type.Object(
    { action: Type.Literal('removeContact'), id: Type.String({ title: '联系人编号', minLength: 1, maxLength: 64 }) },
    { additionalProperties: false },
  ),
  searchAudit: Type.Object(
    {
      action: Type.Literal('searchAudit'),
      actorId: Type.Optional(accountId('操作人账号')),
      target: Type.Optional(Type.String({ title: '操作对象', minLength: 1, maxLength: 100 })),
      /** The person acted on, by name (their records and reports). */
      personName: Type.Optional(Type.String({ title: '被操作人姓名', minLength: 1, maxLength: 30 })),
      auditAction: Type.Optional(Type.String({ title: '操作类型', minLength: 1, maxLength: 60, pattern: '^[A-Za-z.:]+$' })),
      from: Type.Optional(dateField('开始日期')),
      to: Type.Optional(dateField('结束日期')),
      limit: Type.Optional(Type.Integer({ title: '条数', minimum: 1, maximum: 200 })),
      cursor: pageFields.cursor,
    },
    { additionalProperties: false },
  ),
} as const;

export interface StaffOutputs {
  listAccounts: { accounts: StaffAccountView[] } & PageInfo;
  saveAccount: { account: StaffAccountView; created: boolean };
  setDisabled: { account: StaffAccountView };
  listContacts: { contacts: ContactView[] } & PageInfo;
  saveContact: { contact: ContactView };
  removeContact: { removed: boolean };
  /** `totalCapped`: the count stopped at 10,000 — there are more than `total` (staff-admin.ts AUDIT_COUNT_CAP). */
  searchAudit: { entries: AuditView[]; totalCapped?: true } & PageInfo;
}

export const STAFF_RULES = {
  listAccounts: { who: 'staff', permission: 'staff.manage', audit: { action: 'staff.list' }, errors: [] },
  saveAccount: { who: 'staff', permission: 'staff.manage', audit: { action: 'staff.update', target: 'id' }, errors: ['CONFLICT'], note: 'audited as `staff.create` or `staff.update`' },
  setDisabled: { who: 'staff', permission: 'staff.manage', audit: { action: 'staff.disable', target: 'id', reason: 'reason' }, errors: ['NOT_FOUND', 'CONFLICT'], note: 'audited as `staff.disable` or `staff.enable`' },
  listContacts: { who: 'staff', permission: 'contacts.read', audit: { action: 'contacts.read', target: 'divisionCode' }, errors: [] },
  saveContact: { who: 'staff', permission: 'contacts.manage', audit: { action: 'contacts.update', target: 'id' }, errors: ['NOT_FOUND'], note: 'audited as `contacts.create` or `contacts.update`' },
  removeContact: { who: 'staff', permission: 'contacts.manage', audit: { action: 'contacts.remove', target: 'id' }, errors: ['NOT_FOUND'] },
  searchAudit: { who: 'staff', permission: 'audit.search', audit: { action: 'audit.search' }, errors: [] },
} satisfies Rules<typeof STAFF>;
