// Builds the staff form: one esbuild pass over web/src/main.ts and web/src/boot.ts gives app.js, app.css and
// boot.js (a few hundred bytes that ask for the case list while app.js downloads); index.html names them
// with a content-hash query, so a deploy (or a rebuild under `npm start`) is never served from a stale cache
// while the files themselves can be cached for a year. No inline script or style anywhere: the pages are
// served with `default-src 'self'` and no 'unsafe-inline'.
//
// Run: `npm run build:web` (writes web/dist), or import { buildWeb } from 'web/build.ts'.
import { createHash } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const WEB = dirname(fileURLToPath(import.meta.url));

export interface WebBuild {
  outDir: string;
  /** File name → size in bytes, as written. */
  files: Record<string, number>;
  ms: number;
}

const hash = (data: Uint8Array) => createHash('sha256').update(data).digest('base64url').slice(0, 12);

function indexHtml(boot: string, js: string, css: string): string {
  // lang="en" until the app has read the saved preference; the app sets <html lang> on every switch.
  // config.json is preloaded: it comes while the code downloads (or, on a later visit, while the cached code
  // starts) instead of one round trip after it (web/src/config.ts fetches it the way the preload does).
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Sakhi OSC · सखी वन स्टॉप सेंटर</title>
<link rel="icon" href="data:,">
<link rel="preload" href="config.json" as="fetch" crossorigin>
<link rel="stylesheet" href="${css}">
<script type="module" src="${boot}"></script>
<script type="module" src="${js}"></script>
</head>
<body>
<div id="app"><p class="boot">Loading… · लोड हो रहा है…</p></div>
<noscript><p class="boot">This form needs JavaScript. · इस फ़ॉर्म के लिए JavaScript आवश्यक है।</p></noscript>
</body>
</html>
`;
}

export async function buildWeb(outDir: string = join(WEB, 'dist')): Promise<WebBuild> {
  const started = performance.now();
  const out = resolve(outDir);
  const result = await build({
    // boot.js runs first and alone (web/src/boot.ts): it asks for the case list while app.js downloads.
    entryPoints: { app: join(WEB, 'src', 'main.ts'), boot: join(WEB, 'src', 'boot.ts') },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2022', 'chrome109', 'firefox115', 'safari16'],
    minify: true,
    sourcemap: false,
    legalComments: 'none',
    write: false,
    outdir: out,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  const byName = new Map(result.outputFiles.map((f) => [basename(f.path), f.contents]));
  const js = byName.get('app.js');
  const css = byName.get('app.css');
  const boot = byName.get('boot.js');
  if (!js || !css || !boot)
    throw new Error(`esbuild did not produce app.js, boot.js and app.css (got ${[...byName.keys()].join(', ')})`);

  // Overwrite in place, index.html last: a server reading the folder meanwhile never sees a page that names
  // files not yet written (the old page keeps working with the old query, which the new files also answer).
  await mkdir(out, { recursive: true });
  const html = indexHtml(`boot.js?v=${hash(boot)}`, `app.js?v=${hash(js)}`, `app.css?v=${hash(css)}`);
  const files: Record<string, number> = {};
  for (const [name, data] of [
    ['app.js', js],
    ['boot.js', boot],
    ['app.css', css],
    ['index.html', new TextEncoder().encode(html)],
  ] as const) {
    const tmp = join(out, `.${name}.tmp`);
    await writeFile(tmp, data);
    await rename(tmp, join(out, name));
    files[name] = data.byteLength;
  }
  return { outDir: out, files, ms: Math.round(performance.now() - started) };
}

// `tsx web/build.ts`: build and say what was written.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const b = await buildWeb(process.argv[2]);
  const sizes = Object.entries(b.files)
    .map(([n, s]) => `${n} ${(s / 1024).toFixed(1)} KB`)
    .join(', ');
  console.log(`web: built ${b.outDir} in ${b.ms} ms (${sizes})`);
}
