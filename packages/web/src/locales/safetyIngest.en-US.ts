import type { SafetyIngestMessages } from './safetyIngest.zh-CN.ts';

export const safetyIngestEn: SafetyIngestMessages = {
  title: 'ingest',
};
