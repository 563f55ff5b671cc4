// Every collection the system keeps, its document type and its indexes — defined once here.
// The SQLite adapter creates tables and indexes from this; the CloudBase deploy guide lists the
// same indexes for the console (scripts/print-indexes.ts).
import type {
  CodeColor,
  Decision,
  FamilyRelation,
  Instant,
  ItineraryStop,
  LocalDate,
  Measure,
  OriginCategory,
  RiskAreaKind,
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
  /** That person's name and masked ID number, kept with the binding so the code page needs no persons read. */
  selfView?: { name: string; idNumberMasked: string };
  /** Division code the staff member is responsible for. */
  jurisdiction?: string;
  /** Staff: work phone, kept by the Bureau. */
  phone?: string;
  /** Staff: a disabled account is refused on every call (requireAccount). */
  disabled?: boolean;
  updatedAt?: Instant;
  createdAt: Instant;
}

/**
 * A person: one per ID number (`_id` = personIdFor(idNumber)), whatever account reports for them,
 * so a person has one current code (issue 13). Accounts reach a person through `personLinks`.
 */
export interface PersonDoc {
  _id: string;
  /** The account that first reported or added this person. */
  accountId: string;
  name: string;
  idNumber: string;
  phone: string;
  createdAt: Instant;
}

/** An account's way to a person: its own (实名, `self`) or a family member it reports for. */
export interface PersonLinkDoc {
  /** `l_` + digest(accountId, personId): one link per account and person. */
  _id: string;
  accountId: string;
  personId: string;
  relation: FamilyRelation | 'self';
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
  /** Filed for the person by checkpoint staff, on the spot (二(二)). */
  filedAt?: { checkpoint: string; staffId: string };
  createdAt: Instant;
}

/** The current code of a person: one document per person, `_id` = person id. */
export interface CodeDoc {
  _id: string;
  /** The code event that set this code: a retried change recognises its own. */
  eventId?: string;
  accountId: string;
  color: CodeColor;
  category: OriginCategory;
  decision: Decision;
  reportId: string;
  /**
   * The county whose staff handle the report the code rests on: its destination, or where it was
   * transferred to. The conversion worklists read a county's red and yellow codes by it. (Absent only
   * on codes written before it existed: the SQLite migration fills it in.)
   */
  countyCode?: string;
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
  /** The policy version that made the decision (`id@version`; absent on events written before). */
  policyVersion?: string;
}

export interface RiskAreaDoc {
  id: string;
  /** The level the policy reads: a sealed zone counts as high, a controlled zone as medium. */
  level: RiskLevel;
  /** As designated on the list; absent on lists from before zones were kept (then = level). */
  kind?: RiskAreaKind;
  province: string;
  city: string;
  county: string;
  area: string;
  countyCode: string;
  cityCode: string;
}

/**
 * A published version of a day's national list: a small summary (counts and the codes of the
 * counties and cities with areas — bounded by China's ~2,900 counties, not by the areas). Its areas
 * live per county in `riskAreas`, what changed per county in `riskDiffs`. `_id` = `<date>_r<revision>`:
 * a day is corrected by a new revision that supersedes the old one, never edited in place.
 */
export interface RiskVersionDoc {
  _id: string;
  date: LocalDate;
  revision: number;
  /** publishing: its areas are being written (not in force yet); superseded: replaced by a revision of the same day. */
  status: 'publishing' | 'published' | 'superseded';
  draftId: string;
  counts: { areas: number; kinds: Record<RiskAreaKind, number>; low: number; excluded: number };
  /** Counties and cities with at least one listed area (sorted codes). */
  counties: string[];
  cities: string[];
  confirmedCityCodes: string[];
  /** The list's own names for counties that are no GB/T 2260 name (长春新区), bounded (about 60 on 2022-12-01). */
  aliases?: RiskAliasDoc[];
  previousId: string | null;
  previousDate: LocalDate | null;
  diff: RiskVersionDiff;
  reason?: string;
  supersedes?: string;
  supersededBy?: string;
  publishedAt: Instant;
  publishedBy: string;
  publishedByName: string;
  jobId: string;
}

/** A name the national list uses for a county, e.g. 长春新区 for 长春高新技术产业开发区. */
export interface RiskAliasDoc {
  name: string;
  fullName: string;
  code: string;
}

/** What a version changed from the one before it: counts, and the counties and cities to re-code. */
export interface RiskVersionDiff {
  added: number;
  removed: number;
  changed: number;
  /** County codes with any area added, removed or changed. */
  counties: string[];
  /** City codes whose standing as a city with cases (confirmed, or with a listed area) changed. */
  cities: string[];
  citiesAdded: string[];
  citiesRemoved: string[];
}

/** The areas of one county in one version; `_id` = `<versionId>_<countyCode>`. */
export interface RiskAreasDoc {
  _id: string;
  versionId: string;
  countyCode: string;
  cityCode: string;
  areas: RiskAreaDoc[];
}

/** What changed in one county from the previous version; `_id` = `<versionId>_<countyCode>`. */
export interface RiskDiffDoc {
  _id: string;
  versionId: string;
  countyCode: string;
  added: RiskAreaDoc[];
  removed: RiskAreaDoc[];
  changed: Array<RiskAreaDoc & { fromKind: RiskAreaKind }>;
}

/** A row of an uploaded list (`row` is its place in the file) as it will be published. */
export interface RiskDraftRow {
  row: number;
  level: RiskLevel;
  kind: RiskAreaKind;
  area: string;
  /** The area text as published (a street written as the county moves into it). */
  areaText: string;
}

export type RiskResolution = 'exact' | 'municipality' | 'no-county-city' | 'province-county' | 'zone' | 'street' | 'bingtuan' | 'mapping';

/**
 * All rows of a draft with the same names (province, city, county — and a 兵团 division): one decision
 * covers them all. `_id` = `<draftId>_<nameId>`.
 */
export interface RiskDraftGroupDoc {
  _id: string;
  draftId: string;
  /** The name's id (= its riskMappings id): a decision on it is remembered for later days. */
  nameId: string;
  province: string;
  city: string;
  county: string;
  part?: string;
  status: 'open' | 'resolved' | 'excluded';
  /** Open groups first, then by name: the order the Bureau works through them. */
  sort: string;
  countyCode?: string;
  how?: RiskResolution;
  suggestions: string[];
  excluded?: { reason: string };
  /** A decision by hand (today, or remembered from an earlier day). */
  decided?: { by: string; byName: string; at: Instant; remembered: boolean };
  rows: RiskDraftRow[];
}

export interface RiskDraftCity {
  row: number;
  province: string;
  city: string;
  cityCode?: string;
  how?: 'exact' | 'mapping';
  excluded?: { reason: string; by: string; at: Instant };
}

/**
 * A day's list as uploaded, until published: a summary; its rows live in `riskDraftGroups`.
 * `_id` = `<date>_r<revision>_u<upload>`: each upload is a new draft, the newest one counts.
 */
export interface RiskDraftDoc {
  _id: string;
  date: LocalDate;
  revision: number;
  upload: number;
  supersedes?: string;
  status: 'draft' | 'publishing' | 'published' | 'replaced';
  format: 'csv' | 'xlsx' | 'json';
  fileName?: string;
  /** The uploaded file: the same upload sent again answers this draft instead of a second one. */
  fileId?: string;
  entries: { high: number; medium: number };
  low: number;
  stated: { high: number | null; medium: number | null; low: number | null };
  duplicates: number;
  groups: number;
  /** Rows after duplicates are merged; those in open and in excluded groups (kept as decisions move them). */
  rows: number;
  rowsOpen: number;
  rowsExcluded: number;
  cities: RiskDraftCity[];
  uploadedBy: string;
  uploadedAt: Instant;
  updatedAt: Instant;
}

/** A name on the list decided by hand — a county, or left out with a reason — remembered for later days. */
export interface RiskMappingDoc {
  _id: string;
  province: string;
  city: string;
  /** '' for a city (confirmed-cases list) mapping. */
  county: string;
  part?: string;
  /** The county (or city) it means; absent when the name is excluded. */
  code?: string;
  exclude?: { reason: string };
  by: string;
  byName?: string;
  at: Instant;
}

/**
 * A long job in bounded, resumable batches (publishing a version, then re-coding what it changed).
 * Each batch's writes are idempotent and the cursor moves only after them, so a crash or a timeout
 * anywhere repeats at most one batch, which writes the same again.
 */
export interface JobDoc {
  _id: string;
  /** risk-publish: versionId is a riskVersions id; policy-switch: a policyVersions id (re-codes every active report). */
  kind: 'risk-publish' | 'policy-switch';
  versionId: string;
  /** policy-switch: the policy version in force before (null: the built-in one). */
  fromPolicyId?: string | null;
  date: LocalDate;
  status: 'running' | 'done';
  phase: 'publish' | 'recode' | 'done';
  /** publish: index into `counties`; recode: index into the keys and the last place-index row read (its id and arrival date). */
  cursor: { index: number; after: string; date?: LocalDate };
  /** Every county of the new and the previous version (sorted), written one batch at a time. */
  counties: string[];
  recodeTotal: number;
  placesRead: number;
  counters: { reportsRead: number; stricter: number; looser: number; unchanged: number };
  windowStart: LocalDate;
  batches: number;
  longestBatchMs: number;
  actor: { id: string; name: string; role: string };
  lease?: { until: Instant; by: string };
  startedAt: Instant;
  updatedAt: Instant;
  finishedAt?: Instant;
}

/** One per report and county its itinerary touched: lets a new list find the reports it affects. */
export interface ReportPlaceDoc {
  _id: string;
  reportId: string;
  personId: string;
  countyCode: string;
  cityCode: string;
  arrivalDate: LocalDate;
  /**
   * What re-coding needs of the report, so a job reads this small row instead of the report (absent on
   * rows written before: the job then reads the report).
   */
  facts?: RecodeFacts;
}

/** A report as re-coding sees it: who, where from, when, where to. */
export interface RecodeFacts {
  accountId: string;
  stops: Array<Pick<ItineraryStop, 'townCode' | 'departDate' | 'riskAreaIds'>>;
  destination: { countyCode: string; villageCode: string };
}

/** A looser code a new list would give, waiting for the area administrator (never applied by itself). */
/**
 * An uploaded policy version (issue 11): scheduled for its effective date, in force from 00:00
 * Asia/Shanghai that day until a later one; withdrawn only before its date, never edited. The file
 * itself is in `policyBodies` (same _id), read once per instance: this document stays small because
 * every call reads the one in force.
 */
export interface PolicyVersionDoc {
  _id: string;
  policyId: string;
  version: string;
  title: string;
  effectiveDate: LocalDate;
  status: 'scheduled' | 'withdrawn';
  /** Whether the switch job was started (the day came). */
  switched: boolean;
  jobId?: string;
  /** What it changes, in words, and how many active people it would re-code, as seen when scheduled. */
  changes: string[];
  affected: { read: number; stricter: number; looser: number; complete: boolean };
  reason: string;
  by: string;
  byName: string;
  at: Instant;
  withdrawn?: { at: Instant; by: string; reason: string };
}

export interface PolicyBodyDoc {
  _id: string;
  /** The policy file as uploaded (JSON text). */
  text: string;
}

export interface RecodeReviewDoc {
  _id: string;
  reportId: string;
  personId: string;
  accountId: string;
  listDate: LocalDate;
  countyCode: string;
  villageCode: string;
  status: 'pending' | 'applied' | 'dismissed' | 'superseded';
  from: { color: CodeColor; clause: string; category: OriginCategory };
  proposed: Decision;
  createdAt: Instant;
  decidedAt?: Instant;
  decidedBy?: string;
  reason?: string;
}

export interface AuditDoc {
  _id: string;
  at: Instant;
  actorId: string;
  role: Role;
  /** What was done, e.g. `arrivals.verify`, `person.read`. */
  action: string;
  /** What it was done to, e.g. `reports/r_…`, `persons/p_…`. */
  target: string;
  before?: unknown;
  after?: unknown;
  reason?: string;
  /** A conversion confirmed before it was due (一(*)1, 一(*)3): needs a reason, marked here. */
  override?: boolean;
  /** The real time, when `at` is a moved demo clock's (local mode). */
  realAt?: Instant;
}

/** County contacts directory (三(一)): who to notify in a county or township. Kept by the Bureau. */
export interface ContactDoc {
  _id: string;
  /** County (6 digits) or township (9 digits) in Hechi. */
  divisionCode: string;
  name: string;
  /** What they do there, e.g. 社区防控专员. */
  title: string;
  phone: string;
  updatedAt: Instant;
  updatedBy: string;
}

/** A community staff member's phone verification of a report (二(三)). */
export interface VerificationDoc {
  _id: string;
  reportId: string;
  personId: string;
  at: Instant;
  actorId: string;
  reached: boolean;
  /** As confirmed or corrected on the phone (absent when not reached). */
  originTownCode?: string;
  departDate?: LocalDate;
  arrivalDate?: LocalDate;
  destination?: { villageCode: string; address: string; corrected: boolean };
  notes: string;
  /** The origin's risk level checked against the list in force on the day. */
  riskCheck?: { listDate: LocalDate | null; level: RiskLevel | 'county' | 'city' | 'none'; text: string };
  measure?: Measure | 'none';
  /** The code the measure gave. */
  code?: CodeColor;
  clause?: string;
}

/** Who handles a report now: one per report once staff touched it (`_id` = report id). */
export interface HandlingDoc {
  _id: string;
  personId: string;
  arrivalDate: LocalDate;
  /** The area responsible now: the verified destination, or the area it was transferred to. */
  area: { villageCode: string; countyCode: string; address: string };
  /** unreached: called, not reached; coded: verified and coded here; transferred: sent here, not yet handled. */
  status: 'unreached' | 'coded' | 'transferred';
  /** The destination as verified on the phone; a transfer (三(一)) sends the report there. */
  destination?: { villageCode: string; countyCode: string; address: string };
  measure?: Measure | 'none';
  updatedAt: Instant;
  updatedBy: string;
}

/** A first-question transfer (三(一)) with the contact notified. */
export interface TransferDoc {
  _id: string;
  reportId: string;
  at: Instant;
  actorId: string;
  from: { villageCode: string };
  to: { villageCode: string; countyCode: string; address: string };
  contact: { name: string; phone: string; contactId?: string };
  note?: string;
}

/** A nucleic-acid result. The id is derived from person, sample date and result: recorded once. */
export interface TestResultDoc {
  _id: string;
  personId: string;
  sampleDate: LocalDate;
  result: 'negative' | 'positive';
  site?: string;
  source: 'manual' | 'import';
  /** The imported file (source 'import'): a retry after a crash counts the rows its import wrote. */
  fileId?: string;
  recordedAt: Instant;
  recordedBy: string;
}

/**
 * A limited movement window (限时流动). `_id` = `mw_<personId>_<id of the code event that began the
 * yellow>`: one per yellow assignment, ever, because a second insert is a duplicate key.
 */
export interface MovementWindowDoc {
  _id: string;
  personId: string;
  accountId: string;
  /** The code event that began this yellow (the window's once-only key). */
  yellowEventId: string;
  reportId: string;
  clause: string;
  hours: number;
  from: string;
  to: string;
  startAt: Instant;
  endAt: Instant;
  cancelledAt?: Instant;
  /** The request that cancelled it: a retry of that request gets the same answer (movement.cancel). */
  cancelRequestId?: string;
  createdAt: Instant;
}

/** An appeal against a code (三(四)), answered within 24 hours. */
export interface AppealDoc {
  _id: string;
  personId: string;
  accountId: string;
  requestId: string;
  /** = personId while open, = _id once answered: the unique index allows one open appeal per person. */
  openKey: string;
  /** Jurisdiction: the destination county of the report the code rests on. */
  countyCode: string;
  reportId: string;
  codeAtSubmit: { color: CodeColor; clause: string };
  reason: string;
  photos: Array<{ fileId: string; type: string; size: number }>;
  status: 'open' | 'answered';
  createdAt: Instant;
  deadline: Instant;
  /** Set by the scheduled job once the deadline passed unanswered: the Bureau takes it over. */
  escalated: boolean;
  escalatedAt?: Instant;
  /** Answered before the deadline (set with the answer). */
  onTime?: boolean;
  answer?: AppealAnswerDoc;
}

export interface AppealAnswerDoc {
  outcome: 'wrong' | 'stands';
  reason: string;
  process?: string;
  phone?: string;
  address?: string;
  correctedTo?: CodeColor;
  answeredBy: string;
  answeredRole: Role;
  answeredAt: Instant;
}

/** A QR token a checkpoint has accepted; `_id` = `n_<nonce>`, so a replayed token is refused. */
export interface TokenUseDoc {
  _id: string;
  personId: string;
  at: Instant;
  staffId: string;
}

/** Every checkpoint check (卡口核验), kept and countable (二(二), 三(二)). */
export interface CheckpointCheckDoc {
  _id: string;
  at: Instant;
  staffId: string;
  /** The checkpoint's name, as set on the staff account (or its jurisdiction's name). */
  checkpoint: string;
  /** County of the checkpoint. */
  countyCode: string;
  kind: 'verify' | 'report' | 'checks';
  /** verify: shown or refused; checks: all ok or flagged. */
  result: 'shown' | 'refused' | 'filed' | 'ok' | 'flagged';
  refusal?: 'malformed' | 'forged' | 'expired' | 'replayed' | 'unknown-person';
  personId?: string;
  reportId?: string;
  color?: CodeColor | null;
}

/** A report a checkpoint found wrong on one of the three checks (三(二)), for the destination's community staff. */
export interface ReportFlagDoc {
  /** `f_<checkId>`: one flag per checkpoint check, so a retried check writes once. */
  _id: string;
  reportId: string;
  personId: string;
  villageCode: string;
  countyCode: string;
  at: Instant;
  staffId: string;
  checkpoint: string;
  problems: Array<'cities' | 'return-date' | 'destination'>;
  note?: string;
}

/** One allowed attempt of a rate-limited action: `_id` = key, window and slot number (see rate-limit.ts). */
export interface RateSlotDoc {
  _id: string;
  /** Digest of the action, the window length and the account. */
  key: string;
  /** The fixed window's number (epoch ms / window length). */
  bucket: number;
  at: Instant;
}

/** A local-mode sign-in session (host/session.ts); `_id` = the random id its cookie carries. */
export interface SessionDoc {
  _id: string;
  accountId: string;
  createdAt: Instant;
  expiresAt: Instant;
  revokedAt?: Instant;
}

/** A file uploaded through the local host: who uploaded it, what its bytes are, whether a call used it. */
export interface UploadDoc {
  /** The file id (`local:<random>`, no extension from the uploader). */
  _id: string;
  accountId: string;
  size: number;
  /** Detected from the bytes (upload-types.ts), never from the name or the part's content type. */
  type: string;
  /** The name the person's file had, kept for messages only. */
  name?: string;
  createdAt: Instant;
  /** Set when an action first read it; a file never referenced is swept after a day. */
  referencedAt?: Instant;
  deletedAt?: Instant;
}

export interface Collections {
  accounts: AccountDoc;
  persons: PersonDoc;
  personLinks: PersonLinkDoc;
  reports: ReportDoc;
  codes: CodeDoc;
  codeEvents: CodeEventDoc;
  riskVersions: RiskVersionDoc;
  riskAreas: RiskAreasDoc;
  riskDiffs: RiskDiffDoc;
  riskDraftGroups: RiskDraftGroupDoc;
  jobs: JobDoc;
  auditLog: AuditDoc;
  movementWindows: MovementWindowDoc;
  appeals: AppealDoc;
  /** `_id` = appeal id: inserting it claims the answer, so an appeal is answered once. */
  appealAnswers: AppealAnswerDoc & { _id: string };
  riskDrafts: RiskDraftDoc;
  riskMappings: RiskMappingDoc;
  reportPlaces: ReportPlaceDoc;
  recodeReviews: RecodeReviewDoc;
  contacts: ContactDoc;
  verifications: VerificationDoc;
  handling: HandlingDoc;
  transfers: TransferDoc;
  testResults: TestResultDoc;
  tokenUses: TokenUseDoc;
  checkpointChecks: CheckpointCheckDoc;
  reportFlags: ReportFlagDoc;
  rateSlots: RateSlotDoc;
  sessions: SessionDoc;
  uploads: UploadDoc;
  policyVersions: PolicyVersionDoc;
  policyBodies: PolicyBodyDoc;
}

export type CollectionName = keyof Collections;

export interface IndexDef {
  name: string;
  /** Dotted field paths, in order. */
  fields: string[];
  unique?: boolean;
}

export const COLLECTIONS: Record<CollectionName, { indexes: IndexDef[] }> = {
  accounts: { indexes: [{ name: 'role', fields: ['role', '_id'] }] },
  persons: {
    indexes: [
      { name: 'id_number', fields: ['idNumber'] },
      { name: 'name', fields: ['name'] },
    ],
  },
  personLinks: {
    indexes: [
      { name: 'account_created', fields: ['accountId', 'createdAt'] },
      { name: 'person', fields: ['personId'] },
    ],
  },
  reports: {
    indexes: [
      { name: 'account_request', fields: ['accountId', 'requestId'], unique: true },
      { name: 'account_created', fields: ['accountId', 'createdAt'] },
      { name: 'person_created', fields: ['personId', 'createdAt'] },
      // `_id` last: arrivals.list pages a county's arrivals by `_id`; the policy-switch job pages them in
      // (arrival, id) order straight from the index.
      { name: 'destination_arrival', fields: ['destination.countyCode', 'arrivalDate', '_id'] },
      { name: 'destination_created', fields: ['destination.countyCode', 'createdAt'] },
    ],
  },
  codes: {
    // One index: the conversion worklists read a county's red and yellow codes (`_id` last, to read
    // them in chunks). None on accountId: a code belongs to the person. Every index costs each code
    // change page writes, and a re-coding of the worst day changes 130,000 codes.
    indexes: [{ name: 'county_color', fields: ['countyCode', 'color', '_id'] }],
  },
  codeEvents: { indexes: [{ name: 'person_at', fields: ['personId', 'at'] }] },
  riskVersions: {
    indexes: [
      { name: 'status_date', fields: ['status', 'date', 'revision'] },
      { name: 'date', fields: ['date', 'revision'] },
    ],
  },
  riskAreas: {
    indexes: [
      { name: 'version_county', fields: ['versionId', 'countyCode'] },
      { name: 'version_city', fields: ['versionId', 'cityCode'] },
    ],
  },
  riskDiffs: { indexes: [{ name: 'version_county', fields: ['versionId', 'countyCode'] }] },
  riskDrafts: { indexes: [{ name: 'date_upload', fields: ['date', 'revision', 'upload'] }] },
  riskDraftGroups: {
    indexes: [
      { name: 'draft_sort', fields: ['draftId', 'sort'] },
      { name: 'draft_status', fields: ['draftId', 'status'] },
      { name: 'draft_county', fields: ['draftId', 'countyCode'] },
      { name: 'draft_remembered', fields: ['draftId', 'decided.remembered'] },
    ],
  },
  riskMappings: { indexes: [] },
  jobs: {
    indexes: [
      { name: 'status_started', fields: ['status', 'startedAt'] },
      { name: 'started', fields: ['startedAt'] },
    ],
  },
  reportPlaces: {
    indexes: [
      // `_id` last: the re-coding job pages a county or city in (arrival, id) order straight from the index.
      { name: 'county_arrival', fields: ['countyCode', 'arrivalDate', '_id'] },
      { name: 'city_arrival', fields: ['cityCode', 'arrivalDate', '_id'] },
    ],
  },
  recodeReviews: {
    indexes: [
      { name: 'county_status', fields: ['countyCode', 'status', 'createdAt'] },
      { name: 'status', fields: ['status'] },
      { name: 'report', fields: ['reportId'] },
    ],
  },
  movementWindows: { indexes: [{ name: 'person_start', fields: ['personId', 'startAt'] }] },
  appeals: {
    indexes: [
      { name: 'open_key', fields: ['openKey'], unique: true },
      { name: 'person_created', fields: ['personId', 'createdAt'] },
      { name: 'status_county_deadline', fields: ['status', 'countyCode', 'deadline', '_id'] },
      { name: 'status_ontime_county', fields: ['status', 'onTime', 'countyCode'] },
      { name: 'status_escalated_deadline', fields: ['status', 'escalated', 'deadline'] },
      { name: 'county_created', fields: ['countyCode', 'createdAt'] },
    ],
  },
  appealAnswers: { indexes: [] },
  auditLog: {
    indexes: [
      // `_id` last: the audit search pages newest first by (at, _id).
      { name: 'actor_at', fields: ['actorId', 'at', '_id'] },
      { name: 'target_at', fields: ['target', 'at', '_id'] },
      { name: 'action_at', fields: ['action', 'at', '_id'] },
      { name: 'at', fields: ['at', '_id'] },
    ],
  },
  contacts: { indexes: [{ name: 'division', fields: ['divisionCode'] }] },
  verifications: {
    indexes: [
      { name: 'report_at', fields: ['reportId', 'at'] },
      { name: 'at', fields: ['at'] },
    ],
  },
  // arrivals.list reads a county's handling a page at a time by `_id` (nothing queries updatedAt).
  handling: { indexes: [{ name: 'area_county', fields: ['area.countyCode', '_id'] }] },
  transfers: {
    indexes: [
      { name: 'report_at', fields: ['reportId', 'at'] },
      { name: 'at', fields: ['at'] },
    ],
  },
  testResults: { indexes: [{ name: 'person_sample', fields: ['personId', 'sampleDate'] }] },
  tokenUses: { indexes: [{ name: 'person_at', fields: ['personId', 'at'] }] },
  checkpointChecks: {
    indexes: [
      { name: 'county_at', fields: ['countyCode', 'at'] },
      { name: 'staff_at', fields: ['staffId', 'at'] },
      { name: 'report_at', fields: ['reportId', 'at'] },
    ],
  },
  reportFlags: {
    indexes: [
      { name: 'report', fields: ['reportId'] },
      { name: 'county_at', fields: ['countyCode', 'at', '_id'] },
    ],
  },
  rateSlots: { indexes: [{ name: 'key_bucket', fields: ['key', 'bucket'] }] },
  sessions: { indexes: [{ name: 'account', fields: ['accountId'] }] },
  uploads: {
    indexes: [
      { name: 'account_created', fields: ['accountId', 'createdAt'] },
      { name: 'created', fields: ['createdAt'] },
    ],
  },
  policyVersions: {
    indexes: [
      { name: 'status_effective', fields: ['status', 'effectiveDate'] },
      { name: 'status_switched_effective', fields: ['status', 'switched', 'effectiveDate'] },
      { name: 'effective', fields: ['effectiveDate'] },
    ],
  },
  policyBodies: { indexes: [] },
};
