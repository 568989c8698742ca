// Builds what needs building: the web bundle (Vite) when its sources are newer than the bundle.
// Runs on `npm install` (postinstall), before `npm start` and before the browser tests.
// The server runs from TypeScript sources through tsx, so it needs no build step.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const force = process.argv.includes('--force');
const web = join(root, 'packages/web');
const out = join(web, 'dist/index.html');

function newest(dir) {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const p = join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

if (!existsSync(join(web, 'index.html'))) process.exit(0);
const sources = Math.max(newest(join(web, 'src')), newest(join(root, 'packages/shared/src')), statSync(join(web, 'index.html')).mtimeMs);
if (!force && existsSync(out) && statSync(out).mtimeMs >= sources) process.exit(0);
console.log('[build] building the web bundle …');
// Vite is a dependency of the web package; npm may install it under packages/web/node_modules.
const vitePkg = createRequire(join(web, 'package.json')).resolve('vite/package.json');
execFileSync(process.execPath, [join(vitePkg, '..', 'bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: web, stdio: 'inherit' });
