// Chinese texts of the safety live pages; safetyLive.en-US.ts has the same keys (its type checks).
export const safetyLiveZh = {
  title: 'live',
};
export type SafetyLiveMessages = typeof safetyLiveZh;
