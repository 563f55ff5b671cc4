// Bundles every cloud function (cloudfunctions/<name>/index.ts) into dist/cloudfunctions/<name>/:
// one index.js with the domain inside, and a package.json whose only dependency is wx-server-sdk.
// WeChat DevTools uploads these folders as they are (project.config.json → cloudfunctionRoot).
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, existsSync, writeFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import sdkPackage from 'wx-server-sdk/package.json';

const root = resolve(__dirname, '..');
const source = join(root, 'cloudfunctions');
const out = join(root, 'dist/cloudfunctions');

export function functionNames(): string[] {
  return readdirSync(source, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(source, d.name, 'index.ts')))
    .map((d) => d.name)
    .sort();
}

async function main() {
  rmSync(out, { recursive: true, force: true });
  for (const name of functionNames()) {
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
    console.log(`cloud function ${name}: ${(bytes / 1024).toFixed(0)} KB`);
  }
}

if (resolve(process.argv[1] ?? '') === __filename) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
