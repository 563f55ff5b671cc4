// Issue 10's figures: each cloud function's bundle against its budget.
import { join, resolve } from 'node:path';
import { bundleLines, readBundles } from './bundles';

const root = resolve(__dirname, '..');

export async function cloudBench(): Promise<string[]> {
  return bundleLines(readBundles(join(root, 'dist/cloudfunctions')));
}
