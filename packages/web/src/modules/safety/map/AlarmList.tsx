// The side list of the safety map: open alarms newest first, updated as changes arrive over the socket, with the
// acknowledge and handle (处置, with a note) actions of POST /api/safety/alarms/:id/acknowledge and …/handle. A
// click on an alarm opens its monitoring point. A closed-park alarm (issue 8) names its plate, checkpoint or geofence
// and, without an enterprise, "园区"; it has no point to open. For the browser test: each item's data-alarm-id, data-level and
// data-status; a freshly raised alarm has the class safety-alarm-fresh (it flashes).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { App, Button, Empty, Form, Input, Modal, Space, Tag, Typography } from 'antd';
import { alarmSummarySchema } from '@zoneops/shared';
import { api } from '../../../app/api.ts';
import { formatDateTime, formatNumber } from '../../../app/format.ts';
import { useModalForm } from '../../../app/use-modal-form.ts';
import { levelTagColours } from './safety-map-ui.ts';
import type { AlarmSummary } from './types.ts';

type Action = 'acknowledge' | 'handle';

const valueText = (v: number | null, unit: string | null) => (v === null ? null : `${formatNumber(v, 3)}${unit ? ` ${unit}` : ''}`);
const minuteRules: readonly string[] = ['parkedOutside', 'overstay', 'positionLost'];

/** What the alarm is about: the point (tag and name), the device, or the plate with its checkpoint or geofence. */
function subjectOf(t: (key: string, o?: Record<string, unknown>) => string, a: AlarmSummary): string {
  if (a.plate) return [a.plate, a.checkpointName, a.geofenceName].filter(Boolean).join(' · ');
  return [a.pointTag, a.pointName].filter(Boolean).join(' ') || (a.deviceName ? t('safetyLive.list.device', { name: a.deviceName }) : '');
}

export function AlarmItem({
  alarm,
  fresh,
  canHandle,
  onOpen,
  onAction,
}: {
  alarm: AlarmSummary;
  fresh: boolean;
  canHandle: boolean;
  onOpen: (alarm: AlarmSummary) => void;
  onAction: (alarm: AlarmSummary, action: Action) => void;
}) {
  const { t } = useTranslation();
  const what = subjectOf(t, alarm);
  const rule = alarm.rule === 'threshold' && alarm.band ? t(`safetyLive.band.${alarm.band}`) : t(`safetyLive.rule.${alarm.rule}`);
  const unit = alarm.rule === 'overspeed' ? 'km/h' : minuteRules.includes(alarm.rule) ? t('safetyLive.list.minutes') : alarm.unit;
  const value = valueText(alarm.value, unit);
  const threshold = valueText(alarm.threshold, unit);
  return (
    <div
      data-testid="safety-alarm-item"
      data-alarm-id={alarm.id}
      data-level={alarm.level}
      data-status={alarm.status}
      className={fresh ? 'safety-alarm-fresh' : undefined}
      onClick={() => onOpen(alarm)}
      style={{ padding: '8px 12px', borderBottom: '1px solid #f0f0f0', cursor: alarm.pointId || alarm.plate ? 'pointer' : 'default' }}
    >
      <Space size={6} wrap style={{ width: '100%' }}>
        <Tag color={levelTagColours[alarm.level]} style={{ marginInlineEnd: 0 }}>
          {t(`safetyLive.levelShort.${alarm.level}`)}
        </Tag>
        <Typography.Text strong>{alarm.enterpriseName ?? t('safetyLive.list.parkLevel')}</Typography.Text>
        <Typography.Text type="secondary">{formatDateTime(alarm.raisedAt, false)}</Typography.Text>
      </Space>
      <div style={{ marginTop: 4 }}>
        <Typography.Text>
          {what}
          {what ? ' · ' : ''}
          {rule}
        </Typography.Text>
      </div>
      <Space size={8} wrap style={{ marginTop: 2 }}>
        {value && <Typography.Text type="danger">{t('safetyLive.list.value', { value })}</Typography.Text>}
        {threshold && <Typography.Text type="secondary">{t('safetyLive.list.threshold', { value: threshold })}</Typography.Text>}
        {alarm.occurrences > 1 && <Typography.Text type="secondary">{t('safetyLive.list.occurrences', { count: alarm.occurrences })}</Typography.Text>}
        {alarm.clearedAt && <Tag color="green">{t('safetyLive.list.cleared')}</Tag>}
        {alarm.escalation > 0 && <Tag color="volcano">{t('safetyLive.list.escalated', { level: alarm.escalation })}</Tag>}
      </Space>
      <Space size={8} style={{ marginTop: 6, width: '100%', justifyContent: 'space-between' }}>
        <Tag>{t(`safetyLive.status.${alarm.status}`)}</Tag>
        {canHandle && (
          <Space size={4} onClick={(e) => e.stopPropagation()}>
            {alarm.status === 'raised' && (
              <Button size="small" type="primary" data-testid="safety-alarm-acknowledge" onClick={() => onAction(alarm, 'acknowledge')}>
                {t('safetyLive.actions.acknowledge')}
              </Button>
            )}
            {(alarm.status === 'raised' || alarm.status === 'acknowledged') && (
              <Button size="small" data-testid="safety-alarm-handle" onClick={() => onAction(alarm, 'handle')}>
                {t('safetyLive.actions.handle')}
              </Button>
            )}
          </Space>
        )}
      </Space>
    </div>
  );
}

function AlarmActionModal({
  target,
  onClose,
  onDone,
}: {
  target: { alarm: AlarmSummary; action: Action } | null;
  onClose: () => void;
  onDone: (change: string, alarm: AlarmSummary) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const action = target?.action ?? 'acknowledge';
  const { form, modalProps } = useModalForm<{ note?: string }>({
    open: !!target,
    onSubmit: async (v, f) => {
      if (!target) return;
      const note = v.note?.trim() || undefined;
      const answer = await api.post<unknown>(`/api/safety/alarms/${target.alarm.id}/${target.action}`, note === undefined ? {} : { note });
      // the answer is the alarm after the change; the socket brings the same change to every other page
      const parsed = alarmSummarySchema.safeParse(answer);
      if (parsed.success) onDone(target.action === 'acknowledge' ? 'acknowledged' : 'handled', parsed.data);
      f.resetFields();
      void message.success(t(target.action === 'acknowledge' ? 'safetyLive.actions.acknowledged' : 'safetyLive.actions.handled'));
      onClose();
    },
  });
  return (
    <Modal
      {...modalProps}
      title={t(action === 'acknowledge' ? 'safetyLive.actions.acknowledgeTitle' : 'safetyLive.actions.handleTitle')}
      onCancel={onClose}
      data-testid="safety-alarm-action"
    >
      {target && (
        <Typography.Paragraph type="secondary">
          {target.alarm.enterpriseName ?? t('safetyLive.list.parkLevel')} · {subjectOf(t, target.alarm)}
        </Typography.Paragraph>
      )}
      <Form form={form} layout="vertical">
        <Form.Item
          name="note"
          label={t('safetyLive.actions.note')}
          rules={action === 'handle' ? [{ required: true, whitespace: true, message: t('safetyLive.actions.noteRequired') }, { max: 2000 }] : [{ max: 2000 }]}
        >
          <Input.TextArea
            rows={3}
            placeholder={t(action === 'acknowledge' ? 'safetyLive.actions.acknowledgePlaceholder' : 'safetyLive.actions.handlePlaceholder')}
            data-testid="safety-alarm-note"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function AlarmList({
  alarms,
  total,
  freshIds,
  canHandle,
  height,
  onOpen,
  onChanged,
}: {
  alarms: readonly AlarmSummary[];
  total: number;
  freshIds: ReadonlySet<string>;
  canHandle: boolean;
  height: number;
  onOpen: (alarm: AlarmSummary) => void;
  /** An action succeeded: the alarm after it. */
  onChanged: (change: string, alarm: AlarmSummary) => void;
}) {
  const { t } = useTranslation();
  const [target, setTarget] = useState<{ alarm: AlarmSummary; action: Action } | null>(null);
  return (
    <div data-testid="safety-alarm-list" style={{ border: '1px solid #f0f0f0', borderRadius: 4, display: 'flex', flexDirection: 'column', height }}>
      <Space style={{ padding: '8px 12px', borderBottom: '1px solid #f0f0f0', justifyContent: 'space-between' }}>
        <Typography.Text strong>{t('safetyLive.list.title')}</Typography.Text>
        {total > alarms.length && <Typography.Text type="secondary">{t('safetyLive.list.more', { shown: alarms.length, total })}</Typography.Text>}
      </Space>
      <div style={{ overflowY: 'auto', flex: 1 }}>
        {alarms.length ? (
          alarms.map((a) => (
            <AlarmItem
              key={a.id}
              alarm={a}
              fresh={freshIds.has(a.id)}
              canHandle={canHandle}
              onOpen={onOpen}
              onAction={(alarm, action) => setTarget({ alarm, action })}
            />
          ))
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('safetyLive.list.empty')} style={{ marginTop: 48 }} />
        )}
      </div>
      <AlarmActionModal target={target} onClose={() => setTarget(null)} onDone={onChanged} />
    </div>
  );
}
