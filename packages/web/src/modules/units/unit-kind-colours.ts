import type { Unit } from '@zoneops/shared';

/** antd Tag colours per unit kind. */
export const unitKindColours: Record<Unit['kind'], string> = {
  administration: 'red',
  bureau: 'blue',
  office: 'cyan',
  section: 'geekblue',
  street: 'green',
  town: 'lime',
  external: 'default',
};
