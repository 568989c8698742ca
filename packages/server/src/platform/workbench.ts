// The workbench (工作台) gathers to-dos from every module through providers that modules register.
import type { z } from 'zod';
import type { workbenchItemSchema } from '@zoneops/shared';
import type { Principal } from './access/principal.ts';

export type WorkbenchItem = z.infer<typeof workbenchItemSchema>;
export type WorkbenchProvider = (p: Principal, today: string) => Promise<WorkbenchItem[]>;

export class WorkbenchRegistry {
  private readonly providers: WorkbenchProvider[] = [];
  register(provider: WorkbenchProvider): void {
    this.providers.push(provider);
  }
  async collect(p: Principal, today: string): Promise<WorkbenchItem[]> {
    const lists = await Promise.all(this.providers.map((fn) => fn(p, today)));
    return lists.flat();
  }
}
