import type { PromotionMessages } from './promotion.zh-CN.ts';

export const promotionEn: PromotionMessages = {
  title: 'Investment promotion',
};
