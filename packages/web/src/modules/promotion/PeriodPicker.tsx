// The period of the scoreboard and the reports (?from&to in the URL, this year by default): presets for this and the
// last year, quarter and month, or any range.
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { DatePicker, Select, Space } from 'antd';
import dayjs from 'dayjs';
import { shanghaiToday } from '../../app/format.ts';
import { periodOf, periodPresetKeys, periodPresets, presetOf, type Period } from './promotion-ui.ts';

export function usePeriodParam(): [Period, (p: Period) => void] {
  const [params, setParams] = useSearchParams();
  const today = shanghaiToday();
  const period = periodOf(params, today);
  const setPeriod = (p: Period) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (presetOf(p, today) === 'thisYear') {
          next.delete('from');
          next.delete('to');
        } else {
          next.set('from', p.from);
          next.set('to', p.to);
        }
        return next;
      },
      { replace: true },
    );
  return [period, setPeriod];
}

export function PeriodPicker({ value, onChange, testId = 'period' }: { value: Period; onChange: (p: Period) => void; testId?: string }) {
  const { t } = useTranslation();
  const today = shanghaiToday();
  const presets = periodPresets(today);
  const preset = presetOf(value, today);
  return (
    <Space wrap data-testid={testId}>
      <Select
        style={{ width: 120 }}
        value={preset}
        onChange={(k: string) => {
          if (k !== 'custom') onChange(presets[k as keyof typeof presets]);
        }}
        options={[...periodPresetKeys.map((k) => ({ value: k, label: t(`promotion.period.${k}`) })), { value: 'custom', label: t('promotion.period.custom') }]}
        data-testid={`${testId}-preset`}
      />
      <DatePicker.RangePicker
        allowClear={false}
        value={[dayjs(value.from), dayjs(value.to)]}
        onChange={(r) => {
          if (r?.[0] && r[1]) onChange({ from: r[0].format('YYYY-MM-DD'), to: r[1].format('YYYY-MM-DD') });
        }}
        data-testid={`${testId}-range`}
      />
    </Space>
  );
}
