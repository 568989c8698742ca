import { describe, expect, it } from 'vitest';
import i18n from 'i18next';
import { defaultDeadlineRules } from '@zoneops/shared';
import { initI18n, setLanguage } from '../../app/i18n.ts';
import { deadlineRuleText } from './DeadlineRules.tsx';

describe('deadline rules in words', () => {
  it('explains each kind’s promise from the rules in force, in both languages', async () => {
    initI18n();
    await setLanguage('zh-CN');
    const t = i18n.t.bind(i18n) as never;
    expect(deadlineRuleText(t, defaultDeadlineRules.consultation)).toBe('当日答复，1个工作日内办结');
    expect(deadlineRuleText(t, defaultDeadlineRules.urgent)).toBe('2小时内响应，3个工作日内办结');
    expect(deadlineRuleText(t, defaultDeadlineRules.ordinary)).toBe('1个工作日内响应，5个工作日内办结');
    expect(deadlineRuleText(t, { response: { kind: 'hours', hours: 4 }, completionWorkingDays: 2 })).toBe('4小时内响应，2个工作日内办结');
    await setLanguage('en-US');
    expect(deadlineRuleText(t, defaultDeadlineRules.urgent)).toBe('answered within 2 hours, done within 3 working days');
    await setLanguage('zh-CN');
  });
});
