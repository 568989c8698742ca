import type { ServiceMessages } from './service.zh-CN.ts';

export const serviceEn: ServiceMessages = {
  title: 'Enterprise service',
};
