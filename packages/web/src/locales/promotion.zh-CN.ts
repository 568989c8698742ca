// Chinese texts of the promotion pages; promotion.en-US.ts has the same keys (its type checks).
export const promotionZh = {
  title: '招商引资',
};
export type PromotionMessages = typeof promotionZh;
