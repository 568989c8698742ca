// Chinese texts of the service pages; service.en-US.ts has the same keys (its type checks).
export const serviceZh = {
  title: '企业服务',
};
export type ServiceMessages = typeof serviceZh;
