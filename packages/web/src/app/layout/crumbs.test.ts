import { describe, expect, it } from 'vitest';
import { enUS } from '../../locales/en-US.ts';
import { zhCN } from '../../locales/zh-CN.ts';
import { detailCrumb, detailCrumbs } from './crumbs.ts';

describe('detail crumbs', () => {
  it('follow the detail route of the menu entry', () => {
    expect(detailCrumb('/service/requests/0c4f')).toBe('nav.request');
    expect(detailCrumb('/portal/requests/0c4f')).toBe('nav.request');
    expect(detailCrumb('/promotion/leads/0c4f')).toBe('nav.lead');
    expect(detailCrumb('/meetings/0c4f')).toBe('nav.meeting');
    expect(detailCrumb('/meetings/series/0c4f')).toBe('nav.meetingSeries');
    expect(detailCrumb('/projects/0c4f')).toBe('nav.project');
    expect(detailCrumb('/supervision/items/0c4f')).toBe('nav.item');
    expect(detailCrumb('/rectification/items/0c4f')).toBe('nav.item');
    expect(detailCrumb('/assessments/schemes/0c4f')).toBe('nav.assessmentScheme');
    expect(detailCrumb('/assessments/runs/0c4f')).toBe('nav.assessmentRun');
    expect(detailCrumb('/assessments/schemes/0c4f/edit')).toBeNull();
  });

  it('give none on a menu page or an unknown sub-path', () => {
    for (const path of ['/', '/projects', '/projects/map', '/projects/dashboard', '/service/requests', '/service/pairings', '/promotion/teams', '/portal']) {
      expect(detailCrumb(path), path).toBeNull();
    }
    expect(detailCrumb('/service/pairings/0c4f')).toBeNull();
    expect(detailCrumb('/promotion/0c4f')).toBeNull();
    expect(detailCrumb('/service/requests/0c4f/extra')).toBeNull();
    expect(detailCrumb('/economy/indicators/0c4f')).toBeNull();
    expect(detailCrumb('/notifications')).toBeNull();
  });

  it('have a label in both languages', () => {
    for (const key of new Set(Object.values(detailCrumbs))) {
      const name = key.replace(/^nav\./, '') as keyof typeof zhCN.nav;
      expect(zhCN.nav[name], key).toBeTruthy();
      expect(enUS.nav[name], key).toBeTruthy();
    }
  });
});
