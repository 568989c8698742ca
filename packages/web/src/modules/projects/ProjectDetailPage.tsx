// One key project (/projects/:id): its head with the light and the key figures, the actions the server allows this
// user (detail.can), and tabs (in the URL, ?tab=): basic facts, milestone plan, investment reports, blockers, stage
// history, progress photos.
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { App, Button, Card, Space, Tabs, Tooltip } from 'antd';
import { ArrowLeftOutlined, ReloadOutlined } from '@ant-design/icons';
import type { ProjectDetail } from '@zoneops/shared';
import { isApiError } from '../../app/api.ts';
import { NotFound, PageLoading } from '../../app/results.tsx';
import { useApiGet } from '../../app/use-api.ts';
import { Blockers } from './detail/Blockers.tsx';
import { Milestones } from './detail/Milestones.tsx';
import { Photos } from './detail/Photos.tsx';
import { ProjectHeader } from './detail/ProjectHeader.tsx';
import { ProjectInfo } from './detail/ProjectInfo.tsx';
import { BlockerModal, PlanModal, StageModal } from './detail/ProjectModals.tsx';
import { StageHistory } from './detail/StageHistory.tsx';
import { ProjectFormModal } from './ProjectFormModal.tsx';
import { tabOf } from './project-ui.ts';
import { InvestmentTab } from './reports/InvestmentTab.tsx';

const TABS = ['info', 'milestones', 'investment', 'blockers', 'stages', 'photos'] as const;
type Tab = (typeof TABS)[number];
type Dialog = 'edit' | 'stage' | 'plan' | 'blocker' | null;

function ProjectView({ project, reload, replace }: { project: ProjectDetail; reload: () => void; replace: (next: ProjectDetail) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const [dialog, setDialog] = useState<Dialog>(null);
  // bumped to reload the blockers after one is raised or on refresh
  const [blockersVersion, setBlockersVersion] = useState(0);
  const tab = tabOf<Tab>(params.get('tab'), TABS);
  const { can } = project;
  // a plan is generated again only while no node is done (the server answers CONFLICT otherwise)
  const started = project.milestones.some((m) => !!m.actualOn);
  const close = () => setDialog(null);
  const saved = (text: string) => (next: ProjectDetail) => {
    replace(next);
    setDialog(null);
    void message.success(text);
  };
  const openTab = (key: string) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      if (key === TABS[0]) next.delete('tab');
      else next.set('tab', key);
      return next;
    });

  const actions = (
    <>
      <Link to="/projects">
        <Button icon={<ArrowLeftOutlined />}>{t('common.back')}</Button>
      </Link>
      <Button
        icon={<ReloadOutlined />}
        onClick={() => {
          reload();
          setBlockersVersion((v) => v + 1);
        }}
        aria-label={t('common.refresh')}
      />
      {can.edit && (
        <Button type="primary" onClick={() => setDialog('edit')} data-testid="project-edit">
          {t('common.edit')}
        </Button>
      )}
      {can.edit && (
        <Button onClick={() => setDialog('stage')} data-testid="project-stage-move">
          {t('projects.actions.stage')}
        </Button>
      )}
      {can.edit && (
        <Tooltip title={started ? t('projects.plan.started') : undefined}>
          <Button onClick={() => setDialog('plan')} disabled={started} data-testid="project-plan">
            {t('projects.actions.plan')}
          </Button>
        </Tooltip>
      )}
      {can.raiseBlocker && (
        <Button danger onClick={() => setDialog('blocker')} data-testid="project-blocker">
          {t('projects.actions.blocker')}
        </Button>
      )}
    </>
  );

  const content: Record<Tab, () => ReactNode> = {
    info: () => <ProjectInfo project={project} />,
    milestones: () => (
      <Milestones project={project} canEdit={can.edit} onChanged={saved(t('projects.milestones.saved'))} onReload={reload} onPlan={() => setDialog('plan')} />
    ),
    investment: () => <InvestmentTab project={project} onChanged={reload} />,
    blockers: () => <Blockers key={blockersVersion} projectId={project.id} canRaise={can.raiseBlocker} onRaise={() => setDialog('blocker')} />,
    stages: () => <StageHistory project={project} />,
    photos: () => <Photos projectId={project.id} canUpload={can.edit || can.report} />,
  };
  const label = (key: Tab) =>
    key === 'blockers' && project.openBlockers > 0
      ? t('projects.tabs.blockersOpen', { count: project.openBlockers })
      : key === 'milestones' && project.milestones.length > 0
        ? t('projects.tabs.milestonesCount', { count: project.milestones.length })
        : t(`projects.tabs.${key}`);

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="project-detail">
      <ProjectHeader project={project} actions={actions} />
      <Card size="small" styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={tab}
          onChange={openTab}
          destroyOnHidden
          items={TABS.map((key) => ({ key, label: label(key), children: content[key]() }))}
          data-testid="project-tabs"
        />
      </Card>

      <ProjectFormModal open={dialog === 'edit'} project={project} onClose={close} onSaved={saved(t('common.saved'))} />
      <StageModal open={dialog === 'stage'} project={project} onClose={close} onDone={saved(t('projects.stageMove.done'))} />
      <PlanModal
        open={dialog === 'plan'}
        project={project}
        onClose={close}
        onDone={(next) => {
          saved(t('projects.plan.done', { count: next.milestones.length }))(next);
          openTab('milestones');
        }}
      />
      <BlockerModal
        open={dialog === 'blocker'}
        project={project}
        onClose={close}
        onDone={(raised) => {
          setDialog(null);
          void message.success(t('projects.blocker.raised', { code: raised.item.code }));
          setBlockersVersion((v) => v + 1);
          reload();
          openTab('blockers');
        }}
      />
    </Space>
  );
}

export default function ProjectDetailPage() {
  const { id } = useParams();
  const { data, error, loading, reload, mutate } = useApiGet<ProjectDetail>(id ? `/api/projects/${id}` : null);
  if (!data) return error && isApiError(error, 'NOT_FOUND') ? <NotFound /> : <PageLoading />;
  // another project's answer while the next one loads
  if (data.id !== id && loading) return <PageLoading />;
  return <ProjectView key={data.id} project={data} reload={reload} replace={(next) => mutate(() => next)} />;
}
