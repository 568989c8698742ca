import type { SafetyRegistryMessages } from './safetyRegistry.zh-CN.ts';

export const safetyRegistryEn: SafetyRegistryMessages = {
  title: 'registry',
};
