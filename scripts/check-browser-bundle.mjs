#!/usr/bin/env node
// Proves kernel-core and every sys-* package run in a browser's kernel worker: bundles them for
// the browser platform with esbuild, and fails on any Node built-in import.
import { readdirSync } from 'node:fs';
import { build } from 'esbuild';

const pkgs = ['kernel-core', ...readdirSync(new URL('../packages/', import.meta.url)).filter((d) => d.startsWith('sys-')), 'profile-default'];
const entry = pkgs.map((p) => `export * as ${p.replace(/-/g, '_')} from '@kandelo/${p}';`).join('\n');
const result = await build({
  stdin: { contents: entry, resolveDir: new URL('..', import.meta.url).pathname, loader: 'js' },
  bundle: true,
  platform: 'browser',
  format: 'esm',
  write: false,
  logLevel: 'silent',
  metafile: true,
}).catch((err) => {
  console.error('browser bundle failed:\n' + err.errors.map((e) => `  ${e.text} (${e.location?.file ?? ''})`).join('\n'));
  process.exit(1);
});
const bytes = result.outputFiles[0].contents.length;
console.log(`browser bundle ok: ${pkgs.join(', ')} (${(bytes / 1024).toFixed(0)} KiB)`);
