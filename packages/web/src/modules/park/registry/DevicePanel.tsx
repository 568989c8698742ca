// The devices of a checkpoint (shown when its row is expanded): cameras, face terminals and access controllers on
// its lanes with vendor, serial number and direction; added in a form that shows the field the server refused
// (GATE_DEVICE_TAKEN on the serial number, a lane that points the other way), and removed with a confirmation.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { App, Button, Form, Input, Modal, Popconfirm, Select, Space, Switch, Table, Tag } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { gateDeviceKinds, gateDeviceVendors, passDirections, type GateDevice, type ParkCheckpoint } from '@zoneops/shared';
import { api } from '../../../app/api.ts';
import { formatDateTime } from '../../../app/format.ts';
import { useAuth } from '../../../app/auth.tsx';
import { useModalForm } from '../../../app/use-modal-form.ts';
import { useReportError } from '../../../app/use-report-error.ts';

type DeviceValues = { laneCode?: string; kind: string; vendor: string; serialNo: string; direction: string; name: string; enabled: boolean };

export function DevicePanel({ checkpoint, onChanged }: { checkpoint: ParkCheckpoint; onChanged: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can, me } = useAuth();
  const report = useReportError();
  const manage = can('park.manage') && !me?.enterpriseId;
  const [open, setOpen] = useState(false);
  const { form, modalProps } = useModalForm<DeviceValues>({
    open,
    onSubmit: async (values) => {
      await api.post('/api/park/registry/devices', { ...values, laneCode: values.laneCode ?? null, checkpointId: checkpoint.id });
      void message.success(t('common.saved'));
      setOpen(false);
      onChanged();
    },
  });
  const remove = (d: GateDevice) =>
    void api
      .delete(`/api/park/registry/devices/${d.id}`)
      .then(() => {
        void message.success(t('common.deleted'));
        onChanged();
      })
      .catch(report);
  return (
    <div data-testid={`devices-${checkpoint.id}`}>
      <Table<GateDevice>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={checkpoint.devices}
        columns={[
          { title: t('parkRegistry.col.name'), dataIndex: 'name' },
          { title: t('parkRegistry.device.kind'), dataIndex: 'kind', render: (k: string) => <Tag>{t(`parkRegistry.deviceKinds.${k}`)}</Tag> },
          { title: t('parkRegistry.device.vendor'), dataIndex: 'vendor', render: (v: string) => t(`parkRegistry.vendors.${v}`) },
          { title: t('parkRegistry.device.serialNo'), dataIndex: 'serialNo', render: (v: string) => <span className="zo-mono">{v}</span> },
          { title: t('parkRegistry.device.lane'), dataIndex: 'laneCode', render: (v: string | null) => v ?? '—' },
          { title: t('parkRegistry.device.direction'), dataIndex: 'direction', render: (v: string) => t(`parkRegistry.directions.${v}`) },
          { title: t('parkRegistry.device.enabled'), dataIndex: 'enabled', render: (v: boolean) => (v ? t('common.yes') : t('common.no')) },
          { title: t('parkRegistry.device.lastEvent'), dataIndex: 'lastEventAt', render: (v: string | null) => formatDateTime(v, false) },
          ...(manage
            ? [
                {
                  title: t('common.actions'),
                  key: 'a',
                  render: (_: unknown, d: GateDevice) => (
                    <Popconfirm title={t('parkRegistry.deleteConfirm')} onConfirm={() => remove(d)}>
                      <Button type="link" size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
      {manage && (
        <Button size="small" icon={<PlusOutlined />} style={{ marginTop: 8 }} onClick={() => setOpen(true)} data-testid={`device-add-${checkpoint.id}`}>
          {t('parkRegistry.device.add')}
        </Button>
      )}
      <Modal {...modalProps} onCancel={() => setOpen(false)} title={`${t('parkRegistry.device.add')} · ${checkpoint.name}`} okText={t('common.save')}>
        <Form form={form} layout="vertical" initialValues={{ vendor: 'hikvisionIsapi', kind: 'anpr', direction: 'in', enabled: true }}>
          <Space wrap>
            <Form.Item name="name" label={t('parkRegistry.col.name')} rules={[{ required: true }]}>
              <Input style={{ width: 200 }} />
            </Form.Item>
            <Form.Item name="kind" label={t('parkRegistry.device.kind')} rules={[{ required: true }]}>
              <Select style={{ width: 130 }} options={gateDeviceKinds.map((k) => ({ value: k, label: t(`parkRegistry.deviceKinds.${k}`) }))} />
            </Form.Item>
            <Form.Item name="vendor" label={t('parkRegistry.device.vendor')} rules={[{ required: true }]}>
              <Select style={{ width: 180 }} options={gateDeviceVendors.map((k) => ({ value: k, label: t(`parkRegistry.vendors.${k}`) }))} />
            </Form.Item>
          </Space>
          <Space wrap>
            <Form.Item name="serialNo" label={t('parkRegistry.device.serialNo')} rules={[{ required: true }]}>
              <Input style={{ width: 220 }} />
            </Form.Item>
            <Form.Item name="laneCode" label={t('parkRegistry.device.lane')}>
              <Select allowClear style={{ width: 140 }} options={checkpoint.lanes.map((l) => ({ value: l.code, label: `${l.code} ${l.name}` }))} />
            </Form.Item>
            <Form.Item name="direction" label={t('parkRegistry.device.direction')} rules={[{ required: true }]}>
              <Select style={{ width: 100 }} options={passDirections.map((d) => ({ value: d, label: t(`parkRegistry.directions.${d}`) }))} />
            </Form.Item>
            <Form.Item name="enabled" label={t('parkRegistry.device.enabled')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Space>
        </Form>
      </Modal>
    </div>
  );
}
