import type { CockpitMessages } from './cockpit.zh-CN.ts';

export const cockpitEn: CockpitMessages = {
  title: "Leaders' cockpit",
};
