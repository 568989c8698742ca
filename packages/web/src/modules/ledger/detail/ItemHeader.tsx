// The head of an item: code and title, light with every reason, status as steps over the life of an item, deadline,
// progress, the people and units, and the seven timestamps (DOMAIN §3).
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Card, Descriptions, Flex, Progress, Space, Steps, Tag, Tooltip, Typography } from 'antd';
import { StarFilled } from '@ant-design/icons';
import { ledgerTimestamps } from '@zoneops/shared';
import type { ItemDetail } from '../../../app/contract.ts';
import { formatDateTime } from '../../../app/format.ts';
import { LightBadge } from '../LightBadge.tsx';
import { daysBetween, isWorking, statusColours, statusSteps, stepIndex } from '../ledger-ui.ts';

/** Which step records which timestamp. */
const stampOfStep: Partial<Record<(typeof statusSteps)[number], (typeof ledgerTimestamps)[number]>> = {
  assigned: 'assignedAt',
  accepted: 'acceptedAt',
  inProgress: 'startedAt',
  reported: 'reportedAt',
  notice: 'completedAt',
  closed: 'closedAt',
};

export function ItemHeader({ detail, today, listPath }: { detail: ItemDetail; today: string; listPath: string }) {
  const { t } = useTranslation();
  const { item, ledger } = detail;
  const open = isWorking(item.status);
  const days = daysBetween(today, item.deadline);
  const deadlineNote = !open ? null : days < 0 ? t('ledger.overdueDays', { days: -days }) : days === 0 ? t('ledger.dueToday') : t('ledger.daysLeft', { days });
  const current = stepIndex(item.status);
  const rectification = item.ledgerKind === 'rectification';

  return (
    <Card size="small" data-testid="item-header">
      <Flex justify="space-between" align="start" gap={16} wrap>
        <div style={{ minWidth: 0, flex: 1 }}>
          <Space size={8} wrap style={{ marginBottom: 4 }}>
            <Tag color="#1b4d89" style={{ fontFamily: 'monospace' }} data-testid="item-code">
              {item.code}
            </Tag>
            <Link to={`${listPath}`}>{ledger.name}</Link>
            <Tag>{t(`ledgerSource.${item.source}`)}</Tag>
            {item.priority !== 'normal' && <Tag color={item.priority === 'urgent' ? 'red' : 'orange'}>{t(`ledgerPriority.${item.priority}`)}</Tag>}
            {item.focus && (
              <Tag icon={<StarFilled />} color="gold">
                {t('ledger.focus')}
              </Tag>
            )}
            {item.longTerm && <Tag color="lime">{t('ledger.longTerm')}</Tag>}
            {item.parentId && <Link to={`${listPath}/items/${item.parentId}`}>{t('ledger.sub.parent')}</Link>}
          </Space>
          <Typography.Title level={4} style={{ margin: '2px 0 8px' }} data-testid="item-title">
            {item.title}
          </Typography.Title>
          <LightBadge light={item.light} reasons={item.lightReasons} all testId="item-light" />
        </div>
        <Flex gap={24} align="center" wrap>
          <div>
            <Typography.Text type="secondary">{t('ledger.col.status')}</Typography.Text>
            <div>
              <Tag color={statusColours[item.status]} style={{ fontSize: 14, padding: '2px 10px' }} data-testid="item-status" data-status={item.status}>
                {t(`ledgerStatus.${item.status}`)}
              </Tag>
            </div>
            {item.status === 'notice' && item.noticeEndsOn && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="item-notice-ends">
                {t('ledger.noticeUntil', { date: item.noticeEndsOn })}
              </Typography.Text>
            )}
            {item.status === 'signoff' && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('ledger.signoffProgress', { done: item.signoffDone, of: ledger.signoffLevels })}
              </Typography.Text>
            )}
          </div>
          <div>
            <Typography.Text type="secondary">{t('ledger.col.deadline')}</Typography.Text>
            <div data-testid="item-deadline" data-deadline={item.deadline}>
              <Typography.Text strong style={{ fontSize: 16 }}>
                {item.deadline}
              </Typography.Text>{' '}
              {deadlineNote && (
                <Typography.Text type={days < 0 ? 'danger' : days <= ledger.yellowDays ? 'warning' : 'secondary'}>{deadlineNote}</Typography.Text>
              )}
            </div>
          </div>
          <div style={{ width: 180 }}>
            <Typography.Text type="secondary">{t('ledger.col.progress')}</Typography.Text>
            <Progress
              percent={item.progress}
              format={(p) => `${p}%`}
              status={item.light === 'red' && open ? 'exception' : item.progress >= 100 ? 'success' : 'normal'}
              data-testid="item-progress-bar"
            />
          </div>
        </Flex>
      </Flex>

      <Steps
        size="small"
        current={current}
        status={item.status === 'closed' || item.status === 'ongoing' ? 'finish' : 'process'}
        style={{ margin: '16px 0 8px' }}
        items={statusSteps.map((s) => {
          const stamp = stampOfStep[s];
          const at = stamp ? item[stamp] : null;
          return {
            title:
              s === 'closed' && item.status === 'ongoing'
                ? t('ledgerStatus.ongoing')
                : s === 'closed' && rectification
                  ? t('ledger.closedOn')
                  : t(`ledgerStatus.${s}`),
            content: at ? (
              <span style={{ fontSize: 12 }}>{formatDateTime(at, false)}</span>
            ) : s === 'signoff' && item.status === 'signoff' ? (
              t('ledger.signoffProgress', { done: item.signoffDone, of: ledger.signoffLevels })
            ) : s === 'notice' && item.noticeEndsOn ? (
              t('ledger.noticeUntil', { date: item.noticeEndsOn })
            ) : undefined,
          };
        })}
        data-testid="item-steps"
      />

      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, lg: 4 }}
        style={{ marginTop: 8 }}
        items={[
          { key: 'lead', label: t('ledger.col.leadUnit'), children: item.leadUnitName },
          { key: 'co', label: t('ledger.col.coUnits'), children: item.coUnits.length ? item.coUnits.map((u) => u.name).join(t('common.listSeparator')) : '—' },
          { key: 'owner', label: t('ledger.col.owner'), children: item.ownerName ?? '—' },
          { key: 'leader', label: t('ledger.form.leader'), children: item.leaderName ?? '—' },
          { key: 'frequency', label: t('ledger.form.frequency'), children: t(`ledgerFrequency.${item.frequency}`) },
          ...(rectification
            ? [{ key: 'class', label: t('ledger.col.deadlineClass'), children: item.deadlineClass ? t(`deadlineClass.${item.deadlineClass}`) : '—' }]
            : []),
          ...(item.sourceDoc ? [{ key: 'doc', label: t('ledger.ledgerForm.sourceDoc'), children: item.sourceDoc }] : []),
          ...(item.weight !== null ? [{ key: 'weight', label: t('ledger.sub.weight'), children: item.weight }] : []),
          {
            key: 'roles',
            label: t('ledger.myRoles'),
            children: detail.myRoles.length ? detail.myRoles.map((r) => <Tag key={r}>{t(`ledgerRole.${r}`)}</Tag>) : t('ledger.readOnly'),
          },
        ]}
      />
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, lg: 4, xl: 7 }}
        layout="vertical"
        colon={false}
        style={{ marginTop: 8, background: '#fafbfc', padding: '8px 12px', borderRadius: 6 }}
        data-testid="item-timestamps"
        items={ledgerTimestamps.map((k) => ({
          key: k,
          label: <Typography.Text type="secondary">{t(`ledger.timestamps.${k}`)}</Typography.Text>,
          children: item[k] ? (
            <Tooltip title={formatDateTime(item[k])}>
              <span>{formatDateTime(item[k], false)}</span>
            </Tooltip>
          ) : (
            <Typography.Text type="secondary">—</Typography.Text>
          ),
        }))}
      />
    </Card>
  );
}
