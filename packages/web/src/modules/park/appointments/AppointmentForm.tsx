// Filing an entry appointment: the carrier first, then its vehicles, drivers and escorts (with their certificate and
// qualification states), the destination (an enterprise user's own), the route, the electronic waybill, the time
// window and the cargo lines (UN number, name, class, quantity, unit). The server's field errors land on the field
// (QUALIFICATION_EXPIRED on the driver or escort, HAZMAT_CLASS_NOT_ALLOWED on a cargo line's class, the window).
import { useTranslation } from 'react-i18next';
import { App, Button, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Tag } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { cargoUnits, hazmatClasses, type AppointmentOptions, type EntryAppointmentDetail, type ExpiryState } from '@zoneops/shared';
import { api, isApiError } from '../../../app/api.ts';
import { useApiGet } from '../../../app/use-api.ts';
import { useModalForm } from '../../../app/use-modal-form.ts';

interface FormValues {
  carrierId: string;
  vehicleId: string;
  driverId: string;
  escortId?: string;
  enterpriseId?: string;
  routeId?: string;
  waybillNo: string;
  window: [Dayjs, Dayjs];
  cargo: { unNumber: string; name: string; hazmatClass: string; quantity: number; unit: string }[];
}

const stateColour: Record<ExpiryState, string> = { valid: 'green', expiring: 'orange', expired: 'red' };

export function AppointmentForm({ open, onClose, onSaved }: { open: boolean; onClose: () => void; onSaved: (a: EntryAppointmentDetail) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { form, modalProps } = useModalForm<FormValues>({
    open,
    onSubmit: async (v) => {
      const { window, ...rest } = v;
      const saved = await api
        .post<EntryAppointmentDetail>('/api/park/appointments', {
          ...rest,
          escortId: v.escortId ?? null,
          routeId: v.routeId ?? null,
          enterpriseId: v.enterpriseId ?? null,
          windowStart: window[0].toISOString(),
          windowEnd: window[1].toISOString(),
        })
        .catch((err: unknown) => {
          // the server names window errors on windowStart / windowEnd: the form has one range field
          if (isApiError(err) && Array.isArray(err.details)) {
            const onWindow = (err.details as { path?: string; message?: string }[]).filter((d) => /^body\.window(Start|End)$/.test(d.path ?? ''));
            if (onWindow.length) form.setFields([{ name: 'window', errors: onWindow.map((d) => d.message ?? '') }]);
          }
          throw err;
        });
      void message.success(t('parkAppointments.created', { code: saved.code }));
      form.resetFields();
      onSaved(saved);
    },
  });
  const carrierId = Form.useWatch('carrierId', form);
  const { data } = useApiGet<AppointmentOptions>(open ? '/api/park/appointments/options' : null, carrierId ? { carrierId } : {});
  const person = (x: { id: string; name: string; qualificationExpiresOn: string | null; qualificationState: ExpiryState | null }) => ({
    value: x.id,
    label: (
      <Space size={4}>
        {x.name}
        {x.qualificationState && <Tag color={stateColour[x.qualificationState]}>{x.qualificationExpiresOn}</Tag>}
      </Space>
    ),
  });
  return (
    <Modal {...modalProps} onCancel={onClose} title={t('parkAppointments.create')} width={760} okText={t('parkAppointments.submit')}>
      <Form<FormValues> form={form} layout="vertical" data-testid="appointment-form" initialValues={{ cargo: [{ unit: 't' }] }}>
        <Space wrap>
          <Form.Item name="carrierId" label={t('parkAppointments.field.carrier')} rules={[{ required: true }]}>
            <Select
              showSearch
              optionFilterProp="title"
              style={{ width: 260 }}
              onChange={() => form.setFieldsValue({ vehicleId: undefined, driverId: undefined, escortId: undefined })}
              options={(data?.carriers ?? []).map((c) => ({ value: c.id, title: c.name, label: c.name }))}
              data-testid="appointment-carrier"
            />
          </Form.Item>
          <Form.Item name="vehicleId" label={t('parkAppointments.field.vehicle')} rules={[{ required: true }]}>
            <Select
              style={{ width: 220 }}
              disabled={!carrierId}
              options={(data?.vehicles ?? []).map((v) => ({ value: v.id, label: `${v.plate}（${v.hazmatClasses.join('、') || '—'}）` }))}
            />
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="driverId" label={t('parkAppointments.field.driver')} rules={[{ required: true }]}>
            <Select style={{ width: 240 }} disabled={!carrierId} options={(data?.drivers ?? []).map(person)} />
          </Form.Item>
          <Form.Item name="escortId" label={t('parkAppointments.field.escort')}>
            <Select allowClear style={{ width: 240 }} disabled={!carrierId} options={(data?.escorts ?? []).map(person)} />
          </Form.Item>
        </Space>
        <Space wrap>
          {(data?.enterprises.length ?? 0) > 1 && (
            <Form.Item name="enterpriseId" label={t('parkAppointments.field.enterprise')} rules={[{ required: true }]}>
              <Select
                showSearch
                optionFilterProp="label"
                style={{ width: 260 }}
                options={(data?.enterprises ?? []).map((e) => ({ value: e.id, label: e.name }))}
              />
            </Form.Item>
          )}
          <Form.Item name="routeId" label={t('parkAppointments.field.route')}>
            <Select allowClear style={{ width: 220 }} options={(data?.routes ?? []).map((r) => ({ value: r.id, label: r.name }))} />
          </Form.Item>
          <Form.Item name="waybillNo" label={t('parkAppointments.field.waybill')} rules={[{ required: true }]}>
            <Input style={{ width: 220 }} />
          </Form.Item>
        </Space>
        <Form.Item name="window" label={t('parkAppointments.field.window')} rules={[{ required: true }]} extra={t('parkAppointments.windowHint')}>
          <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
        </Form.Item>
        <Form.List name="cargo">
          {(fields, { add, remove }) => (
            <Form.Item label={t('parkAppointments.field.cargo')}>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" wrap>
                  <Form.Item name={[f.name, 'unNumber']} rules={[{ required: true, pattern: /^\d{4}$/, message: t('parkAppointments.unHint') }]}>
                    <Input placeholder="UN" style={{ width: 80 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'name']} rules={[{ required: true }]}>
                    <Input placeholder={t('parkAppointments.field.cargoName')} style={{ width: 160 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'hazmatClass']} rules={[{ required: true }]}>
                    <Select
                      placeholder={t('parkAppointments.field.class')}
                      style={{ width: 90 }}
                      options={hazmatClasses.map((c) => ({ value: c, label: c }))}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'quantity']} rules={[{ required: true }]}>
                    <InputNumber min={0.001} placeholder={t('parkAppointments.field.quantity')} style={{ width: 110 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'unit']} rules={[{ required: true }]}>
                    <Select style={{ width: 70 }} options={cargoUnits.map((u) => ({ value: u, label: u }))} />
                  </Form.Item>
                  {fields.length > 1 && <MinusCircleOutlined onClick={() => remove(f.name)} aria-label={t('common.delete')} />}
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ unit: 't' })} data-testid="appointment-cargo-add">
                {t('parkAppointments.addCargo')}
              </Button>
            </Form.Item>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
