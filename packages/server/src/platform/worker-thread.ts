// Starts a worker thread on a module of this code base. Run from TypeScript sources (tsx: `npm start`, vitest), the
// worker cannot load a .ts entry by itself (loader hooks given in execArgv do not reach a worker's entry in Node 20),
// so a one-line bootstrap registers tsx inside the worker first and then imports the entry; compiled .js entries are
// started directly.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

export function startWorker(entry: URL, options: WorkerOptions = {}): Worker {
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, options);
  // the ESM entry of tsx's API (require.resolve would give its CommonJS one)
  const pkg = createRequire(import.meta.url).resolve('tsx/package.json');
  const tsx = pathToFileURL(join(dirname(pkg), 'dist/esm/api/index.mjs')).href;
  const code = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(code, { ...options, eval: true });
}
