// CI gate: the mini-program's main package must stay under 1 MB (WeChat's limit is 2 MB; staff
// pages belong in subpackages).
import { join } from 'node:path';
import { weappMainPackageBytes } from '../bench/sizes';

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
