// Holiday calendar: the State Council's holidays and make-up working days, maintained per year.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { App, Alert, Button, Card, Space, Spin, Typography } from 'antd';
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { useAuth } from '../../app/auth.tsx';
import type { CalendarDay } from '../../app/contract.ts';
import { shanghaiToday } from '../../app/format.ts';
import { useApiGet } from '../../app/use-api.ts';
import { DayModal } from './DayModal.tsx';
import { WorkingDaysTool } from './WorkingDaysTool.tsx';
import { YearGrid } from './YearGrid.tsx';

export default function CalendarPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const [year, setYear] = useState(() => Number(shanghaiToday().slice(0, 4)));
  const { data, loading, reload } = useApiGet<CalendarDay[]>('/api/calendar', { year });
  const [picked, setPicked] = useState<string | null>(null);
  const canWrite = can('calendar.write');

  const days = useMemo(() => new Map((data ?? []).map((d) => [d.date, d])), [data]);
  const holidays = (data ?? []).filter((d) => d.kind === 'holiday').length;
  const workdays = (data ?? []).filter((d) => d.kind === 'workday').length;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={t('menu.calendar')}
        extra={
          <Space>
            <Button icon={<LeftOutlined />} onClick={() => setYear((y) => y - 1)} aria-label="-1" />
            <Typography.Text strong style={{ fontSize: 16 }} data-testid="calendar-year-label">
              {year}
            </Typography.Text>
            <Button icon={<RightOutlined />} onClick={() => setYear((y) => y + 1)} aria-label="+1" />
          </Space>
        }
      >
        <Space orientation="vertical" style={{ width: '100%', marginBottom: 12 }}>
          <Typography.Text type="secondary">
            {t('calendar.legend')} {t('calendar.holidayCount', { holidays, workdays })}
          </Typography.Text>
          {!canWrite && <Alert type="info" title={t('calendar.readOnly')} />}
        </Space>
        <Spin spinning={loading}>
          <YearGrid year={year} days={days} onPick={canWrite ? setPicked : undefined} />
        </Spin>
      </Card>
      <WorkingDaysTool />
      <DayModal
        date={picked}
        day={picked ? days.get(picked) : undefined}
        onClose={() => setPicked(null)}
        onSaved={() => {
          setPicked(null);
          void message.success(t('common.saved'));
          reload();
        }}
      />
    </Space>
  );
}
