// The staff workbench's entries: one per staff page, with the roles that may use it (the server
// checks again on every action; this only decides what to show).
import type { StaffRole } from '../../domain/staff/permissions';

export interface StaffEntry {
  title: string;
  description: string;
  /** Absolute page path inside the staff subpackage, e.g. /staff/pages/risk/index */
  url: string;
  roles: readonly StaffRole[];
}

export const STAFF_ENTRIES: StaffEntry[] = [];

export function entriesFor(role: string): StaffEntry[] {
  return STAFF_ENTRIES.filter((e) => (e.roles as readonly string[]).includes(role));
}
