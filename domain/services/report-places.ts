// The place index of reports: one document per report and county its itinerary touched, so a new
// risk list finds the reports it affects by (county, arrival) or (city, arrival) instead of reading
// every report (the itinerary is an array, which neither database can index).
import { cityOf, countyOf } from '../divisions/codes';
import type { ReportDoc, ReportPlaceDoc } from '../store/collections';
import type { ServiceContext } from './context';

export function placesOf(report: Pick<ReportDoc, '_id' | 'personId' | 'accountId' | 'arrivalDate' | 'itinerary' | 'destination'>): ReportPlaceDoc[] {
  const counties = [...new Set(report.itinerary.map((s) => countyOf(s.townCode)))];
  const facts = {
    accountId: report.accountId,
    stops: report.itinerary.map(({ townCode, departDate, riskAreaIds }) => ({ townCode, departDate, ...(riskAreaIds ? { riskAreaIds } : {}) })),
    destination: { countyCode: report.destination.countyCode, villageCode: report.destination.villageCode },
  };
  return counties.map((countyCode) => ({
    _id: `${report._id}_${countyCode}`,
    reportId: report._id,
    personId: report.personId,
    countyCode,
    cityCode: cityOf(countyCode),
    arrivalDate: report.arrivalDate,
    facts,
  }));
}

/** Written before the report itself (the report is the retry marker); ids are deterministic, so a retry rewrites the same. */
export async function indexReportPlaces(ctx: ServiceContext, report: ReportDoc): Promise<void> {
  for (const place of placesOf(report)) await ctx.store.put('reportPlaces', place);
}
