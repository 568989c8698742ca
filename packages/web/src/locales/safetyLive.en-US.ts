import type { SafetyLiveMessages } from './safetyLive.zh-CN.ts';

export const safetyLiveEn: SafetyLiveMessages = {
  title: 'live',
};
