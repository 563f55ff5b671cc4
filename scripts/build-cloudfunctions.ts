// Bundles every cloud function (cloudfunctions/<name>/index.ts) into dist/cloudfunctions/<name>/:
// one index.js with the domain inside, and a package.json whose only dependency is wx-server-sdk.
// WeChat DevTools uploads these folders as they are (project.config.json → cloudfunctionRoot).
// Beside them: bundles.json (each bundle's size and the packages inside, read by the size check and
// the bench) and cloudbaserc.json (timeouts, runtime and triggers for the CloudBase CLI).
import { build, type Metafile } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, existsSync, writeFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import sdkPackage from 'wx-server-sdk/package.json';
import { DEPLOY, RUNTIME } from '../cloudfunctions/shared/deploy';

const root = resolve(__dirname, '..');
const source = join(root, 'cloudfunctions');
const out = join(root, 'dist/cloudfunctions');

export function functionNames(): string[] {
  return readdirSync(source, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(source, d.name, 'index.ts')))
    .map((d) => d.name)
    .sort();
}

import type { BundleInfo } from '../bench/bundles';

function packagesOf(metafile: Metafile): BundleInfo['packages'] {
  const bytes = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [file, input] of Object.entries(output.inputs)) {
      const pkg = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(file)?.[1];
      if (pkg) bytes.set(pkg, (bytes.get(pkg) ?? 0) + input.bytesInOutput);
    }
  }
  return [...bytes].map(([name, n]) => ({ name, bytes: n })).sort((a, b) => b.bytes - a.bytes);
}

async function main() {
  rmSync(out, { recursive: true, force: true });
  const bundles: BundleInfo[] = [];
  const rc: Array<Record<string, unknown>> = [];
  for (const name of functionNames()) {
    // A new function without its line in deploy.ts still builds (the size check then fails on it).
    const deploy = DEPLOY[name] ?? { timeout: 10, budgetKB: 0 };
    if (!DEPLOY[name]) console.warn(`cloud function ${name}: no settings in cloudfunctions/shared/deploy.ts (timeout 10 s assumed)`);
    const dir = join(out, name);
    mkdirSync(dir, { recursive: true });
    const result = await build({
      entryPoints: [join(source, name, 'index.ts')],
      outfile: join(dir, 'index.js'),
      bundle: true,
      platform: 'node',
      target: 'node16', // the oldest Node.js runtime WeChat cloud functions offer
      format: 'cjs',
      external: ['wx-server-sdk'],
      minify: true,
      legalComments: 'none',
      // Chinese text (the policy, messages, titles) as UTF-8, not \uXXXX escapes: half the bytes.
      charset: 'utf8',
      metafile: true,
      logLevel: 'warning',
    });
    const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify(
        { name, version: '1.0.0', private: true, main: 'index.js', dependencies: { 'wx-server-sdk': sdkPackage.version } },
        null,
        2,
      ) + '\n',
    );
    // A function's own config.json (e.g. a timer trigger) goes with it; DevTools uploads the triggers.
    const config = join(source, name, 'config.json');
    if (existsSync(config)) copyFileSync(config, join(dir, 'config.json'));
    const triggers = existsSync(config) ? ((JSON.parse(readFileSync(config, 'utf8')) as { triggers?: unknown[] }).triggers ?? []) : [];
    rc.push({ name, timeout: deploy.timeout, runtime: RUNTIME, installDependency: true, handler: 'index.main', ...(triggers.length ? { triggers } : {}) });
    bundles.push({ name, bytes, packages: packagesOf(result.metafile) });
    console.log(`cloud function ${name}: ${(bytes / 1024).toFixed(0)} KB, timeout ${deploy.timeout} s`);
  }
  writeFileSync(join(out, 'bundles.json'), JSON.stringify(bundles, null, 2) + '\n');
  writeFileSync(join(out, 'cloudbaserc.json'), JSON.stringify({ envId: process.env.CLOUD_ENV ?? '{{CLOUD_ENV}}', functionRoot: '.', functions: rc }, null, 2) + '\n');
}

if (resolve(process.argv[1] ?? '') === __filename) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
