// Columns of the project ledger in the layout of the offices' own sheet: 序号, name (focus projects flagged), stage,
// light with its reasons, owner, responsible unit, total, annual plan, completed this year, rate, planned dates.
import type { TFunction } from 'i18next';
import { Link } from 'react-router';
import { Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { StarFilled } from '@ant-design/icons';
import type { Project } from '@zoneops/shared';
import { formatPercent, formatWan } from './format.ts';
import { ProjectLight } from './ProjectLight.tsx';
import { stageColours } from './project-ui.ts';

export const projectPath = (p: Pick<Project, 'id'>) => `/projects/${p.id}`;

const W = { seq: 56, name: 240, stage: 76, light: 150, owner: 150, lead: 130, total: 120, plan: 116, done: 116, rate: 84, start: 100, end: 100 };
export const projectColumnsWidth = Object.values(W).reduce((a, b) => a + b, 0);

const amount = (s: string) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatWan(s)}</span>;

export function StageTag({ stage, t }: { stage: Project['stage']; t: TFunction }) {
  return (
    <Tag color={stageColours[stage]} style={{ marginInlineEnd: 0 }} data-stage={stage}>
      {t(`projects.stage.${stage}`)}
    </Tag>
  );
}

export function projectColumns(t: TFunction, sortOrder: (field: string) => 'ascend' | 'descend' | null, offset: number): TableColumnsType<Project> {
  return [
    { title: t('projects.col.seq'), key: 'seq', width: W.seq, align: 'center', fixed: 'left', render: (_, __, i) => offset + i + 1 },
    {
      title: t('projects.col.name'),
      key: 'name',
      dataIndex: 'name',
      sorter: true,
      sortOrder: sortOrder('name'),
      fixed: 'left',
      width: W.name,
      render: (_, p) => (
        <div style={{ display: 'flex', alignItems: 'center', gap: 4, width: W.name - 16 }}>
          {p.focus && (
            <Tooltip title={t('projects.focusTip')}>
              <Tag color="gold" icon={<StarFilled />} style={{ flex: 'none', marginInlineEnd: 0 }} data-testid="project-focus">
                {t('projects.focus')}
              </Tag>
            </Tooltip>
          )}
          <Link to={projectPath(p)} style={{ minWidth: 0 }} data-testid={`project-link-${p.id}`}>
            <Typography.Text style={{ color: 'inherit', display: 'block' }} ellipsis={{ tooltip: p.code ? `${p.code} · ${p.name}` : p.name }}>
              {p.name}
            </Typography.Text>
          </Link>
        </div>
      ),
    },
    {
      title: t('projects.col.stage'),
      key: 'stage',
      sorter: true,
      sortOrder: sortOrder('stage'),
      width: W.stage,
      render: (_, p) => <StageTag stage={p.stage} t={t} />,
    },
    {
      title: t('projects.col.light'),
      key: 'light',
      sorter: true,
      sortOrder: sortOrder('light'),
      width: W.light,
      render: (_, p) => <ProjectLight light={p.light} reasons={p.lightReasons} maxWidth={W.light - 16} testId={`project-light-${p.id}`} />,
    },
    {
      title: t('projects.col.owner'),
      dataIndex: 'ownerName',
      key: 'owner',
      width: W.owner,
      render: (v: string) => (
        <Typography.Text ellipsis={{ tooltip: v }} style={{ maxWidth: W.owner - 16 }}>
          {v}
        </Typography.Text>
      ),
    },
    {
      title: t('projects.col.leadUnit'),
      dataIndex: 'leadUnitName',
      key: 'leadUnit',
      width: W.lead,
      render: (v: string) => (
        <Typography.Text ellipsis={{ tooltip: v }} style={{ maxWidth: W.lead - 16 }}>
          {v}
        </Typography.Text>
      ),
    },
    {
      title: t('projects.col.total'),
      dataIndex: 'totalInvestment',
      key: 'totalInvestment',
      sorter: true,
      sortOrder: sortOrder('totalInvestment'),
      align: 'right',
      width: W.total,
      render: amount,
    },
    { title: t('projects.col.annualPlan'), dataIndex: 'annualPlan', key: 'annualPlan', align: 'right', width: W.plan, render: amount },
    {
      title: t('projects.col.ytdCompleted'),
      dataIndex: 'ytdCompleted',
      key: 'ytdCompleted',
      sorter: true,
      sortOrder: sortOrder('ytdCompleted'),
      align: 'right',
      width: W.done,
      render: amount,
    },
    {
      title: t('projects.col.annualPercent'),
      dataIndex: 'annualPercent',
      key: 'annualPercent',
      sorter: true,
      sortOrder: sortOrder('annualPercent'),
      align: 'right',
      width: W.rate,
      render: (v: number | null) => formatPercent(v),
    },
    {
      title: t('projects.col.plannedStart'),
      dataIndex: 'plannedStartOn',
      key: 'plannedStartOn',
      sorter: true,
      sortOrder: sortOrder('plannedStartOn'),
      width: W.start,
      render: (v: string | null) => v ?? '—',
    },
    {
      title: t('projects.col.plannedCompletion'),
      dataIndex: 'plannedCompletionOn',
      key: 'plannedCompletion',
      width: W.end,
      render: (v: string | null) => v ?? '—',
    },
  ];
}
