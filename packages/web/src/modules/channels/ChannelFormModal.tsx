import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Form, Input, Modal, Select, Switch } from 'antd';
import { channelKinds } from '@zoneops/shared';
import { api } from '../../app/api.ts';
import type { Channel } from '../../app/contract.ts';
import { changedFields } from '../../app/form-errors.ts';
import { useModalForm } from '../../app/use-modal-form.ts';

interface Values {
  kind?: Channel['kind'];
  name: string;
  target: string;
  secret?: string;
  enabled: boolean;
}

function initialOf(c: Channel | null): Values {
  if (!c) return { kind: 'wecom', name: '', target: '', secret: '', enabled: true };
  return { name: c.name, target: c.target, secret: '', enabled: c.enabled };
}

/** The secret is write-only: blank when editing means "keep the stored one". */
export function ChannelFormModal(props: { open: boolean; channel: Channel | null; onClose: () => void; onSaved: () => void }) {
  const { open, channel } = props;
  const { t } = useTranslation();
  const initial = useMemo(() => initialOf(channel), [channel]);
  const { form, modalProps } = useModalForm<Values>({
    open,
    initial,
    onSubmit: async ({ secret, ...rest }) => {
      const values = { ...rest, name: rest.name.trim(), target: rest.target.trim() };
      if (channel) {
        const body: Record<string, unknown> = changedFields(values, initial);
        if (secret) body.secret = secret;
        await api.patch<Channel>(`/api/notification-channels/${channel.id}`, body);
      } else {
        await api.post<Channel>('/api/notification-channels', { ...values, secret: secret || null });
      }
      props.onSaved();
    },
  });

  return (
    <Modal {...modalProps} title={channel ? t('channels.edit') : t('channels.create')} onCancel={props.onClose}>
      <Form form={form} layout="vertical" initialValues={initial}>
        {!channel && (
          <Form.Item name="kind" label={t('channels.kind')} rules={[{ required: true }]}>
            <Select options={channelKinds.map((k) => ({ value: k, label: t(`channelKind.${k}`) }))} />
          </Form.Item>
        )}
        <Form.Item name="name" label={t('channels.name')} rules={[{ required: true, whitespace: true, max: 100 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="target" label={t('channels.target')} extra={t('channels.targetHint')} rules={[{ required: true, whitespace: true, min: 3, max: 500 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="secret" label={t('channels.secret')} extra={channel?.hasSecret ? t('common.unchanged') : undefined} rules={[{ max: 200 }]}>
          <Input.Password autoComplete="new-password" placeholder={channel?.hasSecret ? '••••••••' : undefined} />
        </Form.Item>
        <Form.Item name="enabled" label={t('channels.enabled')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
