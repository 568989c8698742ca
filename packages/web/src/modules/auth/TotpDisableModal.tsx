import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { App, Form, Input, Modal, Typography } from 'antd';
import type { Me } from '@zoneops/shared';
import { api } from '../../app/api.ts';
import { useAuth } from '../../app/auth.tsx';
import { useReportError } from '../../app/use-report-error.ts';

export function TotpDisableModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { setMe } = useAuth();
  const report = useReportError();
  const [form] = Form.useForm<{ code: string }>();
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const { code } = await form.validateFields();
    setBusy(true);
    try {
      setMe(await api.post<Me>('/api/auth/totp/disable', { code }));
      void message.success(t('totp.disabled'));
      form.resetFields();
      onClose();
    } catch (err) {
      report(err, form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('totp.disableTitle')}
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      confirmLoading={busy}
      okButtonProps={{ danger: true }}
      destroyOnHidden
    >
      <Typography.Paragraph>{t('totp.disableHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item name="code" rules={[{ required: true, pattern: /^\d{6}$/, message: t('login.totpFormat') }]}>
          <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} placeholder={t('totp.code')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
