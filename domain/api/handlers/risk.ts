import { recodeDecide, recodeWorklist } from '../../services/recode';
import {
  excludeDraftRow,
  getDraft,
  getVersion,
  listVersions,
  publishDraft,
  queryPlace,
  resolveDraftRow,
  searchPlaces,
  uploadDraft,
} from '../../services/risk-registry';
import type { Handlers } from './types';

export const risk: Handlers<'risk'> = {
  upload: (ctx, { action: _, ...input }) => uploadDraft(ctx, input),
  draft: (ctx, input) => getDraft(ctx, input.date),
  resolve: (ctx, { action: _, ...input }) => resolveDraftRow(ctx, input),
  exclude: (ctx, { action: _, ...input }) => excludeDraftRow(ctx, input),
  publish: (ctx, input) => publishDraft(ctx, input.date),
  versions: (ctx) => listVersions(ctx),
  version: (ctx, input) => getVersion(ctx, input.date),
  search: (ctx, input) => searchPlaces(ctx, input.q),
  query: (ctx, input) => queryPlace(ctx, input.code, input.date),
  recodeWorklist: (ctx, input) => recodeWorklist(ctx, input.status),
  recodeDecide: (ctx, { action: _, ...input }) => recodeDecide(ctx, input),
};
