// Chinese texts of the safety alarms pages; safetyAlarms.en-US.ts has the same keys (its type checks).
export const safetyAlarmsZh = {
  title: 'alarms',
};
export type SafetyAlarmsMessages = typeof safetyAlarmsZh;
