// 评分: the panel's progress (entered / expected) and, for a panel member while the run is scoring, a grid of the
// participants × the panel and grade dimensions: points 0…weight or a grade, each with its comment. The member's own
// unit is greyed out (the server refuses it too). A row is saved on its own (PUT …/scores, one entry per cell); the
// member's earlier scores are read back in one request (GET …/my-scores).
import { useEffect, useMemo, useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, App, Button, Empty, Flex, Input, InputNumber, Progress, Select, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import { grades, type Grade } from '@zoneops/shared';
import { api } from '../../../app/api.ts';
import { useReportError } from '../../../app/use-report-error.ts';
import { gradePointsOf, isEnglish, isOwnUnit, localName, panelDimensions, rowEntries, type CellDraft } from '../assessment-ui.ts';
import { useOwnUnitIds } from '../use-own-units.ts';
import { API, type AssessmentDimension, type AssessmentScore, type AssessmentParticipant, type AssessmentRun } from '../assessment-types.ts';

type Cells = Record<string, Record<string, CellDraft>>;

/** The member's own earlier scores of the run (GET …/my-scores), as grid cells per participant. */
function useMyScores(runId: string, enabled: boolean): [Cells, (pid: string, cells: Record<string, CellDraft>) => void] {
  const [mine, setMine] = useState<Cells>({});
  useEffect(() => {
    if (!enabled) return;
    const ctrl = new AbortController();
    api.get<{ items: AssessmentScore[] }>(`${API}/runs/${runId}/my-scores`, undefined, { signal: ctrl.signal }).then(
      ({ items }) => {
        const cells: Cells = {};
        for (const s of items) (cells[s.participantId] ??= {})[s.dimensionId] = { points: s.grade ? null : s.points, grade: s.grade, comment: s.comment ?? '' };
        // cells typed meanwhile win over what was stored
        setMine((prev) => {
          const next = { ...cells };
          for (const [pid, c] of Object.entries(prev)) next[pid] = { ...next[pid], ...c };
          return next;
        });
      },
      () => {
        // aborted, or not a panel member: the grid starts empty
      },
    );
    return () => ctrl.abort();
  }, [runId, enabled]);
  const remember = (pid: string, cells: Record<string, CellDraft>) => setMine((prev) => ({ ...prev, [pid]: { ...prev[pid], ...cells } }));
  return [mine, remember];
}

function ScoreCell({
  dim,
  value,
  disabled,
  missingComment,
  testId,
  onChange,
}: {
  dim: AssessmentDimension;
  value: CellDraft | undefined;
  disabled: boolean;
  missingComment: boolean;
  testId: string;
  onChange: (patch: CellDraft) => void;
}) {
  const { t } = useTranslation();
  return (
    <Space orientation="vertical" size={4} style={{ width: 180 }}>
      {dim.method === 'grade' ? (
        <Select<Grade>
          allowClear
          disabled={disabled}
          value={value?.grade ?? undefined}
          placeholder={t('assessments.scoring.grade')}
          onChange={(g) => onChange({ grade: g ?? null })}
          options={grades.map((g) => ({
            value: g,
            label: t('assessments.scoring.gradeOption', { grade: t(`assessments.grade.${g}`), points: gradePointsOf(dim, g) }),
          }))}
          style={{ width: '100%' }}
          data-testid={`${testId}-grade`}
        />
      ) : (
        <InputNumber
          min={0}
          max={dim.weight}
          step={0.5}
          precision={2}
          disabled={disabled}
          value={value?.points ?? null}
          placeholder={t('assessments.scoring.points', { max: dim.weight })}
          onChange={(v) => onChange({ points: v === null ? null : Number(v) })}
          style={{ width: '100%' }}
          data-testid={`${testId}-points`}
        />
      )}
      <Input.TextArea
        autoSize={{ minRows: 1, maxRows: 4 }}
        maxLength={500}
        disabled={disabled}
        status={missingComment ? 'error' : undefined}
        value={value?.comment ?? ''}
        placeholder={t('assessments.scoring.comment')}
        onChange={(e) => onChange({ comment: e.target.value })}
        data-testid={`${testId}-comment`}
      />
    </Space>
  );
}

export function ScoreGrid({ run, ownUnits, onSaved }: { run: AssessmentRun; ownUnits: ReadonlySet<string>; onSaved: () => void }) {
  const { t, i18n } = useTranslation();
  const english = isEnglish(i18n.language);
  const { message } = App.useApp();
  const report = useReportError();
  const dims = useMemo(() => panelDimensions(run.dimensions), [run.dimensions]);
  const [mine, remember] = useMyScores(run.id, run.status === 'scoring' && run.can.score);
  const [drafts, setDrafts] = useState<Cells>({});
  const [missing, setMissing] = useState<Record<string, string[]>>({});
  const [busy, setBusy] = useState<string | null>(null);

  const cellOf = (pid: string, dimId: string): CellDraft | undefined => {
    const a = mine[pid]?.[dimId];
    const b = drafts[pid]?.[dimId];
    return a || b ? { ...a, ...b } : undefined;
  };
  const change = (pid: string, dimId: string, patch: CellDraft) =>
    setDrafts((prev) => ({ ...prev, [pid]: { ...prev[pid], [dimId]: { ...prev[pid]?.[dimId], ...patch } } }));

  const save = async (p: AssessmentParticipant) => {
    const edited = Object.keys(drafts[p.id] ?? {});
    const cells = Object.fromEntries(edited.map((id) => [id, cellOf(p.id, id)]));
    const { entries, missingComment } = rowEntries(p.id, dims, cells);
    setMissing((prev) => ({ ...prev, [p.id]: missingComment }));
    if (missingComment.length) {
      void message.warning(t('assessments.scoring.commentRequired'));
      return;
    }
    if (!entries.length) {
      void message.info(t('assessments.scoring.nothingToSave'));
      return;
    }
    setBusy(p.id);
    try {
      for (const e of entries) await api.put(`${API}/runs/${run.id}/scores`, e);
      remember(p.id, cells as Record<string, CellDraft>);
      setDrafts((prev) => ({ ...prev, [p.id]: {} }));
      void message.success(t('assessments.scoring.saved', { name: p.name }));
      onSaved();
    } catch (err) {
      report(err);
    } finally {
      setBusy(null);
    }
  };

  const columns: TableColumnsType<AssessmentParticipant> = [
    {
      title: t('assessments.scoring.participant'),
      key: 'name',
      fixed: 'left',
      width: 180,
      render: (_, p) => (
        <Space orientation="vertical" size={2}>
          <Typography.Text strong>{p.name}</Typography.Text>
          {p.track && <Tag>{p.track}</Tag>}
          {isOwnUnit(p, ownUnits) && <Tag color="default">{t('assessments.scoring.ownUnit')}</Tag>}
          {!!mine[p.id] && Object.keys(mine[p.id]!).length >= dims.length && (
            <Tag color="green" icon={<CheckOutlined />}>
              {t('assessments.scoring.mine')}
            </Tag>
          )}
        </Space>
      ),
    },
    ...dims.map((d) => ({
      title: (
        <Tooltip title={t(`assessments.method.${d.method}`)}>
          {localName(d, english)}（{d.weight}）
        </Tooltip>
      ),
      key: d.id,
      render: (_: unknown, p: AssessmentParticipant) => (
        <ScoreCell
          dim={d}
          value={cellOf(p.id, d.id)}
          disabled={isOwnUnit(p, ownUnits) || busy === p.id}
          missingComment={!!missing[p.id]?.includes(d.id)}
          testId={`score-${p.id}-${d.id}`}
          onChange={(patch) => change(p.id, d.id, patch)}
        />
      ),
    })),
    {
      key: 'save',
      fixed: 'right',
      width: 90,
      render: (_, p) =>
        isOwnUnit(p, ownUnits) ? null : (
          <Button
            type={Object.keys(drafts[p.id] ?? {}).length ? 'primary' : 'default'}
            loading={busy === p.id}
            onClick={() => void save(p)}
            data-testid={`score-save-${p.id}`}
          >
            {t('assessments.scoring.save')}
          </Button>
        ),
    },
  ];

  return (
    <Table<AssessmentParticipant>
      rowKey="id"
      size="small"
      dataSource={run.participants}
      columns={columns}
      scroll={{ x: 'max-content' }}
      pagination={run.participants.length > 20 ? { pageSize: 20 } : false}
      onRow={(p) => ({ 'data-testid': `score-row-${p.id}`, 'data-own-unit': isOwnUnit(p, ownUnits) ? 'true' : undefined }) as HTMLAttributes<HTMLElement>}
      data-testid="score-grid"
    />
  );
}

export function ScoringTab({ run, onSaved }: { run: AssessmentRun; onSaved: () => void }) {
  const { t } = useTranslation();
  const ownUnits = useOwnUnitIds();
  const dims = panelDimensions(run.dimensions);
  const { entered, expected } = run.progress;
  const percent = expected > 0 ? Math.round((entered / expected) * 100) : 0;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="scoring">
      <Flex gap={12} align="center" wrap>
        <Typography.Text strong>{t('assessments.scoring.progress')}</Typography.Text>
        <Progress percent={percent} style={{ width: 320, marginBottom: 0 }} data-testid="scoring-progress" data-entered={entered} data-expected={expected} />
        <Typography.Text type="secondary">{t('assessments.scoring.progressText', { entered, expected })}</Typography.Text>
      </Flex>
      {!dims.length ? (
        <Empty description={t('assessments.scoring.nothing')} />
      ) : !run.can.score ? (
        <Alert type="info" showIcon title={t('assessments.scoring.notPanel')} />
      ) : run.status !== 'scoring' ? (
        <Alert type="info" showIcon title={t('assessments.scoring.closed')} />
      ) : (
        <>
          <Alert type="info" showIcon title={t('assessments.scoring.hint')} />
          <ScoreGrid run={run} ownUnits={ownUnits} onSaved={onSaved} />
        </>
      )}
    </Space>
  );
}
