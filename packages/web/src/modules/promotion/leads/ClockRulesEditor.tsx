// 服务时限: the service clocks of every lead (GET/PUT /api/promotion/clock-rules), in working days over the holiday
// calendar. Everyone reading leads sees them; promotion.manage changes the days (every lead's clocks follow at once).
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { App, Button, Card, Form, InputNumber, Space, Table, Tag } from 'antd';
import type { z } from 'zod';
import type { clockRuleListSchema } from '@zoneops/shared';
import { api } from '../../../app/api.ts';
import { useAuth } from '../../../app/auth.tsx';
import { useApiGet } from '../../../app/use-api.ts';
import { useReportError } from '../../../app/use-report-error.ts';

type ClockRules = z.output<typeof clockRuleListSchema>;

export function ClockRulesEditor() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const report = useReportError();
  const { data, mutate } = useApiGet<ClockRules>('/api/promotion/clock-rules');
  const [form] = Form.useForm<Record<string, number>>();
  const editable = can('promotion.manage');
  useEffect(() => {
    if (data) form.setFieldsValue(Object.fromEntries(data.map((r) => [r.code, r.workingDays])));
  }, [data, form]);
  const save = async () => {
    if (!data) return;
    const v = await form.validateFields();
    try {
      const saved = await api.put<ClockRules>(
        '/api/promotion/clock-rules',
        data.map((r) => ({ ...r, workingDays: v[r.code] ?? r.workingDays })),
      );
      mutate(() => saved);
      void message.success(t('common.saved'));
    } catch (err) {
      report(err, form);
    }
  };
  return (
    <Card size="small" title={t('promotion.clockRules.title')} loading={!data} data-testid="clock-rules">
      <Form form={form} component={false}>
        <Table
          rowKey="code"
          size="small"
          pagination={false}
          dataSource={data ?? []}
          columns={[
            { title: t('promotion.clockRules.clock'), key: 'code', render: (_, r) => <Tag>{t(`promotion.clock.${r.code}`)}</Tag> },
            {
              title: t('promotion.clockRules.days'),
              key: 'days',
              render: (_, r) =>
                editable ? (
                  <Form.Item name={r.code} noStyle rules={[{ required: true }]}>
                    <InputNumber min={1} max={60} precision={0} suffix={t('promotion.clockRules.workingDays')} data-testid={`clock-days-${r.code}`} />
                  </Form.Item>
                ) : (
                  t('promotion.clockRules.daysText', { count: r.workingDays })
                ),
            },
            {
              title: t('promotion.clockRules.from'),
              key: 'from',
              render: (_, r) => (r.recurring ? t('promotion.clockRules.recurring') : t('promotion.clockRules.once')),
            },
          ]}
        />
      </Form>
      {editable && (
        <Space style={{ marginTop: 12 }}>
          <Button type="primary" onClick={() => void save().catch(() => undefined)} data-testid="clock-rules-save">
            {t('common.save')}
          </Button>
          <span style={{ color: '#8c8c8c' }}>{t('promotion.clockRules.hint')}</span>
        </Space>
      )}
    </Card>
  );
}
