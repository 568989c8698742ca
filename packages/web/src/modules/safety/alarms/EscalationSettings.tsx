// 升级规则 (safety.manage): after how many minutes an unacknowledged alarm goes to the enterprise's handlers and then to
// the park's duty officers, and who they are (GET/PUT /api/safety/escalation).
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { App, Button, Card, Form, InputNumber, Space, Typography } from 'antd';
import type { SafetyEscalation } from '@zoneops/shared';
import { api } from '../../../app/api.ts';
import { useApiGet } from '../../../app/use-api.ts';
import { useReportError } from '../../../app/use-report-error.ts';
import { UsersSelect } from '../../ledger/UsersSelect.tsx';

export function EscalationSettings() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const { data, mutate } = useApiGet<SafetyEscalation>('/api/safety/escalation');
  const [form] = Form.useForm<SafetyEscalation>();
  useEffect(() => {
    if (data) form.setFieldsValue(data);
  }, [data, form]);
  const save = async () => {
    const v = await form.validateFields();
    try {
      const saved = await api.put<SafetyEscalation>('/api/safety/escalation', { ...v, dutyUserIds: v.dutyUserIds ?? [] });
      mutate(() => saved);
      void message.success(t('common.saved'));
    } catch (err) {
      report(err, form);
    }
  };
  return (
    <Card size="small" title={t('safetyAlarms.escalationForm.title')} loading={!data} style={{ maxWidth: 720 }} data-testid="escalation-settings">
      <Typography.Paragraph type="secondary">{t('safetyAlarms.escalationForm.hint')}</Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Space size={24} wrap>
          <Form.Item name="enterpriseMinutes" label={t('safetyAlarms.escalationForm.enterpriseMinutes')} rules={[{ required: true }]}>
            <InputNumber min={1} max={1440} precision={0} suffix={t('safetyAlarms.escalationForm.minutes')} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item
            name="dutyMinutes"
            label={t('safetyAlarms.escalationForm.dutyMinutes')}
            dependencies={['enterpriseMinutes']}
            rules={[
              { required: true },
              ({ getFieldValue }) => ({
                validator: (_, v: number | undefined) =>
                  v === undefined || v > (getFieldValue('enterpriseMinutes') as number)
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('safetyAlarms.escalationForm.order'))),
              }),
            ]}
          >
            <InputNumber min={1} max={2880} precision={0} suffix={t('safetyAlarms.escalationForm.minutes')} style={{ width: 160 }} />
          </Form.Item>
        </Space>
        <Form.Item name="dutyUserIds" label={t('safetyAlarms.escalationForm.dutyUsers')} extra={t('safetyAlarms.escalationForm.dutyUsersHint')}>
          <UsersSelect testId="escalation-duty-users" />
        </Form.Item>
      </Form>
      <Button type="primary" onClick={() => void save().catch(() => undefined)} data-testid="escalation-save">
        {t('common.save')}
      </Button>
    </Card>
  );
}
