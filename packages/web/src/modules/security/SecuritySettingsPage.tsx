// Password and sign-in policy (等保 2.0 level 3), bounds taken from the shared schema.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, App, Button, Card, Form, InputNumber, Spin } from 'antd';
import { securitySettingsSchema, type PasswordPolicy } from '@zoneops/shared';
import { api } from '../../app/api.ts';
import { useApiGet } from '../../app/use-api.ts';
import { useReportError } from '../../app/use-report-error.ts';

const fields: { key: keyof PasswordPolicy; hint?: string }[] = [
  { key: 'minLength' },
  { key: 'minClasses', hint: 'security.minClassesHint' },
  { key: 'maxAgeDays', hint: 'security.maxAgeHint' },
  { key: 'historyCount' },
  { key: 'maxFailures' },
  { key: 'lockoutMinutes' },
  { key: 'idleTimeoutMinutes' },
];

function bounds(key: keyof PasswordPolicy): { min?: number; max?: number } {
  const s = securitySettingsSchema.shape[key];
  return { min: s.minValue ?? undefined, max: s.maxValue ?? undefined };
}

export default function SecuritySettingsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const [form] = Form.useForm<PasswordPolicy>();
  const { data, loading, mutate } = useApiGet<PasswordPolicy>('/api/security/settings');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (data) form.setFieldsValue(data);
  }, [data, form]);

  const save = async (values: PasswordPolicy) => {
    setBusy(true);
    try {
      const saved = await api.put<PasswordPolicy>('/api/security/settings', values);
      mutate(() => saved);
      void message.success(t('common.saved'));
    } catch (err) {
      report(err, form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={t('security.title')}>
      <Alert type="info" title={t('security.intro')} style={{ marginBottom: 16 }} />
      <Spin spinning={loading}>
        <Form form={form} layout="horizontal" labelCol={{ span: 8 }} wrapperCol={{ span: 10 }} onFinish={(v) => void save(v)} style={{ maxWidth: 760 }}>
          {fields.map(({ key, hint }) => {
            const { min, max } = bounds(key);
            return (
              <Form.Item
                key={key}
                name={key}
                label={t(`security.${key}`)}
                extra={hint ? t(hint) : `${min ?? ''} – ${max ?? ''}`}
                rules={[{ required: true, type: 'integer', min, max }]}
              >
                <InputNumber min={min} max={max} precision={0} style={{ width: 160 }} data-testid={`security-${key}`} />
              </Form.Item>
            );
          })}
          <Form.Item wrapperCol={{ offset: 8 }}>
            <Button type="primary" htmlType="submit" loading={busy} disabled={!data} data-testid="security-save">
              {t('common.save')}
            </Button>
          </Form.Item>
        </Form>
      </Spin>
    </Card>
  );
}
