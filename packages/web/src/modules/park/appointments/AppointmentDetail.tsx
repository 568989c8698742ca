// An appointment's detail: its code as a QR code (read at the gate), vehicle, people, cargo, waybill, window and
// destination, the approvals, the history from the audit trail, and the actions the caller may take now.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { App, Button, Descriptions, Drawer, Input, Modal, QRCode, Space, Table, Tag, Timeline, Typography } from 'antd';
import type { EntryAppointmentDetail } from '@zoneops/shared';
import { api } from '../../../app/api.ts';
import { formatDateTime } from '../../../app/format.ts';
import { useReportError } from '../../../app/use-report-error.ts';

export const statusColours: Record<string, string> = {
  submitted: 'blue',
  enterpriseApproved: 'cyan',
  approved: 'green',
  rejected: 'red',
  cancelled: 'default',
};

export function AppointmentView({ a, onAction }: { a: EntryAppointmentDetail; onAction?: (action: string, reason?: string) => void }) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState<'reject' | 'cancel' | null>(null);
  const [reason, setReason] = useState('');
  const dash = (v: string | null) => v ?? '—';
  return (
    <div data-testid="appointment-detail">
      <Space align="start" size={24} wrap>
        <div style={{ textAlign: 'center' }}>
          <QRCode value={a.code} size={160} />
          <Typography.Text strong className="zo-mono" style={{ fontSize: 18, letterSpacing: 2 }} data-testid="appointment-code">
            {a.code}
          </Typography.Text>
        </div>
        <Descriptions column={1} size="small" style={{ minWidth: 320 }}>
          <Descriptions.Item label={t('parkAppointments.field.status')}>
            <Tag color={statusColours[a.status]}>{t(`parkAppointments.statuses.${a.status}`)}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('parkAppointments.field.vehicle')}>{a.plate}</Descriptions.Item>
          <Descriptions.Item label={t('parkAppointments.field.carrier')}>{a.carrierName}</Descriptions.Item>
          <Descriptions.Item label={t('parkAppointments.field.driver')}>
            {a.driverName} {a.driverPhone ?? ''}
          </Descriptions.Item>
          <Descriptions.Item label={t('parkAppointments.field.escort')}>{dash(a.escortName)}</Descriptions.Item>
          <Descriptions.Item label={t('parkAppointments.field.enterprise')}>{a.enterpriseName}</Descriptions.Item>
          <Descriptions.Item label={t('parkAppointments.field.route')}>{dash(a.routeName)}</Descriptions.Item>
          <Descriptions.Item label={t('parkAppointments.field.waybill')}>{a.waybillNo}</Descriptions.Item>
          <Descriptions.Item label={t('parkAppointments.field.window')}>
            {formatDateTime(a.windowStart, false)} – {formatDateTime(a.windowEnd, false)}
          </Descriptions.Item>
          {a.rejectReason && <Descriptions.Item label={t('parkAppointments.field.rejectReason')}>{a.rejectReason}</Descriptions.Item>}
        </Descriptions>
      </Space>
      <Table
        rowKey={(r) => `${r.unNumber}-${r.name}`}
        size="small"
        pagination={false}
        style={{ marginTop: 16 }}
        dataSource={a.cargo}
        columns={[
          { title: 'UN', dataIndex: 'unNumber' },
          { title: t('parkAppointments.field.cargoName'), dataIndex: 'name' },
          { title: t('parkAppointments.field.class'), dataIndex: 'hazmatClass' },
          { title: t('parkAppointments.field.quantity'), key: 'q', render: (_: unknown, r) => `${r.quantity} ${r.unit}` },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('parkAppointments.history')}
      </Typography.Title>
      <Timeline
        items={a.history.map((h) => ({
          content: `${formatDateTime(h.at, false)} ${h.byName ?? ''} ${t(`parkAppointments.actions.${h.action}`, { defaultValue: h.action })}${h.reason ? `：${h.reason}` : ''}`,
        }))}
      />
      {onAction && (
        <Space wrap>
          {a.can.enterpriseApprove && (
            <Button type="primary" onClick={() => onAction('enterprise-approve')} data-testid="appointment-enterprise-approve">
              {t('parkAppointments.actions.enterpriseApprove')}
            </Button>
          )}
          {a.can.approve && (
            <Button type="primary" onClick={() => onAction('approve')} data-testid="appointment-approve">
              {t('parkAppointments.actions.approve')}
            </Button>
          )}
          {a.can.reject && (
            <Button danger onClick={() => setAsking('reject')} data-testid="appointment-reject">
              {t('parkAppointments.actions.reject')}
            </Button>
          )}
          {a.can.cancel && (
            <Button onClick={() => setAsking('cancel')} data-testid="appointment-cancel">
              {t('parkAppointments.actions.cancel')}
            </Button>
          )}
        </Space>
      )}
      <Modal
        open={asking !== null}
        title={asking ? t(`parkAppointments.actions.${asking}`) : ''}
        okButtonProps={{ disabled: asking === 'reject' && !reason.trim() }}
        onCancel={() => setAsking(null)}
        onOk={() => {
          onAction?.(asking!, reason.trim() || undefined);
          setAsking(null);
          setReason('');
        }}
        destroyOnHidden
      >
        <Input.TextArea value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('parkAppointments.reason')} maxLength={500} />
      </Modal>
    </div>
  );
}

export function AppointmentDrawer({ id, onClose, onChanged }: { id: string | null; onClose: () => void; onChanged: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const [a, setA] = useState<EntryAppointmentDetail | null>(null);
  const [loaded, setLoaded] = useState<string | null>(null);
  if (id && loaded !== id) {
    setLoaded(id);
    setA(null);
    void api.get<EntryAppointmentDetail>(`/api/park/appointments/${id}`).then(setA, report);
  }
  const act = (action: string, reason?: string) =>
    void api
      .post<EntryAppointmentDetail>(
        `/api/park/appointments/${id}/${action}`,
        action === 'reject' || action === 'cancel' ? { reason: reason ?? null } : undefined,
      )
      .then((next) => {
        setA(next);
        void message.success(t('common.saved'));
        onChanged();
      })
      .catch(report);
  return (
    <Drawer
      open={!!id}
      onClose={() => {
        setLoaded(null);
        onClose();
      }}
      title={a ? `${t('parkAppointments.detail')} · ${a.code}` : t('parkAppointments.detail')}
      size="large"
      destroyOnHidden
    >
      {a && <AppointmentView a={a} onAction={act} />}
    </Drawer>
  );
}
