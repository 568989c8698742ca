// Chinese texts of the safety registry pages; safetyRegistry.en-US.ts has the same keys (its type checks).
export const safetyRegistryZh = {
  title: 'registry',
};
export type SafetyRegistryMessages = typeof safetyRegistryZh;
