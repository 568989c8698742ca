// The settings of the rules on positions (park.manage changes them; audited on the server): the park's default speed
// limit, minutes stopped outside a lot, minutes without a position, grace minutes past the appointment window.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { App, Button, Form, InputNumber, Spin } from 'antd';
import type { ParkRuleSettings } from '@zoneops/shared';
import { api } from '../../../app/api.ts';
import { useApiGet } from '../../../app/use-api.ts';
import { useReportError } from '../../../app/use-report-error.ts';

const fields: { name: keyof ParkRuleSettings; min: number; max: number; unit: string }[] = [
  { name: 'defaultSpeedLimitKmh', min: 5, max: 200, unit: 'km/h' },
  { name: 'parkedOutsideMinutes', min: 1, max: 1440, unit: 'min' },
  { name: 'positionLostMinutes', min: 1, max: 1440, unit: 'min' },
  { name: 'overstayGraceMinutes', min: 0, max: 1440, unit: 'min' },
];

export function RuleSettingsForm({ manage }: { manage: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const settings = useApiGet<ParkRuleSettings>('/api/park/rule-settings');
  const [form] = Form.useForm<ParkRuleSettings>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data);
  }, [settings.data, form]);

  const save = async () => {
    const values = await form.validateFields();
    setBusy(true);
    try {
      const saved = await api.put<ParkRuleSettings>('/api/park/rule-settings', values);
      settings.mutate(() => saved);
      void message.success(t('common.saved'));
    } catch (err) {
      report(err, form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Spin spinning={settings.loading}>
      <Form<ParkRuleSettings> form={form} layout="vertical" disabled={!manage} style={{ maxWidth: 420 }} data-testid="rule-settings-form">
        {fields.map((f) => (
          <Form.Item
            key={f.name}
            name={f.name}
            label={t(`parkGeofences.settings.${f.name}`)}
            extra={t(`parkGeofences.settings.${f.name}Hint`)}
            rules={[{ required: true }, { type: 'number', min: f.min, max: f.max }]}
          >
            <InputNumber precision={0} min={f.min} max={f.max} style={{ width: '100%' }} suffix={f.unit} data-testid={`rule-settings-${f.name}`} />
          </Form.Item>
        ))}
        {manage && (
          <Button type="primary" loading={busy} onClick={() => void save().catch(() => undefined)} data-testid="rule-settings-save">
            {t('common.save')}
          </Button>
        )}
      </Form>
    </Spin>
  );
}
