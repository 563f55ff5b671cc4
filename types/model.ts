// Shapes of the things the system keeps and shows. Pure types: safe to import from the app.

export type CodeColor = 'red' | 'yellow' | 'green';
export type OriginCategory = 'A' | 'B' | 'C' | 'none';
export type RiskLevel = 'high' | 'medium';
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
  /** PNG data URL of the token's QR. */
  dataUrl: string;
  expiresAt: Instant;
}

export interface MyCode {
  /** null before the account's first report binds it to a person. */
  person: { name: string; idNumberMasked: string } | null;
  decision: Decision | null;
  qr: CodeQr | null;
  fetchedAt: Instant;
}

export interface RiskAreaOption {
  id: string;
  level: RiskLevel;
  area: string;
}

export interface AccountView {
  id: string;
  role: Role;
  name: string;
  /** Staff only: the division code they are responsible for, and its full name. */
  jurisdiction?: string;
  jurisdictionName?: string;
}
