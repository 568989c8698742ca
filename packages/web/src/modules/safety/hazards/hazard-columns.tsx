// Columns of the hazard table: code and title (linked to the ledger item, where rectification and closure happen),
// enterprise and hazard source, grade, origin, category, day found, deadline (overdue marked), the item's status and light.
import type { TFunction } from 'i18next';
import { Link } from 'react-router';
import { Space, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { SortOrder } from 'antd/es/table/interface';
import type { SafetyHazard } from '@zoneops/shared';
import { LightDot } from '../../ledger/LightBadge.tsx';
import { statusColours } from '../../ledger/ledger-ui.ts';
import { hazardItemPath } from '../alarms/alarm-ui.ts';

export function hazardColumns(t: TFunction, opts: { sortOrder: (field: string) => SortOrder | undefined }): TableColumnsType<SafetyHazard> {
  return [
    {
      title: t('safetyAlarms.hazards.col.title'),
      key: 'title',
      width: 280,
      render: (_, h) => (
        <div>
          <Link to={hazardItemPath(h.itemId)} data-testid={`hazard-link-${h.code}`}>
            {h.title}
          </Link>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {h.code}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    {
      title: t('safetyAlarms.hazards.col.enterprise'),
      key: 'enterprise',
      width: 200,
      render: (_, h) => (
        <div>
          <div>{h.enterpriseName}</div>
          {h.majorHazardName && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {h.majorHazardName}
            </Typography.Text>
          )}
        </div>
      ),
    },
    {
      title: t('safetyAlarms.hazards.col.grade'),
      key: 'grade',
      width: 96,
      sorter: true,
      sortOrder: opts.sortOrder('grade'),
      render: (_, h) => (
        <Tag color={h.grade === 'major' ? 'red' : 'orange'} data-grade={h.grade}>
          {t(`safetyAlarms.grade.${h.grade}`)}
        </Tag>
      ),
    },
    { title: t('safetyAlarms.hazards.col.origin'), key: 'origin', width: 90, render: (_, h) => t(`safetyAlarms.hazards.origin.${h.origin}`) },
    { title: t('safetyAlarms.hazards.col.category'), key: 'category', width: 110, render: (_, h) => h.category ?? '—' },
    { title: t('safetyAlarms.hazards.col.foundOn'), key: 'foundOn', dataIndex: 'foundOn', width: 110, sorter: true, sortOrder: opts.sortOrder('foundOn') },
    {
      title: t('safetyAlarms.hazards.col.deadline'),
      key: 'deadline',
      width: 130,
      sorter: true,
      sortOrder: opts.sortOrder('deadline'),
      render: (_, h) => (
        <Space size={4}>
          <span>{h.deadline}</span>
          {h.overdue && (
            <Tag color="red" data-testid={`hazard-overdue-${h.code}`}>
              {t('safetyAlarms.hazards.overdue')}
            </Tag>
          )}
        </Space>
      ),
    },
    {
      title: t('safetyAlarms.hazards.col.status'),
      key: 'status',
      width: 100,
      sorter: true,
      sortOrder: opts.sortOrder('status'),
      render: (_, h) => <Tag color={statusColours[h.status]}>{t(`ledgerStatus.${h.status}`)}</Tag>,
    },
    {
      title: t('safetyAlarms.hazards.col.light'),
      key: 'light',
      width: 90,
      render: (_, h) => (
        <Space size={6}>
          <LightDot light={h.light} />
          <span>{t(`ledgerLight.${h.light}`)}</span>
        </Space>
      ),
    },
    { title: t('safetyAlarms.hazards.col.leadUnit'), key: 'leadUnit', width: 120, render: (_, h) => h.leadUnitName },
  ];
}
