import type { SafetyAlarmsMessages } from './safetyAlarms.zh-CN.ts';

export const safetyAlarmsEn: SafetyAlarmsMessages = {
  title: 'alarms',
};
