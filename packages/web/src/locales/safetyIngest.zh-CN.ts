// Chinese texts of the safety ingest pages; safetyIngest.en-US.ts has the same keys (its type checks).
export const safetyIngestZh = {
  title: 'ingest',
};
export type SafetyIngestMessages = typeof safetyIngestZh;
