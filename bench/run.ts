// `npm run bench -- <name>`: runs one benchmark. Each prints a table and one JSON line; none fails CI.
const benches: Record<string, () => Promise<unknown>> = {
  'users-list': () => import('./users-list.ts'),
  startup: () => import('./startup.ts'),
  ledger: () => import('./ledger.ts'),
  projects: () => import('./projects.ts'),
  'projects-import': () => import('./projects-import.ts'),
  economy: () => import('./economy.ts'),
  promotion: () => import('./promotion.ts'),
  ingest: () => import('./ingest.ts'),
  vehicles: () => import('./vehicles-bench.ts'),
  'big-screen': () => import('./big-screen.ts'),
  assessments: () => import('./assessments.ts'),
  cockpit: () => import('./cockpit.ts'),
};
const benchName = process.argv[2];
if (!benchName || !benches[benchName]) {
  console.error(`usage: npm run bench -- <${Object.keys(benches).join('|')}>`);
  process.exit(2);
}
await benches[benchName]();

export {};
