// CI gate: the mini-program's main package must stay under 1 MB (WeChat's limit is 2 MB; staff
// pages belong in subpackages), and each cloud function's bundle within its budget
// (cloudfunctions/shared/deploy.ts; `code` ≤ 250 KB, never with exceljs, the national towns or a QR renderer).
import { join } from 'node:path';
import { weappMainPackageBytes } from '../bench/sizes';
import { bundleLines, bundleProblems, readBundles } from '../bench/bundles';

const bundles = readBundles(join(__dirname, '../dist/cloudfunctions'));
if (!bundles) {
  console.error('dist/cloudfunctions/bundles.json is missing: run npm run build:weapp first');
  process.exit(1);
}
const problems = bundleProblems(bundles);
for (const l of bundleLines(bundles)) console.log(l);
if (problems.length) {
  for (const p of problems) console.error(`cloud function over budget: ${p}`);
  process.exit(1);
}

const LIMIT = 1024 * 1024;
const main = weappMainPackageBytes(join(__dirname, '../dist/weapp'));
if (!main) {
  console.error('dist/weapp is missing: run npm run build:weapp first');
  process.exit(1);
}
const kb = (main.bytes / 1024).toFixed(1);
if (main.bytes > LIMIT) {
  console.error(`weapp main package is ${kb} KB, over the 1024 KB budget`);
  process.exit(1);
}
console.log(`weapp main package: ${kb} KB (budget 1024 KB)`);
