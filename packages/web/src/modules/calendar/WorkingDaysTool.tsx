// "N working days after a date", computed by the server over the calendar (GET /api/calendar/working-days).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Card, DatePicker, InputNumber, Space } from 'antd';
import { api } from '../../app/api.ts';
import { useReportError } from '../../app/use-report-error.ts';

export function WorkingDaysTool() {
  const { t } = useTranslation();
  const report = useReportError();
  const [from, setFrom] = useState<string>('');
  const [days, setDays] = useState<number>(5);
  const [result, setResult] = useState<{ from: string; days: number; date: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const compute = async () => {
    if (!from) return;
    setBusy(true);
    try {
      const { date } = await api.get<{ date: string }>('/api/calendar/working-days', { from, days });
      setResult({ from, days, date });
    } catch (err) {
      report(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card size="small" title={t('calendar.toolTitle')}>
      <Space wrap>
        <DatePicker placeholder={t('calendar.from')} onChange={(_, s) => setFrom(typeof s === 'string' ? s : '')} data-testid="wd-from" />
        <InputNumber min={0} max={3650} value={days} onChange={(v) => setDays(v ?? 0)} suffix={t('calendar.days')} data-testid="wd-days" />
        <Button type="primary" onClick={() => void compute()} loading={busy} disabled={!from} data-testid="wd-compute">
          {t('calendar.compute')}
        </Button>
      </Space>
      {result && <Alert style={{ marginTop: 12 }} type="success" title={t('calendar.toolResult', result)} data-testid="wd-result" />}
    </Card>
  );
}
