// Bundles src/ into dist/widget.js (+ a content-hashed copy and manifest.json for versioned CDN publishing)
// and fails when the gzipped bundle is over budget: the widget loads on every page of a customer's site.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';

const BUDGET_GZIP = 12 * 1024;
const dist = new URL('../dist/', import.meta.url);

const { outputFiles } = await build({
  entryPoints: [new URL('../src/index.js', import.meta.url).pathname],
  bundle: true,
  minify: true,
  format: 'iife',
  target: 'es2019',
  legalComments: 'none',
  write: false,
});
const code = outputFiles[0].contents;
const gzipped = gzipSync(code, { level: 9 }).length;
const kb = (n) => (n / 1024).toFixed(1) + ' KB';
console.log(`widget.js: ${kb(code.length)} raw, ${kb(gzipped)} gzipped (budget ${kb(BUDGET_GZIP)})`);
if (gzipped > BUDGET_GZIP) {
  console.error(`widget.js is ${gzipped - BUDGET_GZIP} bytes over the gzip budget; nothing written.`);
  process.exit(1);
}

const file = `widget.${createHash('sha256').update(code).digest('hex').slice(0, 10)}.js`;
await rm(dist, { recursive: true, force: true });
await mkdir(dist);
await writeFile(new URL('widget.js', dist), code);
await writeFile(new URL(file, dist), code);
await writeFile(new URL('manifest.json', dist), JSON.stringify({ file }) + '\n');
console.log(`dist/widget.js, dist/${file}, dist/manifest.json`);
