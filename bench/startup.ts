// `npm start` on an installed checkout to ready: time from spawning the server to its "ready" line, for the
// first start (migrations and demo seed) and for a second start on the same data folder.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const dataDir = mkdtempSync(join(tmpdir(), 'zoneops-start-'));

function startOnce(): Promise<number> {
  const t0 = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'packages/server/src/main/server.ts'], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn', JOBS: 'false' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.includes('is ready at')) {
        const ms = performance.now() - t0;
        child.once('exit', () => resolve(ms));
        child.kill('SIGTERM');
      }
    });
    child.once('exit', (code) => code !== null && code !== 0 && reject(new Error(`server exited with ${code}`)));
  });
}

const first = await startOnce();
const second = await startOnce();
const third = await startOnce();
console.log('| start | seconds to ready | goal |');
console.log('|---|---:|---:|');
console.log(`| first (empty data folder: migrate + demo seed) | ${(first / 1000).toFixed(1)} | – |`);
console.log(`| again (data kept) | ${(second / 1000).toFixed(1)} | ≤ 10 |`);
console.log(`| again (data kept) | ${(third / 1000).toFixed(1)} | ≤ 10 |`);
console.log(JSON.stringify({ bench: 'startup', firstMs: Math.round(first), againMs: [Math.round(second), Math.round(third)] }));
