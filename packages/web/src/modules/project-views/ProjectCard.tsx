// The project card of the battle map (GET /api/projects/:id): stage, light and reasons, owner, lead unit, linked
// leaders, investment, the next open milestones, and a link to the project's page.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Button, Descriptions, Drawer, Empty, Progress, Space, Spin, Tag, Tooltip, Typography } from 'antd';
import { useApiGet } from '../../app/use-api.ts';
import { ProjectLightBadge } from './ProjectLight.tsx';
import type { ProjectDetail } from './types.ts';
import { cellColours, cellState, formatPercent, formatWan, formatYi, langOf, nextOpenMilestones } from './views-ui.ts';

export function ProjectCard({ projectId, onClose }: { projectId: string | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const english = langOf(i18n.language) === 'en';
  const { data, loading, error } = useApiGet<ProjectDetail>(projectId ? `/api/projects/${projectId}` : null);
  const p = data && data.id === projectId ? data : undefined;
  const open = p ? nextOpenMilestones(p.milestones, 3) : [];
  const wan = (s: string) => t('projectViews.card.wanTip', { amount: formatWan(s) });
  const yi = (s: string) => (
    <Tooltip title={wan(s)}>
      <span>{t('projectViews.yiAmount', { amount: formatYi(s) })}</span>
    </Tooltip>
  );

  return (
    <Drawer
      open={!!projectId}
      onClose={onClose}
      size={440}
      title={p?.name ?? t('projectViews.card.title')}
      extra={
        projectId && (
          <Link to={`/projects/${projectId}`}>
            <Button type="primary" size="small" data-testid="project-card-open">
              {t('projectViews.card.open')}
            </Button>
          </Link>
        )
      }
      data-testid="project-card"
    >
      <Spin spinning={loading}>
        {!p ? (
          !loading && error ? (
            <Empty description={t('projectViews.card.failed')} />
          ) : (
            <div style={{ minHeight: 200 }} />
          )
        ) : (
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Space size={8} wrap>
              <Tag color="blue">{t(`projectViews.stage.${p.stage}`)}</Tag>
              {p.focus && <Tag color="red">{t('projectViews.card.focus')}</Tag>}
              {p.code && <Typography.Text type="secondary">{p.code}</Typography.Text>}
            </Space>
            <ProjectLightBadge light={p.light} reasons={p.lightReasons} all />
            <Descriptions column={1} size="small" bordered styles={{ label: { width: 120 } }}>
              <Descriptions.Item label={t('projectViews.card.owner')}>{p.ownerName || '—'}</Descriptions.Item>
              <Descriptions.Item label={t('projectViews.card.leadUnit')}>{p.leadUnitName || '—'}</Descriptions.Item>
              <Descriptions.Item label={t('projectViews.card.leaders')}>
                {p.leaders.length
                  ? p.leaders.map((l) => `${l.name}（${t(`projectViews.leaderLevel.${l.level}`)}）`).join(t('projectViews.listSeparator'))
                  : p.leaderNames.join(t('projectViews.listSeparator')) || '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('projectViews.card.totalInvestment')}>{yi(p.totalInvestment)}</Descriptions.Item>
              <Descriptions.Item label={t('projectViews.card.annual', { year: p.planYear })}>
                <Space orientation="vertical" size={2} style={{ width: '100%' }}>
                  <span>
                    {yi(p.ytdCompleted)} / {yi(p.annualPlan)}
                  </span>
                  <Progress
                    percent={Math.min(100, Math.max(0, p.annualPercent ?? 0))}
                    size="small"
                    format={() => formatPercent(p.annualPercent)}
                    status={p.light === 'red' ? 'exception' : 'normal'}
                  />
                </Space>
              </Descriptions.Item>
              {p.lastApprovedPeriod && <Descriptions.Item label={t('projectViews.card.lastPeriod')}>{p.lastApprovedPeriod}</Descriptions.Item>}
              {p.openBlockers > 0 && (
                <Descriptions.Item label={t('projectViews.card.blockers')}>
                  <Typography.Text type="danger">{p.openBlockers}</Typography.Text>
                </Descriptions.Item>
              )}
            </Descriptions>
            <div>
              <Typography.Title level={5} style={{ marginTop: 0 }}>
                {t('projectViews.card.nextMilestones')}
              </Typography.Title>
              {open.length === 0 ? (
                <Typography.Text type="secondary">{t('projectViews.card.noOpenMilestones')}</Typography.Text>
              ) : (
                open.map((m) => {
                  const state = cellState(m);
                  return (
                    <div
                      key={m.code}
                      style={{ display: 'flex', justifyContent: 'space-between', gap: 12, padding: '6px 0', borderBottom: '1px solid #f0f0f0' }}
                    >
                      <span>{english ? m.nameEn : m.name}</span>
                      <Typography.Text style={{ color: cellColours[state].text, whiteSpace: 'nowrap' }}>
                        {m.plannedOn ?? t('projectViews.board.unplanned')}
                        {state === 'overdue' && m.overdueDays ? ` · ${t('projectViews.board.overdueDays', { days: m.overdueDays })}` : ''}
                      </Typography.Text>
                    </div>
                  );
                })
              )}
            </div>
          </Space>
        )}
      </Spin>
    </Drawer>
  );
}
