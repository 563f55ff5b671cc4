// Every collection the system keeps, its document type and its indexes — defined once here.
// The SQLite adapter creates tables and indexes from this; the CloudBase deploy guide lists the
// same indexes for the console (scripts/print-indexes.ts).
import type {
  CodeColor,
  Decision,
  Instant,
  ItineraryStop,
  LocalDate,
  OriginCategory,
  RiskLevel,
  Role,
  Transport,
} from '../../types/model';

export interface AccountDoc {
  _id: string;
  role: Role;
  name: string;
  /** The person this account reports as (实名), bound by its first report. */
  selfPersonId?: string;
  /** Division code the staff member is responsible for. */
  jurisdiction?: string;
  createdAt: Instant;
}

export interface PersonDoc {
  _id: string;
  accountId: string;
  name: string;
  idNumber: string;
  phone: string;
  createdAt: Instant;
}

export interface ReportDoc {
  _id: string;
  accountId: string;
  requestId: string;
  personId: string;
  name: string;
  idNumber: string;
  phone: string;
  /** As reported, with the place and risk-area names of the day it was filed. */
  itinerary: Array<ItineraryStop & { place: string; riskAreas: string[] }>;
  arrivalDate: LocalDate;
  transport: Transport;
  transportNo?: string;
  itineraryStar: boolean;
  destination: { villageCode: string; countyCode: string; address: string };
  decision: Decision;
  /** Whether this report's decision became the person's code (a looser one waits for staff). */
  applied: boolean;
  createdAt: Instant;
}

/** The current code of a person: one document per person, `_id` = person id. */
export interface CodeDoc {
  _id: string;
  accountId: string;
  color: CodeColor;
  category: OriginCategory;
  decision: Decision;
  reportId: string;
  updatedAt: Instant;
}

/** Every change of a person's code, for the history. */
export interface CodeEventDoc {
  _id: string;
  personId: string;
  at: Instant;
  from: CodeColor | null;
  to: CodeColor;
  clause: string;
  reason: string;
  source: 'report' | 'measure' | 'conversion' | 'recode' | 'appeal';
  reportId?: string;
  /** The staff member who made the change, when one did. */
  actorId?: string;
}

export interface RiskAreaDoc {
  id: string;
  level: RiskLevel;
  province: string;
  city: string;
  county: string;
  area: string;
  countyCode: string;
  cityCode: string;
}

/** A published national risk-area list; `_id` = its date. Immutable once published. */
export interface RiskListDoc {
  _id: LocalDate;
  date: LocalDate;
  areas: RiskAreaDoc[];
  confirmedCityCodes: string[];
  publishedAt: Instant;
  publishedBy: string;
}

export interface AuditDoc {
  _id: string;
  at: Instant;
  actorId: string;
  role: Role;
  action: string;
  target: string;
  before?: unknown;
  after?: unknown;
  reason?: string;
}

export interface Collections {
  accounts: AccountDoc;
  persons: PersonDoc;
  reports: ReportDoc;
  codes: CodeDoc;
  codeEvents: CodeEventDoc;
  riskLists: RiskListDoc;
  auditLog: AuditDoc;
}

export type CollectionName = keyof Collections;

export interface IndexDef {
  name: string;
  /** Dotted field paths, in order. */
  fields: string[];
  unique?: boolean;
}

export const COLLECTIONS: Record<CollectionName, { indexes: IndexDef[] }> = {
  accounts: { indexes: [{ name: 'role', fields: ['role'] }] },
  persons: {
    indexes: [
      { name: 'account_id_number', fields: ['accountId', 'idNumber'], unique: true },
      { name: 'id_number', fields: ['idNumber'] },
    ],
  },
  reports: {
    indexes: [
      { name: 'account_request', fields: ['accountId', 'requestId'], unique: true },
      { name: 'account_created', fields: ['accountId', 'createdAt'] },
      { name: 'person_created', fields: ['personId', 'createdAt'] },
      { name: 'destination_arrival', fields: ['destination.countyCode', 'arrivalDate'] },
    ],
  },
  codes: { indexes: [{ name: 'account', fields: ['accountId'] }] },
  codeEvents: { indexes: [{ name: 'person_at', fields: ['personId', 'at'] }] },
  riskLists: { indexes: [{ name: 'date', fields: ['date'] }] },
  auditLog: {
    indexes: [
      { name: 'actor_at', fields: ['actorId', 'at'] },
      { name: 'target_at', fields: ['target', 'at'] },
    ],
  },
};
