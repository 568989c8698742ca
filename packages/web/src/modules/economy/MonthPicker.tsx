// The month of the economy pages (?month=YYYY-MM): a month picker up to the current month; choosing the default month
// (the latest with approved figures) takes the parameter out of the URL.
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { DatePicker, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { shanghaiToday } from '../../app/format.ts';
import { monthOf } from './economy-ui.ts';

export function useMonthParam(): [string | undefined, (month: string, defaultMonth: string | null | undefined) => void] {
  const [params, setParams] = useSearchParams();
  const month = monthOf(params);
  const setMonth = (next: string, defaultMonth: string | null | undefined) =>
    setParams(
      (p) => {
        const n = new URLSearchParams(p);
        if (next === defaultMonth) n.delete('month');
        else n.set('month', next);
        return n;
      },
      { replace: true },
    );
  return [month, setMonth];
}

export function MonthPicker({ value, onChange, testId }: { value: string | undefined; onChange: (month: string) => void; testId: string }) {
  const { t } = useTranslation();
  const today = dayjs(shanghaiToday());
  return (
    <Space>
      <Typography.Text type="secondary">{t('economy.month')}</Typography.Text>
      <DatePicker
        picker="month"
        allowClear={false}
        value={value ? dayjs(`${value}-01`) : null}
        onChange={(d) => d && onChange(d.format('YYYY-MM'))}
        disabledDate={(d) => d.isAfter(today, 'month') || d.year() < 2000}
        style={{ width: 130 }}
        data-testid={testId}
      />
    </Space>
  );
}
