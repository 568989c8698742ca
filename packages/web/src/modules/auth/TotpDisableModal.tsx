import { useTranslation } from 'react-i18next';
import { App, Form, Input, Modal, Typography } from 'antd';
import type { Me } from '@zoneops/shared';
import { api } from '../../app/api.ts';
import { useAuth } from '../../app/auth.tsx';
import { useModalForm } from '../../app/use-modal-form.ts';

export function TotpDisableModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { setMe } = useAuth();
  const { form, modalProps } = useModalForm<{ code: string }>({
    open,
    onSubmit: async ({ code }, form) => {
      setMe(await api.post<Me>('/api/auth/totp/disable', { code }));
      void message.success(t('totp.disabled'));
      form.resetFields();
      onClose();
    },
  });

  return (
    <Modal {...modalProps} title={t('totp.disableTitle')} onCancel={onClose} okButtonProps={{ danger: true }}>
      <Typography.Paragraph>{t('totp.disableHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item name="code" rules={[{ required: true, pattern: /^\d{6}$/, message: t('login.totpFormat') }]}>
          <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} placeholder={t('totp.code')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
