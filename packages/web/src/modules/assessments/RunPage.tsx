// One run of a scheme (/assessments/runs/:id): the head with the status steps and the actions the server allows this
// user (`can`: recompute, publish with highlights, lock, the bulletin), and tabs (in the URL, ?tab=): the ranking per
// track, the panel's scoring and the appeals. A click on a ranking row opens the participant's breakdown
// (?participant=, so that a link can open it).
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { App, Button, Card, Popconfirm, Space, Tabs, Tooltip } from 'antd';
import { ArrowLeftOutlined, CalculatorOutlined, FileWordOutlined, LockOutlined, ReloadOutlined, SendOutlined } from '@ant-design/icons';
import { api, isApiError } from '../../app/api.ts';
import { shanghaiToday } from '../../app/format.ts';
import { NotFound, PageLoading } from '../../app/results.tsx';
import { useApiGet } from '../../app/use-api.ts';
import { useReportError } from '../../app/use-report-error.ts';
import { tabOf } from '../projects/project-ui.ts';
import { API, schemePath, type AssessmentRun } from './assessment-types.ts';
import { AppealsTab } from './run/AppealsTab.tsx';
import { BreakdownDrawer } from './run/BreakdownDrawer.tsx';
import { ResultsTab } from './run/ResultsTab.tsx';
import { RunHeader } from './run/RunHeader.tsx';
import { BulletinModal, PublishModal } from './run/RunModals.tsx';
import { ScoringTab } from './run/ScoringTab.tsx';

const TABS = ['results', 'scoring', 'appeals'] as const;
type Tab = (typeof TABS)[number];
type Dialog = 'publish' | 'bulletin' | null;

/** An action's answer when it is the run itself (the new state), else null (the page loads it again). */
const asRun = (x: unknown): AssessmentRun | null => (x && typeof x === 'object' && 'results' in x && 'status' in x ? (x as AssessmentRun) : null);

export function RunActions({
  run,
  busy,
  today = shanghaiToday(),
  onRecompute,
  onPublish,
  onLock,
  onBulletin,
  onReload,
}: {
  run: AssessmentRun;
  busy: string | null;
  /** The zone's day (Asia/Shanghai): the results lock once the appeal window is over. */
  today?: string;
  onRecompute: () => void;
  onPublish: () => void;
  onLock: () => void;
  onBulletin: () => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const manage = run.can.manage;
  // publication needs every panel score; the lock waits for the end of the window (the server refuses both earlier)
  const scoresMissing = run.progress.entered < run.progress.expected;
  const windowRuns = !!run.appealEndsOn && today <= run.appealEndsOn;
  return (
    <>
      <Link to={schemePath(run.schemeId)}>
        <Button icon={<ArrowLeftOutlined />}>{t('assessments.run.back')}</Button>
      </Link>
      <Button icon={<ReloadOutlined />} onClick={onReload} aria-label={t('common.refresh')} />
      {manage && run.status === 'scoring' && (
        <Button icon={<CalculatorOutlined />} loading={busy === 'recompute'} onClick={onRecompute} data-testid="run-recompute">
          {t('assessments.run.actions.recompute')}
        </Button>
      )}
      {manage && run.status === 'scoring' && (
        <Tooltip title={scoresMissing ? t('assessments.run.publishBlocked', { entered: run.progress.entered, expected: run.progress.expected }) : undefined}>
          <Button type="primary" icon={<SendOutlined />} disabled={scoresMissing} onClick={onPublish} data-testid="run-publish">
            {t('assessments.run.actions.publish')}
          </Button>
        </Tooltip>
      )}
      {manage && run.status === 'appeal' && (
        <Popconfirm title={t('assessments.run.lockConfirm')} onConfirm={onLock} disabled={windowRuns}>
          <Tooltip title={windowRuns ? t('assessments.run.lockBlocked', { date: run.appealEndsOn }) : undefined}>
            <Button type="primary" icon={<LockOutlined />} disabled={windowRuns} loading={busy === 'lock'} data-testid="run-lock">
              {t('assessments.run.actions.lock')}
            </Button>
          </Tooltip>
        </Popconfirm>
      )}
      {run.status !== 'scoring' && (
        <Button icon={<FileWordOutlined />} onClick={onBulletin} data-testid="run-bulletin">
          {t('assessments.run.actions.bulletin')}
        </Button>
      )}
    </>
  );
}

export function RunView({ run, actions, onReload }: { run: AssessmentRun; actions?: ReactNode; onReload: () => void }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = tabOf<Tab>(params.get('tab'), TABS);
  const participant = params.get('participant');
  const setParam = (key: string, value: string | null) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      if (value) next.set(key, value);
      else next.delete(key);
      return next;
    });
  const content: Record<Tab, () => ReactNode> = {
    results: () => <ResultsTab run={run} onOpen={(id) => setParam('participant', id)} />,
    scoring: () => <ScoringTab run={run} onSaved={onReload} />,
    appeals: () => <AppealsTab run={run} onChanged={onReload} />,
  };
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="run-page">
      <RunHeader run={run} actions={actions} />
      <Card size="small" styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={tab}
          onChange={(key) => setParam('tab', key === TABS[0] ? null : key)}
          destroyOnHidden
          items={TABS.map((key) => ({ key, label: t(`assessments.run.tabs.${key}`), children: content[key]() }))}
          data-testid="run-tabs"
        />
      </Card>
      <BreakdownDrawer run={run} participantId={participant} onClose={() => setParam('participant', null)} />
    </Space>
  );
}

export default function RunPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const { data, error, loading, reload, mutate } = useApiGet<AssessmentRun>(id ? `${API}/runs/${id}` : null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [busy, setBusy] = useState<string | null>(null);
  if (!data) return error && isApiError(error, 'NOT_FOUND') ? <NotFound /> : <PageLoading />;
  if (data.id !== id && loading) return <PageLoading />;

  const applied = (answer: unknown, text: string) => {
    const next = asRun(answer);
    if (next) mutate(() => next);
    else reload();
    void message.success(text);
  };
  const act = async (name: 'recompute' | 'lock', text: string) => {
    setBusy(name);
    try {
      applied(await api.post(`${API}/runs/${data.id}/${name}`), text);
    } catch (err) {
      report(err);
    } finally {
      setBusy(null);
    }
  };
  const actions = (
    <RunActions
      run={data}
      busy={busy}
      onRecompute={() => void act('recompute', t('assessments.run.recomputed'))}
      onPublish={() => setDialog('publish')}
      onLock={() => void act('lock', t('assessments.run.locked'))}
      onBulletin={() => setDialog('bulletin')}
      onReload={reload}
    />
  );
  return (
    <>
      <RunView run={data} actions={actions} onReload={reload} />
      <PublishModal
        open={dialog === 'publish'}
        run={data}
        onClose={() => setDialog(null)}
        onDone={(answer) => {
          setDialog(null);
          applied(answer, t('assessments.run.published'));
        }}
      />
      <BulletinModal open={dialog === 'bulletin'} run={data} onClose={() => setDialog(null)} />
    </>
  );
}
