// 经济运行: the zone's key indicators of the latest month with approved figures, each with its value, growth (green
// when ≥ 0, red below), rank among the city's districts (ties stated), target state and threshold alert; the
// summary line above them.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Empty, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import type { Cockpit } from '@zoneops/shared';
import { formatValue, monthTitle } from '../../economy/economy-ui.ts';
import { BAD, formatGrowth, GOOD, growthColour, langOf, rankOf, summaryParts, targetState, type CockpitIndicator } from '../cockpit-ui.ts';
import { Compact, TileCard } from './TileCard.tsx';

export function TargetCell({ target }: { target: CockpitIndicator['target'] }) {
  const { t, i18n } = useTranslation();
  const s = targetState(target, langOf(i18n.language));
  if (!s) return <Typography.Text type="secondary">{t('cockpit.economy.target.none')}</Typography.Text>;
  const text =
    s.kind === 'value'
      ? t('cockpit.economy.target.completion', { percent: s.completion })
      : s.side === 'equal'
        ? t('cockpit.economy.target.equal')
        : t(`cockpit.economy.target.${s.side}`, { points: s.points });
  return (
    <Tooltip title={t(s.met ? 'cockpit.economy.target.met' : 'cockpit.economy.target.notMet')}>
      <span style={{ color: s.met ? GOOD : BAD, whiteSpace: 'nowrap' }} data-met={s.met}>
        {text}
      </span>
    </Tooltip>
  );
}

export function EconomyTile({ economy }: { economy: NonNullable<Cockpit['economy']> }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const sep = t('cockpit.economy.summary.separator');
  const parts = summaryParts(economy.summary);

  const columns: TableColumnsType<CockpitIndicator> = [
    {
      key: 'name',
      title: t('cockpit.economy.col.name'),
      render: (_: unknown, r) => {
        const name = lang === 'en' ? r.nameEn : r.nameZh;
        return (
          <span style={{ display: 'flex', alignItems: 'center', gap: 6, maxWidth: lang === 'en' ? 150 : 220 }}>
            <Tooltip title={`${name} · ${r.periodLabel}`}>
              <Link to={`/economy/indicators/${r.id}`} style={{ minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
                {name}
              </Link>
            </Tooltip>
            {(r.threshold === 'alert' || r.threshold === 'excellent') && (
              <Tag
                color={r.threshold === 'alert' ? 'red' : 'gold'}
                style={{ flex: 'none', marginInlineEnd: 0, fontSize: 11, lineHeight: '16px', paddingInline: 4 }}
                data-testid={`economy-threshold-${r.code}`}
              >
                {t(`cockpit.economy.threshold.${r.threshold}`)}
              </Tag>
            )}
          </span>
        );
      },
    },
    {
      key: 'value',
      title: t('cockpit.economy.col.value'),
      align: 'right',
      render: (_: unknown, r) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          <span data-testid={`economy-value-${r.code}`}>{formatValue(r.value)}</span>
          {r.value !== null && (
            <Typography.Text type="secondary" style={{ fontSize: 11, marginInlineStart: 4 }}>
              {lang === 'en' ? r.unitEn : r.unit}
            </Typography.Text>
          )}
        </span>
      ),
    },
    {
      key: 'growth',
      title: t('cockpit.economy.col.growth'),
      align: 'right',
      render: (_: unknown, r) => (
        <span style={{ color: growthColour(r.growth), fontWeight: 600, whiteSpace: 'nowrap' }} data-testid={`economy-growth-${r.code}`}>
          {formatGrowth(r.growth, lang)}
        </span>
      ),
    },
    {
      key: 'rank',
      title: t('cockpit.economy.col.rank'),
      align: 'center',
      render: (_: unknown, r) => {
        const rank = rankOf(r.rank);
        if (!rank) return <Typography.Text type="secondary">{t('cockpit.economy.notRanked')}</Typography.Text>;
        return (
          <span style={{ whiteSpace: 'nowrap' }} data-testid={`economy-rank-${r.code}`}>
            <Typography.Text strong={rank.rank <= 2} style={{ color: rank.rank === 1 ? '#cf1322' : rank.rank === 2 ? '#d46b08' : undefined }}>
              {rank.text}
            </Typography.Text>
            {rank.tied && (
              <Tag color="gold" style={{ marginInlineStart: 4, marginInlineEnd: 0 }} data-testid="economy-tied">
                {t('cockpit.economy.tied')}
              </Tag>
            )}
          </span>
        );
      },
    },
    { key: 'target', title: t('cockpit.economy.col.target'), render: (_: unknown, r) => <TargetCell target={r.target} /> },
  ];

  if (!economy.month) {
    return (
      <TileCard tile="economy">
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cockpit.economy.noMonth')} />
      </TileCard>
    );
  }
  return (
    <TileCard tile="economy" extra={<Typography.Text type="secondary">{monthTitle(economy.month, lang)}</Typography.Text>}>
      <div style={{ marginBottom: 8 }} data-testid="economy-summary">
        {parts.length === 0 ? (
          <Typography.Text type="secondary">{t('cockpit.economy.summary.nothing')}</Typography.Text>
        ) : (
          parts.map((p, i) => (
            <Typography.Text key={p.part} type={p.part === 'belowTarget' || p.part === 'alert' ? 'danger' : undefined} strong={p.part === 'first'}>
              {t(`cockpit.economy.summary.${p.part}`, { n: p.n })}
              {i < parts.length - 1 ? sep : ''}
            </Typography.Text>
          ))
        )}
      </div>
      <Compact>
        <Table<CockpitIndicator>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={economy.indicators}
          pagination={false}
          scroll={{ x: 'max-content' }}
          data-testid="economy-indicators"
        />
      </Compact>
    </TileCard>
  );
}
