// Registers a device, a gateway or an HJ 212 station (POST /api/safety/devices: the answer holds the token once, and a
// station's factor points are created), or edits one's name, MN and expected interval (PATCH, only what changed).
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Form, Input, InputNumber, Modal, Radio, Select, type ButtonProps } from 'antd';
import { deviceKinds, hj212Factors, type DeviceKind } from '@zoneops/shared';
import { api } from '../../../app/api.ts';
import { changedFields } from '../../../app/form-errors.ts';
import { useModalForm } from '../../../app/use-modal-form.ts';
import { EnterpriseSelect } from '../../projects/pickers.tsx';
import { DeviceSelect, MajorHazardSelect } from './pickers.tsx';
import { conflictField } from './registry-ui.ts';
import type { DeviceWithToken, SafetyDevice } from './registry-types.ts';

interface Values {
  kind: DeviceKind;
  name: string;
  enterpriseId?: string | null;
  gatewayId?: string | null;
  mn?: string | null;
  expectedIntervalS: number;
  factors?: string[];
  majorHazardId?: string | null;
}

const conflictKeys = ['mn', 'name'] as const;

export function DeviceForm({
  open,
  device,
  kind,
  onClose,
  onCreated,
  onSaved,
}: {
  open: boolean;
  /** null: a new device */
  device: SafetyDevice | null;
  /** The kind a new device starts with. */
  kind?: DeviceKind;
  onClose: () => void;
  onCreated: (answer: DeviceWithToken) => void;
  onSaved: (d: SafetyDevice) => void;
}) {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const initial = useMemo<Values>(
    () =>
      device
        ? { kind: device.kind, name: device.name, mn: device.mn, expectedIntervalS: device.expectedIntervalS }
        : { kind: kind ?? 'device', name: '', expectedIntervalS: 60, factors: [] },
    [device, kind],
  );
  const { form, modalProps } = useModalForm<Values>({
    open,
    initial,
    onSubmit: async (v) => {
      try {
        if (device) {
          const body = changedFields(
            { name: v.name.trim(), expectedIntervalS: v.expectedIntervalS, ...(device.kind === 'station' ? { mn: v.mn?.trim() } : {}) },
            { name: device.name, expectedIntervalS: device.expectedIntervalS, ...(device.kind === 'station' ? { mn: device.mn } : {}) },
          );
          onSaved(await api.patch<SafetyDevice>(`/api/safety/devices/${device.id}`, body));
        } else {
          onCreated(
            await api.post<DeviceWithToken>('/api/safety/devices', {
              kind: v.kind,
              name: v.name.trim(),
              enterpriseId: v.enterpriseId,
              expectedIntervalS: v.expectedIntervalS,
              ...(v.kind === 'device' && v.gatewayId ? { gatewayId: v.gatewayId } : {}),
              ...(v.kind === 'station' ? { mn: v.mn?.trim(), factors: v.factors ?? [], majorHazardId: v.majorHazardId ?? null } : {}),
            }),
          );
        }
      } catch (err) {
        const field = conflictField(err);
        const key = conflictKeys.find((k) => k === field);
        if (key) form.setFields([{ name: key, errors: [t(`safetyRegistry.conflict.${key}`)] }]);
        else throw err;
      }
    },
  });
  const chosenKind = Form.useWatch('kind', form) ?? initial.kind;
  const enterpriseId = Form.useWatch('enterpriseId', form);
  const c = (k: string) => t(`safetyRegistry.devices.col.${k}`);
  const factorOptions = Object.entries(hj212Factors).map(([code, f]) => ({ value: code, label: `${code} ${en ? f.en : f.zh} (${f.unit})` }));

  return (
    <Modal
      {...modalProps}
      width={620}
      title={device ? t('safetyRegistry.devices.edit') : t('safetyRegistry.devices.create')}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'device-submit' } as ButtonProps}
    >
      <Form form={form} layout="vertical" preserve={false} data-testid="device-form">
        <Form.Item name="kind" label={c('kind')} rules={[{ required: true }]}>
          <Radio.Group
            disabled={!!device}
            options={deviceKinds.map((k) => ({ value: k, label: t(`safetyRegistry.deviceKinds.${k}`) }))}
            optionType="button"
            data-testid="device-kind"
          />
        </Form.Item>
        {device ? (
          <Form.Item label={c('enterprise')}>{device.enterpriseName}</Form.Item>
        ) : (
          <Form.Item name="enterpriseId" label={c('enterprise')} rules={[{ required: true }]}>
            <EnterpriseSelect testId="device-enterprise" />
          </Form.Item>
        )}
        <Form.Item
          name="name"
          label={c('name')}
          rules={[{ required: true, whitespace: true }, { max: 100 }]}
          extra={chosenKind === 'device' ? t('safetyRegistry.devices.gatewayHint') : undefined}
        >
          <Input data-testid="device-name" />
        </Form.Item>
        {!device && chosenKind === 'device' && (
          <Form.Item name="gatewayId" label={c('gateway')}>
            <DeviceSelect enterpriseId={enterpriseId} kind="gateway" needsEnterprise testId="device-gateway" />
          </Form.Item>
        )}
        {chosenKind === 'station' && (
          <Form.Item
            name="mn"
            label={c('mn')}
            extra={t('safetyRegistry.devices.mnHint')}
            rules={[
              { required: true, whitespace: true },
              { pattern: /^[0-9A-Za-z]{1,24}$/, message: t('safetyRegistry.devices.mnHint') },
            ]}
          >
            <Input data-testid="device-mn" />
          </Form.Item>
        )}
        {!device && chosenKind === 'station' && (
          <>
            <Form.Item name="factors" label={t('safetyRegistry.devices.factors')} extra={t('safetyRegistry.devices.factorsHint')}>
              <Select mode="multiple" options={factorOptions} data-testid="device-factors" />
            </Form.Item>
            <Form.Item name="majorHazardId" label={t('safetyRegistry.devices.factorPointsSource')}>
              <MajorHazardSelect enterpriseId={enterpriseId} disabled={!enterpriseId} testId="device-source" />
            </Form.Item>
          </>
        )}
        <Form.Item name="expectedIntervalS" label={`${c('interval')} (s)`} extra={t('safetyRegistry.devices.intervalHint')} rules={[{ required: true }]}>
          <InputNumber min={1} max={86_400} precision={0} style={{ width: 160 }} data-testid="device-interval" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
