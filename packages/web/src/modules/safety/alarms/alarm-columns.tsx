// Columns of the alarm table: level, status, type, point (or device, or a vehicle's plate with its checkpoint or
// geofence), enterprise ("园区" for a park-level alarm), value against its limit, raised and back-to-normal times,
// escalation, and the row's actions.
import type { ReactNode } from 'react';
import type { TFunction } from 'i18next';
import { Badge, Space, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { SortOrder } from 'antd/es/table/interface';
import type { AlarmSummary } from '@zoneops/shared';
import { formatDateTime } from '../../../app/format.ts';
import { AlarmStatusTag, LevelTag } from './AlarmTags.tsx';
import { enterpriseText, placeText, subjectText, valueText } from './alarm-ui.ts';

export function alarmColumns(
  t: TFunction,
  opts: { sortOrder: (field: string) => SortOrder | undefined; onOpen: (a: AlarmSummary) => void; actions: (a: AlarmSummary) => ReactNode },
): TableColumnsType<AlarmSummary> {
  return [
    {
      title: t('safetyAlarms.col.level'),
      key: 'level',
      width: 76,
      sorter: true,
      sortOrder: opts.sortOrder('level'),
      render: (_, a) => <LevelTag level={a.level} />,
    },
    {
      title: t('safetyAlarms.col.status'),
      key: 'status',
      width: 120,
      sorter: true,
      sortOrder: opts.sortOrder('status'),
      render: (_, a) => (
        <Space size={4}>
          <AlarmStatusTag status={a.status} />
          {a.closedAt === null && (
            <Tooltip title={t(a.clearedAt ? 'safetyAlarms.conditionCleared' : 'safetyAlarms.conditionActive')}>
              <Badge status={a.clearedAt ? 'success' : 'error'} data-testid={`alarm-condition-${a.clearedAt ? 'cleared' : 'active'}`} />
            </Tooltip>
          )}
        </Space>
      ),
    },
    { title: t('safetyAlarms.col.rule'), key: 'rule', width: 96, render: (_, a) => t(`safetyAlarms.rule.${a.rule}`) },
    {
      title: t('safetyAlarms.col.point'),
      key: 'point',
      width: 200,
      render: (_, a) => (
        <div>
          <Typography.Link onClick={() => opts.onOpen(a)} data-testid={`alarm-open-${a.id}`}>
            {subjectText(a)}
          </Typography.Link>
          {placeText(a) && (
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {placeText(a)}
              </Typography.Text>
            </div>
          )}
        </div>
      ),
    },
    {
      title: t('safetyAlarms.col.enterprise'),
      key: 'enterprise',
      width: 200,
      render: (_, a) => (
        <div>
          <div>{a.enterpriseName ?? <Typography.Text type="secondary">{enterpriseText(t, a)}</Typography.Text>}</div>
          {a.majorHazardName && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {a.majorHazardName}
            </Typography.Text>
          )}
        </div>
      ),
    },
    {
      title: t('safetyAlarms.col.value'),
      key: 'value',
      width: 150,
      render: (_, a) => (
        <Space size={4}>
          <span>{valueText(t, a)}</span>
          {a.band && <Tag bordered={false}>{t(`safetyAlarms.band.${a.band}`)}</Tag>}
        </Space>
      ),
    },
    {
      title: t('safetyAlarms.col.raisedAt'),
      key: 'raisedAt',
      width: 150,
      sorter: true,
      sortOrder: opts.sortOrder('raisedAt'),
      render: (_, a) => (
        <div>
          <div>{formatDateTime(a.raisedAt, false)}</div>
          {a.occurrences > 1 && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('safetyAlarms.detail.occurrences', { count: a.occurrences })}
            </Typography.Text>
          )}
        </div>
      ),
    },
    { title: t('safetyAlarms.col.clearedAt'), key: 'clearedAt', width: 140, render: (_, a) => formatDateTime(a.clearedAt, false) },
    {
      title: t('safetyAlarms.col.escalation'),
      key: 'escalation',
      width: 120,
      render: (_, a) => (a.escalation ? <Tag color={a.escalation > 1 ? 'volcano' : 'gold'}>{t(`safetyAlarms.escalation.stage${a.escalation}`)}</Tag> : '—'),
    },
    { title: t('common.actions'), key: 'actions', width: 210, fixed: 'right', render: (_, a) => opts.actions(a) },
  ];
}
