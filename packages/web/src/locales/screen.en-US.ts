import type { ScreenMessages } from './screen.zh-CN.ts';

export const screenEn: ScreenMessages = {
  title: 'Big screen',
};
