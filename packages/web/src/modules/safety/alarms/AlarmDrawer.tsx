// The detail of one alarm in a drawer (GET /api/safety/alarms/:id): what and where, value against limit and peak, who
// acknowledged, handled and closed it with their notes, the hazard source's responsible persons, the hazard opened
// from it, and the timeline; with the actions the answer allows. A closed-park alarm shows its plate, checkpoint or
// geofence, position and the failed gate checks.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Alert, Descriptions, Drawer, Empty, Space, Tag, Timeline, Typography } from 'antd';
import type { SafetyAlarmDetail } from '@zoneops/shared';
import { formatDateTime } from '../../../app/format.ts';
import { useApiGet } from '../../../app/use-api.ts';
import { AlarmActionButtons, type AlarmAction } from './AlarmActions.tsx';
import { AlarmStatusTag, LevelTag } from './AlarmTags.tsx';
import {
  enterpriseText,
  eventText,
  findingsOf,
  formatReading,
  hazardItemPath,
  levelHex,
  personalNote,
  placeText,
  positionText,
  subjectText,
  valueText,
} from './alarm-ui.ts';

export function AlarmDetailView({ alarm, onAction }: { alarm: SafetyAlarmDetail; onAction: (action: AlarmAction) => void }) {
  const { t } = useTranslation();
  const can = { acknowledge: alarm.can.acknowledge, handle: alarm.can.handle, close: alarm.can.close, hazard: alarm.can.openHazard };
  const findings = findingsOf(alarm);
  const position = positionText(alarm);
  const who = (name: string | null, at: string | null) => (at ? `${name ?? t('safetyAlarms.detail.system')} · ${formatDateTime(at, false)}` : '—');
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="alarm-detail">
      <Space wrap>
        <LevelTag level={alarm.level} />
        <AlarmStatusTag status={alarm.status} />
        <Tag>{t(`safetyAlarms.rule.${alarm.rule}`)}</Tag>
        {alarm.escalation > 0 && <Tag color="volcano">{t(`safetyAlarms.escalation.stage${alarm.escalation}`)}</Tag>}
      </Space>
      <AlarmActionButtons alarm={alarm} can={can} onAction={(action) => onAction(action)} size="middle" />
      {alarm.status !== 'closed' && !alarm.clearedAt && (
        <Alert type="warning" showIcon title={t('safetyAlarms.detail.conditionHolds')} data-testid="alarm-condition-holds" />
      )}
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={t(alarm.plate ? 'safetyAlarms.col.plate' : 'safetyAlarms.col.point')}>{subjectText(alarm)}</Descriptions.Item>
        {placeText(alarm) && <Descriptions.Item label={t('safetyAlarms.col.place')}>{placeText(alarm)}</Descriptions.Item>}
        {position && <Descriptions.Item label={t('safetyAlarms.col.position')}>{position}</Descriptions.Item>}
        <Descriptions.Item label={t('safetyAlarms.col.enterprise')}>{enterpriseText(t, alarm)}</Descriptions.Item>
        {findings.length > 0 && (
          <Descriptions.Item label={t('safetyAlarms.detail.findings')}>
            <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid="alarm-findings">
              {findings.map((f) => (
                <li key={f.code}>{f.message}</li>
              ))}
            </ul>
          </Descriptions.Item>
        )}
        {alarm.majorHazardName && <Descriptions.Item label={t('safetyAlarms.col.majorHazard')}>{alarm.majorHazardName}</Descriptions.Item>}
        {alarm.deviceName && <Descriptions.Item label={t('safetyAlarms.col.device')}>{alarm.deviceName}</Descriptions.Item>}
        <Descriptions.Item label={t('safetyAlarms.col.value')}>
          {valueText(t, alarm)}
          {alarm.band ? ` · ${t(`safetyAlarms.band.${alarm.band}`)}` : ''}
        </Descriptions.Item>
        {alarm.peakValue !== null && <Descriptions.Item label={t('safetyAlarms.col.peak')}>{formatReading(alarm.peakValue)}</Descriptions.Item>}
        <Descriptions.Item label={t('safetyAlarms.col.raisedAt')}>
          {formatDateTime(alarm.raisedAt)}
          {alarm.occurrences > 1 ? ` · ${t('safetyAlarms.detail.occurrences', { count: alarm.occurrences })}` : ''}
        </Descriptions.Item>
        <Descriptions.Item label={t('safetyAlarms.col.clearedAt')}>{formatDateTime(alarm.clearedAt)}</Descriptions.Item>
        <Descriptions.Item label={t('safetyAlarms.detail.acknowledgedBy')}>{who(alarm.acknowledgedByName, alarm.acknowledgedAt)}</Descriptions.Item>
        <Descriptions.Item label={t('safetyAlarms.detail.handledBy')}>
          {who(alarm.handledByName, alarm.handledAt)}
          {alarm.handleNote && <div data-testid="alarm-handle-note">{alarm.handleNote}</div>}
        </Descriptions.Item>
        <Descriptions.Item label={t('safetyAlarms.detail.closedBy')}>
          {who(alarm.closedByName, alarm.closedAt)}
          {alarm.closeNote && <div>{alarm.closeNote}</div>}
        </Descriptions.Item>
        {alarm.hazardItemId && (
          <Descriptions.Item label={t('safetyAlarms.detail.hazard')}>
            <Link to={hazardItemPath(alarm.hazardItemId)} data-testid="alarm-hazard-link">
              {t('safetyAlarms.detail.openHazardItem', { code: alarm.hazardItemCode ?? '' })}
            </Link>
          </Descriptions.Item>
        )}
      </Descriptions>
      {alarm.responsible.length > 0 && (
        <Descriptions size="small" column={1} title={t('safetyAlarms.detail.responsible')} data-testid="alarm-responsible">
          {alarm.responsible.map((r) => (
            <Descriptions.Item key={r.role} label={t(`safetyAlarms.detail.roles.${r.role}`)}>
              {r.name}
              {r.phone ? ` ${r.phone}` : ''}
            </Descriptions.Item>
          ))}
        </Descriptions>
      )}
      <div>
        <Typography.Title level={5}>{t('safetyAlarms.detail.timeline')}</Typography.Title>
        <Timeline
          data-testid="alarm-timeline"
          items={alarm.events.map((e) => ({
            key: e.id,
            color: e.level ? levelHex[e.level] : 'gray',
            content: (
              <div>
                <Typography.Text strong>{eventText(t, e)}</Typography.Text>
                {e.value !== null && e.kind !== 'escalated' && <Typography.Text type="secondary">{` · ${formatReading(e.value)}`}</Typography.Text>}
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatDateTime(e.at)} · {e.byName ?? t('safetyAlarms.detail.system')}
                  </Typography.Text>
                </div>
                {personalNote(e) && <div>{personalNote(e)}</div>}
              </div>
            ),
          }))}
        />
      </div>
    </Space>
  );
}

export function AlarmDrawer({
  alarmId,
  version,
  onClose,
  onAction,
}: {
  alarmId: string | null;
  /** Changes after an action so that the detail loads again. */
  version: number;
  onClose: () => void;
  onAction: (action: AlarmAction, alarm: SafetyAlarmDetail) => void;
}) {
  const { t } = useTranslation();
  const { data, error } = useApiGet<SafetyAlarmDetail>(alarmId ? `/api/safety/alarms/${alarmId}` : null, { v: version });
  const alarm = data && data.id === alarmId ? data : undefined;
  return (
    <Drawer open={!!alarmId} onClose={onClose} size={560} title={t('safetyAlarms.detail.title')} destroyOnHidden data-testid="alarm-drawer">
      {alarm ? <AlarmDetailView alarm={alarm} onAction={(action) => onAction(action, alarm)} /> : error ? <Empty /> : null}
    </Drawer>
  );
}
