// Who may do what: every staff action and the roles allowed to take it. Data, not code, so the
// authorization matrix test can walk it. Where an action also names a place, the place must lie
// inside the staff member's jurisdiction (see ./authorize.ts).
import type { Role } from '../../types/model';

export const STAFF_ROLES = ['bureau-admin', 'platform', 'area-admin', 'community', 'checkpoint'] as const satisfies readonly Role[];
export type StaffRole = (typeof STAFF_ROLES)[number];

const ALL_STAFF = [...STAFF_ROLES];

export const PERMISSIONS = {
  /** The Bureau keeps staff accounts and the county contacts directory (三(一)). */
  'staff.manage': ['bureau-admin'],
  'contacts.manage': ['bureau-admin'],
  'contacts.read': ALL_STAFF,
  'audit.search': ['bureau-admin'],
  /** The daily national list (三(三)): published by the Bureau, queried by every staff member. */
  'risk.publish': ['bureau-admin'],
  'risk.query': ALL_STAFF,
  /** Policy versions (issue 11): the Bureau uploads, schedules and withdraws them. */
  'policy.manage': ['bureau-admin'],
  /** Community verification (二(三)) and first-question handling by platform staff (三(一)). */
  'arrivals.list': ['community', 'platform'],
  'arrivals.verify': ['community', 'platform'],
  'arrivals.transfer': ['community', 'platform'],
  'tests.record': ['community', 'platform', 'area-admin'],
  /** Code conversions (一(*)1, 一(*)3) by the area administrator. */
  'conversions.list': ['area-admin'],
  'conversions.confirm': ['area-admin'],
  /** Appeals (三(四)): platform staff answer; the Bureau takes the overdue ones. */
  'appeals.list': ['platform', 'bureau-admin'],
  'appeals.answer': ['platform', 'bureau-admin'],
  /** Checkpoints (二(二), 三(二)). */
  'checkpoint.verify': ['checkpoint'],
  'checkpoint.report': ['checkpoint'],
  /** Daily processing quality (三(一)). */
  'dashboard.view': ['bureau-admin'],
} as const satisfies Record<string, readonly StaffRole[]>;

export type StaffAction = keyof typeof PERMISSIONS;

export function mayTake(role: Role, action: StaffAction): boolean {
  return (PERMISSIONS[action] as readonly Role[]).includes(role);
}
