// Chinese texts of the cockpit page; cockpit.en-US.ts has the same keys (its type checks).
export const cockpitZh = {
  title: '领导驾驶舱',
};
type Messages<T> = { [K in keyof T]: T[K] extends string ? string : Messages<T[K]> };
export type CockpitMessages = Messages<typeof cockpitZh>;
