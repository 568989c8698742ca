// 申诉: the appeals of a run with their answers and the change of points; within the window a participant's member
// files one (a dimension and a reason) and the panel or a manager answers it (accept with the new points, or reject).
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Alert,
  App,
  Button,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  type ButtonProps,
  type TableColumnsType,
} from 'antd';
import type { AppealStatus } from '@zoneops/shared';
import { api } from '../../../app/api.ts';
import { formatDateTime, shanghaiToday } from '../../../app/format.ts';
import { useApiGet } from '../../../app/use-api.ts';
import { useModalForm } from '../../../app/use-modal-form.ts';
import { formatPoints, isEnglish, isOwnUnit, localName } from '../assessment-ui.ts';
import { useOwnUnitIds } from '../use-own-units.ts';
import { API, type AssessmentAppeal, type AssessmentRun } from '../assessment-types.ts';

const appealColour: Record<AppealStatus, string> = { open: 'orange', accepted: 'green', rejected: 'default' };

/** The window is open while the run is in its appeal status up to and including its last day. */
export const appealWindowOpen = (run: Pick<AssessmentRun, 'status' | 'appealEndsOn'>, today: string) =>
  run.status === 'appeal' && !!run.appealEndsOn && today <= run.appealEndsOn;

export function AppealsView({
  run,
  appeals,
  today,
  loading,
  onFile,
  onAnswer,
}: {
  run: AssessmentRun;
  appeals: AssessmentAppeal[];
  today: string;
  loading?: boolean;
  onFile: () => void;
  onAnswer: (a: AssessmentAppeal) => void;
}) {
  const { t, i18n } = useTranslation();
  const english = isEnglish(i18n.language);
  const open = appealWindowOpen(run, today);
  const canAnswer = (run.can.manage || run.can.score) && run.status === 'appeal';
  const dimName = (id: string) => {
    const d = run.dimensions.find((x) => x.id === id);
    return d ? localName(d, english) : id;
  };
  const col = (k: string) => t(`assessments.appeals.col.${k}`);
  const columns: TableColumnsType<AssessmentAppeal> = [
    { title: col('participant'), dataIndex: 'participantName', width: 160 },
    { title: col('dimension'), key: 'dimension', width: 140, render: (_, a) => dimName(a.dimensionId) },
    {
      title: col('reason'),
      key: 'reason',
      render: (_, a) => <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{a.reason}</Typography.Paragraph>,
    },
    {
      title: col('filedBy'),
      key: 'filedBy',
      width: 160,
      render: (_, a) => (
        <Space orientation="vertical" size={0}>
          <span>{a.filedBy}</span>
          <Typography.Text type="secondary">{formatDateTime(a.filedAt, false)}</Typography.Text>
        </Space>
      ),
    },
    {
      title: col('status'),
      key: 'status',
      width: 100,
      render: (_, a) => (
        <Tag color={appealColour[a.status]} data-testid={`appeal-status-${a.id}`} data-status={a.status}>
          {t(`assessments.appealStatus.${a.status}`)}
        </Tag>
      ),
    },
    {
      title: col('answer'),
      key: 'answer',
      render: (_, a) =>
        a.answer ? (
          <Space orientation="vertical" size={0}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{a.answer}</Typography.Paragraph>
            <Typography.Text type="secondary">
              {t('assessments.appeals.answeredBy', { name: a.answeredBy ?? '—', time: formatDateTime(a.answeredAt, false) })}
            </Typography.Text>
          </Space>
        ) : canAnswer && a.status === 'open' ? (
          <Button size="small" type="primary" onClick={() => onAnswer(a)} data-testid={`appeal-answer-${a.id}`}>
            {t('assessments.appeals.answer')}
          </Button>
        ) : (
          '—'
        ),
    },
    {
      title: col('points'),
      key: 'points',
      width: 110,
      align: 'right',
      // an open appeal: the points as they stand; an answered one: before → after (the server records both then)
      render: (_, a) =>
        a.status === 'open'
          ? formatPoints(run.results.find((r) => r.participantId === a.participantId)?.dimensions[a.dimensionId])
          : a.pointsAfter !== null && a.pointsAfter !== a.pointsBefore
            ? `${formatPoints(a.pointsBefore)} → ${formatPoints(a.pointsAfter)}`
            : formatPoints(a.pointsBefore),
    },
  ];
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="appeals">
      <Flex gap={12} justify="space-between" align="center" wrap>
        <Alert
          type={open ? 'warning' : 'info'}
          showIcon
          title={
            run.status === 'scoring'
              ? t('assessments.appeals.notOpen')
              : open
                ? t('assessments.appeals.windowOpen', { date: run.appealEndsOn })
                : t('assessments.appeals.windowClosed')
          }
          style={{ flex: 1 }}
        />
        {run.can.appeal && open && (
          <Button type="primary" onClick={onFile} data-testid="appeal-file">
            {t('assessments.appeals.file')}
          </Button>
        )}
      </Flex>
      <Table<AssessmentAppeal>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={appeals}
        columns={columns}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('assessments.appeals.empty') }}
        data-testid="appeals-table"
      />
    </Space>
  );
}

export function FileAppealModal({
  open,
  run,
  ownUnits,
  onClose,
  onDone,
}: {
  open: boolean;
  run: AssessmentRun;
  ownUnits: ReadonlySet<string>;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t, i18n } = useTranslation();
  const english = isEnglish(i18n.language);
  // a member appeals for their own unit (a project's lead unit is the server's to check)
  const choices = useMemo(() => {
    const own = run.participants.filter((p) => isOwnUnit(p, ownUnits));
    return own.length ? own : run.participants;
  }, [run.participants, ownUnits]);
  const initial = useMemo(() => ({ participantId: choices.length === 1 ? choices[0]!.id : undefined, dimensionId: undefined, reason: '' }), [choices]);
  const { form, modalProps } = useModalForm<{ participantId?: string; dimensionId?: string; reason: string }>({
    open,
    initial,
    onSubmit: async (v) => {
      await api.post(`${API}/runs/${run.id}/appeals`, { participantId: v.participantId, dimensionId: v.dimensionId, reason: v.reason.trim() });
      onDone();
    },
  });
  return (
    <Modal {...modalProps} title={t('assessments.appeals.fileTitle')} onCancel={onClose} okButtonProps={{ 'data-testid': 'appeal-file-submit' } as ButtonProps}>
      <Form form={form} layout="vertical" initialValues={initial}>
        <Form.Item name="participantId" label={t('assessments.appeals.participant')} rules={[{ required: true }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={choices.map((p) => ({ value: p.id, label: p.name }))} data-testid="appeal-participant" />
        </Form.Item>
        <Form.Item name="dimensionId" label={t('assessments.appeals.dimension')} rules={[{ required: true }]}>
          <Select options={run.dimensions.map((d) => ({ value: d.id, label: localName(d, english) }))} data-testid="appeal-dimension" />
        </Form.Item>
        <Form.Item name="reason" label={t('assessments.appeals.reason')} rules={[{ required: true, whitespace: true }, { max: 1000 }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} placeholder={t('assessments.appeals.reasonPlaceholder')} data-testid="appeal-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type AnswerValues = { accept: boolean; points?: number | null; answer: string };

export function AnswerAppealModal({
  appeal,
  run,
  onClose,
  onDone,
}: {
  appeal: AssessmentAppeal | null;
  run: AssessmentRun;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const dim = run.dimensions.find((d) => d.id === appeal?.dimensionId);
  const current = appeal ? (run.results.find((r) => r.participantId === appeal.participantId)?.dimensions[appeal.dimensionId] ?? appeal.pointsBefore) : null;
  const initial = useMemo<AnswerValues>(() => ({ accept: false, points: null, answer: '' }), []);
  const { form, modalProps } = useModalForm<AnswerValues>({
    open: !!appeal,
    initial,
    onSubmit: async (v) => {
      await api.post(`${API}/runs/${run.id}/appeals/${appeal!.id}/answer`, {
        accept: v.accept,
        answer: v.answer.trim(),
        points: v.accept ? v.points : null,
      });
      onDone();
    },
  });
  const accept = Form.useWatch('accept', form) as boolean | undefined;
  return (
    <Modal
      {...modalProps}
      title={t('assessments.appeals.answerTitle')}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'appeal-answer-submit' } as ButtonProps}
    >
      {appeal && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={`${appeal.participantName} · ${dim?.name ?? appeal.dimensionId} · ${t('assessments.appeals.current', { points: formatPoints(current) })}`}
          description={appeal.reason}
        />
      )}
      <Form form={form} layout="vertical" initialValues={initial}>
        <Form.Item name="accept" label={t('assessments.appeals.decision')}>
          <Radio.Group
            options={[
              { value: true, label: t('assessments.appeals.accept') },
              { value: false, label: t('assessments.appeals.reject') },
            ]}
            data-testid="appeal-decision"
          />
        </Form.Item>
        {accept && (
          <Form.Item name="points" label={t('assessments.appeals.newPoints', { max: dim?.weight ?? 100 })} rules={[{ required: true }]}>
            <InputNumber min={0} max={dim?.weight ?? 100} precision={2} style={{ width: 200 }} data-testid="appeal-points" />
          </Form.Item>
        )}
        <Form.Item name="answer" label={t('assessments.appeals.answerText')} rules={[{ required: true, whitespace: true }, { max: 1000 }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} data-testid="appeal-answer-text" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function AppealsTab({ run, onChanged }: { run: AssessmentRun; onChanged: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const ownUnits = useOwnUnitIds();
  const { data, loading, reload } = useApiGet<{ items: AssessmentAppeal[] }>(`${API}/runs/${run.id}/appeals`);
  const [filing, setFiling] = useState(false);
  const [answering, setAnswering] = useState<AssessmentAppeal | null>(null);
  return (
    <>
      <AppealsView run={run} appeals={data?.items ?? []} today={shanghaiToday()} loading={loading} onFile={() => setFiling(true)} onAnswer={setAnswering} />
      <FileAppealModal
        open={filing}
        run={run}
        ownUnits={ownUnits}
        onClose={() => setFiling(false)}
        onDone={() => {
          setFiling(false);
          void message.success(t('assessments.appeals.filed'));
          reload();
        }}
      />
      <AnswerAppealModal
        appeal={answering}
        run={run}
        onClose={() => setAnswering(null)}
        onDone={() => {
          setAnswering(null);
          void message.success(t('assessments.appeals.answered'));
          reload();
          onChanged();
        }}
      />
    </>
  );
}
