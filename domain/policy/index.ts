import hechiJson from '../../config/policy/hechi.json';
import { loadPolicy } from './schema';

/** The Hechi policy in force, checked when first loaded: a broken policy file stops the start. */
export const hechiPolicy = loadPolicy(hechiJson);

export { evaluate, categorise, explain, riskSnapshot } from './evaluate';
export type { Facts, FactsStop, RiskListSnapshot, RiskListArea, RiskListData, Explanation, StopFinding } from './evaluate';
export { conversionStatus } from './conversion';
export type { CodeState, ConversionStatus } from './conversion';
export { checkPolicy, loadPolicy, runVectors, stricter, isStricter } from './schema';
export type { Policy } from './types';
