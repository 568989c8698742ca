// Chinese texts of the screen page; screen.en-US.ts has the same keys (its type checks).
export const screenZh = {
  title: '数据大屏',
};
type Messages<T> = { [K in keyof T]: T[K] extends string ? string : Messages<T[K]> };
export type ScreenMessages = Messages<typeof screenZh>;
