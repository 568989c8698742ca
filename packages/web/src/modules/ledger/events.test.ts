import { describe, expect, it } from 'vitest';
import { initI18n, setLanguage } from '../../app/i18n.ts';
import i18n from 'i18next';
import { describeEvent } from './events.ts';

const ev = (kind: string, extra: Partial<{ fromStatus: string | null; toStatus: string | null; body: string | null; data: unknown }> = {}) => ({
  kind,
  fromStatus: null,
  toStatus: null,
  body: null,
  data: null,
  ...extra,
});

describe('timeline entries', () => {
  it('say what happened in Chinese, with statuses in words', async () => {
    initI18n();
    await setLanguage('zh-CN');
    const t = i18n.t.bind(i18n) as never;
    expect(describeEvent(ev('created', { data: { deadline: '2026-03-01' } }), t, 'zh').title).toBe('立项交办，办理时限 2026-03-01');
    const sendBack = describeEvent(
      ev('transition', { fromStatus: 'reported', toStatus: 'inProgress', body: '材料不全', data: { action: 'sendBack' } }),
      t,
      'zh',
    );
    expect(sendBack).toEqual({ title: '退办：已报结 → 办理中', body: '材料不全', colour: 'red' });
    expect(describeEvent(ev('progress', { body: '已完成招标', data: { kind: 'progress', percent: 40 } }), t, 'zh').title).toBe('报送进展 · 40%');
    expect(describeEvent(ev('instruction', { body: '抓紧办理' }), t, 'zh')).toMatchObject({ title: '领导批示', body: '抓紧办理' });
    expect(describeEvent(ev('extensionRequested', { data: { newDeadline: '2026-04-01', late: true } }), t, 'zh').title).toBe('逾期后申请延期至 2026-04-01');
    expect(describeEvent(ev('extensionApproved', { data: { newDeadline: '2026-04-01' } }), t, 'zh').title).toBe('同意延期至 2026-04-01');
    expect(describeEvent(ev('verification', { data: { passed: false } }), t, 'zh').colour).toBe('red');
    expect(describeEvent(ev('signoff', { data: { level: 1, of: 2 } }), t, 'zh').title).toBe('审核签字（第 1/2 级）');
    const light = describeEvent(ev('light', { fromStatus: 'green', toStatus: 'red', data: [{ code: 'overdue', days: 2 }] }), t, 'zh');
    expect(light).toEqual({ title: '灯色变化：绿灯 → 红灯', body: '逾期2天', colour: 'red' });
    expect(describeEvent(ev('reminder', { body: 'overdue' }), t, 'zh').title).toBe('系统提醒：已逾期');
    expect(describeEvent(ev('edit', { data: { changed: { ownerId: { from: 'a', to: 'b' }, version: {} } } }), t, 'zh').body).toBe('责任人');
    expect(describeEvent(ev('somethingNew', { body: 'x' }), t, 'zh')).toMatchObject({ title: 'somethingNew', body: 'x' });
  });

  it('and in English', async () => {
    initI18n();
    await setLanguage('en-US');
    const t = i18n.t.bind(i18n) as never;
    expect(describeEvent(ev('transition', { fromStatus: 'assigned', toStatus: 'accepted', data: { action: 'accept' } }), t, 'en').title).toBe(
      'Accept: Assigned → Accepted',
    );
    expect(describeEvent(ev('light', { fromStatus: 'green', toStatus: 'yellow', data: [{ code: 'dueSoon', days: 2 }] }), t, 'en').body).toBe('due in 2 days');
  });
});
