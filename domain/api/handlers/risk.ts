import { recodeDecide, recodeWorklist } from '../../services/recode';
import {
  excludeTarget,
  getDraft,
  getJob,
  getVersion,
  listGroupRows,
  listGroups,
  listVersions,
  previewDraft,
  publishDraft,
  queryPlace,
  resolveTarget,
  searchPlaces,
  uploadDraft,
  versionAreas,
  versionDiff,
} from '../../services/risk-registry';
import type { Handlers } from './types';

export const risk: Handlers<'risk'> = {
  upload: (ctx, { action: _, ...input }) => uploadDraft(ctx, input),
  draft: (ctx, input) => getDraft(ctx, input.date),
  groups: (ctx, { action: _, ...input }) => listGroups(ctx, input),
  groupRows: (ctx, { action: _, ...input }) => listGroupRows(ctx, input),
  resolve: (ctx, { action: _, ...input }) => resolveTarget(ctx, input),
  exclude: (ctx, { action: _, ...input }) => excludeTarget(ctx, input),
  preview: (ctx, input) => previewDraft(ctx, input.draftId),
  publish: (ctx, { action: _, ...input }) => publishDraft(ctx, input),
  job: (ctx, input) => getJob(ctx, input.versionId),
  versions: (ctx, { action: _, ...input }) => listVersions(ctx, input),
  version: (ctx, input) => getVersion(ctx, input.versionId),
  versionAreas: (ctx, { action: _, ...input }) => versionAreas(ctx, input),
  versionDiff: (ctx, { action: _, ...input }) => versionDiff(ctx, input),
  search: (ctx, { action: _, ...input }) => searchPlaces(ctx, input),
  query: (ctx, { action: _, ...input }) => queryPlace(ctx, input),
  recodeWorklist: (ctx, input) => recodeWorklist(ctx, input.status),
  recodeDecide: (ctx, { action: _, ...input }) => recodeDecide(ctx, input),
};
