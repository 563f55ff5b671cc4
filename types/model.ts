// Shapes of the things the system keeps and shows. Pure types: safe to import from the app.

export type CodeColor = 'red' | 'yellow' | 'green';
export type OriginCategory = 'A' | 'B' | 'C' | 'none';
export type RiskLevel = 'high' | 'medium';
/** How a listed area is designated: the national levels, or a sealed/controlled zone (封控区/管控区). */
export type RiskAreaKind = 'high' | 'medium' | 'sealed' | 'controlled';
/** Management measure set by community staff (二(三)). */
export type Measure = 'centralized-isolation' | 'home-medical-observation' | 'home-health-monitoring';
export type Transport = 'car' | 'train' | 'flight' | 'bus' | 'ship' | 'other';
export type Role = 'resident' | 'bureau-admin' | 'platform' | 'area-admin' | 'community' | 'checkpoint';

/** A date in Asia/Shanghai, `YYYY-MM-DD`. */
export type LocalDate = string;
/** An instant, ISO 8601 with offset (stored in UTC: `...Z`). */
export type Instant = string;

export interface Division {
  code: string;
  name: string;
  /** 1 province, 2 city, 3 county, 4 town/street, 5 village/community */
  level: 1 | 2 | 3 | 4 | 5;
  /** Full name from the province down, e.g. 吉林省长春市宽城区. */
  fullName: string;
  hasChildren: boolean;
}

export interface ItineraryStop {
  /** Town/street code (9 digits) — the finest level asked for. */
  townCode: string;
  /** Date the person left this place (Asia/Shanghai). */
  departDate: LocalDate;
  /**
   * Listed risk areas of this county the person stayed in (ids from the risk list), or [] for
   * "none of these". Absent when the county had no listed area when the report was filed.
   */
  riskAreaIds?: string[];
}

export interface ReportInput {
  requestId: string;
  name: string;
  idNumber: string;
  phone: string;
  itinerary: ItineraryStop[];
  arrivalDate: LocalDate;
  transport: Transport;
  transportNo?: string;
  itineraryStar: boolean;
  destination: { villageCode: string; address: string };
}

export interface NextStep {
  text: string;
  /** The date from which the next step (e.g. a conversion) can happen, when there is one. */
  date?: LocalDate;
}

/** What the policy engine decided, with everything needed to explain it. */
export interface Decision {
  code: CodeColor;
  clause: string;
  category: OriginCategory;
  policyVersion: string;
  riskListDate: LocalDate | null;
  arrivalDate: LocalDate;
  daysSinceArrival: number;
  /** Date the code was given; starts the 7-day monitoring for a yellow. */
  since: LocalDate;
  reason: string;
  nextStep: NextStep;
  /** True when this yellow was given by a yellow-assignment rule (限时流动 is open to it). */
  movementWindowEligible: boolean;
  /** Places of the itinerary that made the category, for the reason shown. */
  matchedPlaces: string[];
}

export interface ReportSummary {
  id: string;
  createdAt: Instant;
  /** Whose report: an account's list holds its family members' too. */
  name: string;
  arrivalDate: LocalDate;
  origin: string;
  destination: string;
  code: CodeColor;
  clause: string;
}

export interface ReportDetail extends ReportSummary {
  name: string;
  /** Masked unless the viewer is the person or the staff member handling them. */
  idNumber: string;
  phone: string;
  itinerary: Array<ItineraryStop & { place: string; riskAreas: string[] }>;
  transport: Transport;
  transportNo?: string;
  itineraryStar: boolean;
  destinationAddress: string;
  decision: Decision;
}

export interface CodeQr {
  /** Signed, short-lived token; no ID number or phone inside. */
  token: string;
  /** The app draws the QR of `token` itself (src/lib/qr.ts): the server sends no image. */
  expiresAt: Instant;
}

export interface MyCode {
  /** null before the account's first report binds it to a person. */
  person: { name: string; idNumberMasked: string } | null;
  decision: Decision | null;
  qr: CodeQr | null;
  fetchedAt: Instant;
  /** The person shown (the account's own or a family member's), when there is one. */
  personId?: string;
  /** An open limited movement window (限时流动), or null. */
  movementWindow?: MovementWindowView | null;
  /** Whether this person may apply for a window now (eligible yellow, chance not yet used). */
  movementWindowAvailable?: boolean;
  /** When one may apply: the window's rule in the policy in force (hours, reasons it is open for, conditions). */
  movementRule?: { minHours: number; maxHours: number; onRequestFor: string[] | null; conditions: string[] };
}

export interface RiskAreaOption {
  id: string;
  level: RiskLevel;
  area: string;
  /** The area names the town or street the person picked. */
  inTown?: boolean;
}

export interface AccountView {
  id: string;
  role: Role;
  name: string;
  /** Staff only: the division code they are responsible for, and its full name. */
  jurisdiction?: string;
  jurisdictionName?: string;
}

// ---- Staff back office (issue 4) ----

export interface StaffAccountView {
  id: string;
  role: Exclude<Role, 'resident'>;
  name: string;
  phone: string;
  jurisdiction: string;
  jurisdictionName: string;
  disabled: boolean;
}

export interface ContactView {
  id: string;
  divisionCode: string;
  divisionName: string;
  name: string;
  title: string;
  phone: string;
}

export type HandlingStatus = 'new' | 'unreached' | 'coded' | 'transferred';

/** A row of the community daily list (二(三)): identifiers masked. */
export interface ArrivalRow {
  reportId: string;
  personId: string;
  name: string;
  idNumberMasked: string;
  phoneMasked: string;
  arrivalDate: LocalDate;
  createdAt: Instant;
  origin: string;
  destination: string;
  /** The person's current code. */
  code: CodeColor | null;
  clause: string | null;
  status: HandlingStatus;
  /** Arrived, filed or transferred here today. */
  today: boolean;
  /** Problems a checkpoint found on the three checks (三(二)), newest last, e.g. 金城江区卡口：返河日期不是当天（…）. */
  flags: string[];
}

export interface RiskCheck {
  listDate: LocalDate | null;
  /** Strictest finding over the itinerary against today's list. */
  level: RiskLevel | 'county' | 'city' | 'none';
  text: string;
  stops: Array<{ place: string; departDate: LocalDate; finding: string }>;
}

export interface VerificationView {
  id: string;
  at: Instant;
  actorName: string;
  reached: boolean;
  originPlace?: string;
  departDate?: LocalDate;
  arrivalDate?: LocalDate;
  destination?: { place: string; address: string; corrected: boolean };
  notes: string;
  riskCheck?: { listDate: LocalDate | null; text: string };
  measure?: Measure | 'none';
  code?: CodeColor;
  clause?: string;
}

export interface TransferView {
  id: string;
  at: Instant;
  actorName: string;
  from: string;
  to: string;
  address: string;
  contact: { name: string; phone: string };
  note?: string;
}

export interface CodeEventView {
  at: Instant;
  from: CodeColor | null;
  to: CodeColor;
  clause: string;
  reason: string;
  source: 'report' | 'measure' | 'conversion' | 'recode' | 'appeal';
  actorName?: string;
}

/** The handling view: full identifiers (the read is audited) and the whole chain. */
export interface ArrivalDetail {
  report: ReportDetail;
  personId: string;
  status: HandlingStatus;
  area: { villageCode: string; place: string; address: string };
  currentCode: Decision | null;
  riskCheck: RiskCheck;
  verifications: VerificationView[];
  transfers: TransferView[];
  codeEvents: CodeEventView[];
  tests: TestResultView[];
  /** The measures of the policy in force and the code each gives (the form's choices). */
  measures: Array<{ measure: Measure; label: string; code: CodeColor }>;
}

export interface TestResultView {
  sampleDate: LocalDate;
  result: 'negative' | 'positive';
  site?: string;
}

export interface ConversionItem {
  personId: string;
  name: string;
  idNumberMasked: string;
  place: string;
  from: CodeColor;
  to: CodeColor;
  clause: string;
  category: OriginCategory;
  arrivalDate: LocalDate;
  since: LocalDate;
  dueDate: LocalDate | null;
  due: boolean;
  missing: 'negative-test' | null;
}

export interface AuditView {
  id: string;
  at: Instant;
  actorId: string;
  actorName: string;
  role: Role;
  action: string;
  target: string;
  /** Whom it was done to, when the target is a person or their report (name as on file). */
  targetName?: string;
  before?: unknown;
  after?: unknown;
  reason?: string;
  override?: boolean;
}

/** Family members an account reports for (elders, children without a phone of their own). */
export type FamilyRelation = 'spouse' | 'parent' | 'child' | 'grandparent' | 'grandchild' | 'sibling' | 'other';

export interface PersonView {
  id: string;
  name: string;
  idNumberMasked: string;
  /** In full, to the account that added the person: its report form fills it in. */
  idNumber?: string;
  /** 'self' for the account's own person. */
  relation: FamilyRelation | 'self';
}

/** A limited movement window (限时流动, 一(一)2, 一(二)2, 一(三)1). */
export interface MovementWindowView {
  id: string;
  hours: number;
  from: string;
  to: string;
  startAt: Instant;
  endAt: Instant;
  /** Seconds left at the server's clock when read: the app counts down from when it received it. */
  remainingSeconds: number;
  cancelledAt?: Instant;
  /** The notice's conditions while it is open. */
  conditions: string[];
}

export type AppealOutcome = 'wrong' | 'stands';

export interface AppealAnswerView {
  outcome: AppealOutcome;
  reason: string;
  /** "stands": the handling process, a contact phone and an address (三(四)). */
  process?: string;
  phone?: string;
  address?: string;
  /** "wrong": the code it was corrected to. */
  correctedTo?: CodeColor;
  answeredAt: Instant;
  withinDeadline: boolean;
}

export interface AppealView {
  id: string;
  createdAt: Instant;
  deadline: Instant;
  status: 'open' | 'answered';
  /** Open past its deadline. */
  overdue: boolean;
  escalated: boolean;
  reason: string;
  photoCount: number;
  codeAtSubmit: { color: CodeColor; clause: string };
  answer?: AppealAnswerView;
}

/** What staff see of an appeal in their queue. */
export interface AppealStaffView extends AppealView {
  personName: string;
  idNumberMasked: string;
  /** Masked in the queue; in full on the detail view of the staff member handling it. */
  phone: string;
  countyCode: string;
  countyName: string;
  photos?: Array<{ type: string; size: number }>;
}

export interface AppealStats {
  scope: string;
  total: number;
  open: number;
  overdueOpen: number;
  answeredOnTime: number;
  answeredLate: number;
  /** Answered within 24 h over all whose outcome is known (answered, or open past the deadline); null when none. */
  shareWithin24h: number | null;
}

/** One line of a person's history: code changes, movement windows, appeals and answers. */
export interface TimelineEntry {
  at: Instant;
  kind: 'code' | 'movement' | 'appeal' | 'appeal-answer';
  title: string;
  detail: string;
  /** A code change: the policy version that made it. */
  policyVersion?: string;
}
