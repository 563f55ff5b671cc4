// Package sizes: the weapp main package (everything outside subpackage roots) and the H5 initial JS
// (the scripts index.html loads), raw and gzipped.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)],
  );
}

export function weappMainPackageBytes(root: string): { bytes: number; subpackages: string[] } | null {
  const appJson = join(root, 'app.json');
  if (!existsSync(appJson)) return null;
  const app = JSON.parse(readFileSync(appJson, 'utf8')) as { subPackages?: Array<{ root: string }>; subpackages?: Array<{ root: string }> };
  const subs = (app.subPackages ?? app.subpackages ?? []).map((s) => s.root.replace(/\/$/, ''));
  const bytes = files(root)
    .filter((f) => !subs.some((s) => relative(root, f).startsWith(`${s}/`)))
    .filter((f) => !f.endsWith('.map'))
    .reduce((n, f) => n + statSync(f).size, 0);
  return { bytes, subpackages: subs };
}

export function h5InitialJs(root: string): { bytes: number; gzipBytes: number; scripts: string[] } | null {
  const index = join(root, 'index.html');
  if (!existsSync(index)) return null;
  const html = readFileSync(index, 'utf8');
  const scripts = [...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1]!.replace(/^\.?\//, ''));
  let bytes = 0;
  let gzipBytes = 0;
  for (const s of scripts) {
    const body = readFileSync(join(root, s));
    bytes += body.length;
    gzipBytes += gzipSync(body).length;
  }
  return { bytes, gzipBytes, scripts };
}
