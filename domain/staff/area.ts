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

/**
 * personArea for many persons in two queries per hundred (their reports, then the handling of the
 * latest ones) instead of two reads each: a 5,000-row import was 10,000 reads for this alone.
 */
export async function personAreas(ctx: ServiceContext, personIds: string[]): Promise<Map<string, { report: ReportDoc; area: Area }>> {
  const out = new Map<string, { report: ReportDoc; area: Area }>();
  const unique = [...new Set(personIds)];
  for (let i = 0; i < unique.length; i += 100) {
    const chunk = unique.slice(i, i + 100);
    const latest = new Map<string, ReportDoc>();
    for (const r of await ctx.store.find('reports', { where: { personId: { $in: chunk } }, orderBy: [['createdAt', 'desc']], limit: 10_000 })) {
      if (!latest.has(r.personId)) latest.set(r.personId, r);
    }
    const reportIds = [...latest.values()].map((r) => r._id);
    const handling = new Map(
      (reportIds.length ? await ctx.store.find('handling', { where: { _id: { $in: reportIds } } }) : []).map((h) => [h._id, h] as const),
    );
    for (const [personId, report] of latest) out.set(personId, { report, area: areaOf(report, handling.get(report._id)) });
  }
  return out;
}
