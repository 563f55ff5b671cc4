// Where a report (and so its person) is handled: the area it was transferred to, else the
// destination the person reported.
import type { HandlingDoc, ReportDoc } from '../store/collections';
import type { ServiceContext } from '../services/context';

export interface Area {
  villageCode: string;
  countyCode: string;
  address: string;
}

export function areaOf(report: ReportDoc, handling: HandlingDoc | null | undefined): Area {
  return handling?.area ?? report.destination;
}

/** The person's latest report and the area handling it. */
export async function personArea(ctx: ServiceContext, personId: string): Promise<{ report: ReportDoc; area: Area } | null> {
  const [report] = await ctx.store.find('reports', { where: { personId }, orderBy: [['createdAt', 'desc']], limit: 1 });
  if (!report) return null;
  return { report, area: areaOf(report, await ctx.store.get('handling', report._id)) };
}
