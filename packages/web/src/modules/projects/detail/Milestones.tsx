// 节点计划: the milestone plan of a project (node, predecessors, planned and actual dates, responsible unit, state: done,
// overdue N days in red, due soon, due), each node edited in a modal (PATCH …/milestones/:code). The serial rule
// (a node is not done before its predecessors) is checked here with the shared rule and again by the server;
// PREDECESSOR_NOT_DONE and DATE_IN_FUTURE land on the actual date.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Alert,
  App,
  Button,
  DatePicker,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Table,
  Tag,
  Tooltip,
  Typography,
  Upload,
  type ButtonProps,
  type FormInstance,
} from 'antd';
import { EditOutlined, FileOutlined, UploadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { predecessorProblem, type Milestone, type ProjectDetail } from '@zoneops/shared';
import { api } from '../../../app/api.ts';
import type { Attachment } from '../../../app/contract.ts';
import { UnitTreeSelect } from '../../../app/components/UnitTreeSelect.tsx';
import { formatDateTime, shanghaiToday } from '../../../app/format.ts';
import { useApiGet } from '../../../app/use-api.ts';
import { useModalForm } from '../../../app/use-modal-form.ts';
import { useErrorText, useReportError } from '../../../app/use-report-error.ts';
import { fieldErrorsOfCode, milestoneState } from '../project-ui.ts';
import { contentUrl, uploadAttachment } from './attachments.ts';

const CODE_FIELDS = { PREDECESSOR_NOT_DONE: [['actualOn']], DATE_IN_FUTURE: [['actualOn']] };

function useNodeName() {
  const { i18n } = useTranslation();
  const english = i18n.language.startsWith('en');
  return (m: Pick<Milestone, 'name' | 'nameEn'>) => (english ? m.nameEn : m.name);
}

export function MilestoneStatus({ m, today }: { m: Milestone; today: string }) {
  const { t } = useTranslation();
  const s = milestoneState(m, today);
  switch (s.kind) {
    case 'done':
      return (
        <Tag color="green" data-state="done">
          {s.late > 0 ? t('projects.milestones.doneLate', { days: s.late }) : t('projects.milestones.done')}
        </Tag>
      );
    case 'overdue':
      return (
        <Typography.Text type="danger" strong data-state="overdue">
          {t('projects.milestones.overdue', { days: s.days })}
        </Typography.Text>
      );
    case 'dueSoon':
      return (
        <Tag color="gold" data-state="dueSoon">
          {s.days === 0 ? t('projects.milestones.dueToday') : t('projects.milestones.dueIn', { days: s.days })}
        </Tag>
      );
    case 'due':
      return <Tag data-state="due">{t('projects.milestones.due')}</Tag>;
    case 'unplanned':
      return <Typography.Text type="secondary">{t('projects.milestones.unplanned')}</Typography.Text>;
  }
}

/** The evidence of a milestone (files on 'projectMilestone'), uploaded from its modal. */
function MilestoneEvidence({ milestoneId, onUploaded }: { milestoneId: string; onUploaded: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const { data, reload } = useApiGet<Attachment[]>('/api/attachments', { entityType: 'projectMilestone', entityId: milestoneId });
  const [percent, setPercent] = useState<number | null>(null);
  const send = async (file: File) => {
    setPercent(0);
    try {
      await uploadAttachment({ entityType: 'projectMilestone', entityId: milestoneId, purpose: 'evidence' }, file, { onProgress: setPercent });
      void message.success(t('projects.photos.uploaded', { name: file.name }));
      reload();
      onUploaded();
    } catch (err) {
      report(err);
    } finally {
      setPercent(null);
    }
  };
  return (
    <Form.Item label={t('projects.milestones.evidenceFiles')} data-testid="milestone-evidence">
      <Flex vertical gap={4}>
        {(data ?? []).map((a) => (
          <Flex key={a.id} gap={6} align="center">
            <FileOutlined />
            <Typography.Link href={contentUrl(a)} target="_blank" rel="noopener" ellipsis style={{ maxWidth: 280 }}>
              {a.filename}
            </Typography.Link>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatDateTime(a.uploadedAt, false)}
            </Typography.Text>
          </Flex>
        ))}
        <Upload
          showUploadList={false}
          beforeUpload={(file) => {
            void send(file);
            return false;
          }}
        >
          <Button size="small" icon={<UploadOutlined />} loading={percent !== null} data-testid="milestone-evidence-upload">
            {percent !== null ? `${percent}%` : t('projects.milestones.uploadEvidence')}
          </Button>
        </Upload>
      </Flex>
    </Form.Item>
  );
}

interface Values {
  plannedOn: Dayjs | null;
  actualOn: Dayjs | null;
  unitId: string | null;
  note: string | null;
}

function MilestoneModal({
  project,
  milestone,
  onClose,
  onSaved,
  onEvidence,
}: {
  project: ProjectDetail;
  milestone: Milestone | null;
  onClose: () => void;
  onSaved: (next: ProjectDetail) => void;
  onEvidence: () => void;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const nameOf = useNodeName();
  const today = shanghaiToday();
  const initial = useMemo<Values | undefined>(
    () =>
      milestone
        ? {
            plannedOn: milestone.plannedOn ? dayjs(milestone.plannedOn) : null,
            actualOn: milestone.actualOn ? dayjs(milestone.actualOn) : null,
            unitId: milestone.unitId,
            note: milestone.note,
          }
        : undefined,
    [milestone],
  );
  const byCode = useMemo(() => new Map(project.milestones.map((m) => [m.code, m])), [project.milestones]);
  const { form, modalProps } = useModalForm<Values>({
    open: !!milestone,
    initial,
    onSubmit: async (v, f) => {
      if (!milestone) return;
      const body = {
        plannedOn: v.plannedOn ? v.plannedOn.format('YYYY-MM-DD') : null,
        actualOn: v.actualOn ? v.actualOn.format('YYYY-MM-DD') : null,
        unitId: v.unitId ?? null,
        note: v.note?.trim() || null,
      };
      try {
        onSaved(await api.patch<ProjectDetail>(`/api/projects/${project.id}/milestones/${encodeURIComponent(milestone.code)}`, body));
      } catch (err) {
        (f as FormInstance).setFields(fieldErrorsOfCode(err, CODE_FIELDS, errorText(err)));
        throw err;
      }
    },
  });

  const actualRule = {
    validator: async (_: unknown, v: Dayjs | null | undefined) => {
      if (!v || !milestone) return;
      const day = v.format('YYYY-MM-DD');
      if (day > today) throw new Error(t('errors.DATE_IN_FUTURE'));
      const actualOf = new Map(project.milestones.map((m) => [m.code, m.actualOn]));
      const problem = predecessorProblem(milestone, day, actualOf);
      if (problem) {
        const pred = byCode.get(problem.predecessor);
        throw new Error(
          problem.actualOn
            ? t('projects.milestones.predecessorLater', { name: pred ? nameOf(pred) : problem.predecessor, date: problem.actualOn })
            : t('projects.milestones.predecessorOpen', { name: pred ? nameOf(pred) : problem.predecessor }),
        );
      }
    },
  };

  return (
    <Modal
      {...modalProps}
      title={milestone ? t('projects.milestones.editTitle', { name: nameOf(milestone) }) : ''}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'milestone-form-submit' } as ButtonProps}
    >
      {milestone && milestone.after.length > 0 && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('projects.milestones.afterHint', {
            names: milestone.after.map((c) => (byCode.get(c) ? nameOf(byCode.get(c)!) : c)).join(t('common.listSeparator')),
          })}
        />
      )}
      <Form form={form} layout="vertical" initialValues={initial}>
        <Form.Item name="plannedOn" label={t('projects.milestones.plannedOn')}>
          <DatePicker style={{ width: '100%' }} data-testid="milestone-form-planned" />
        </Form.Item>
        <Form.Item name="actualOn" label={t('projects.milestones.actualOn')} rules={[actualRule]} extra={t('projects.milestones.actualHint')}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.format('YYYY-MM-DD') > today} data-testid="milestone-form-actual" />
        </Form.Item>
        <Form.Item name="unitId" label={t('projects.milestones.unit')}>
          <UnitTreeSelect testId="milestone-form-unit" />
        </Form.Item>
        <Form.Item name="note" label={t('projects.milestones.note')} rules={[{ max: 2000 }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="milestone-form-note" />
        </Form.Item>
        {milestone && <MilestoneEvidence milestoneId={milestone.id} onUploaded={onEvidence} />}
      </Form>
    </Modal>
  );
}

export function Milestones({
  project,
  canEdit,
  onChanged,
  onReload,
  onPlan,
}: {
  project: ProjectDetail;
  canEdit: boolean;
  onChanged: (next: ProjectDetail) => void;
  /** Reloads the project (a file changed a milestone's evidence count). */
  onReload: () => void;
  onPlan: () => void;
}) {
  const { t } = useTranslation();
  const nameOf = useNodeName();
  const today = shanghaiToday();
  const [editing, setEditing] = useState<Milestone | null>(null);
  const rows = useMemo(() => [...project.milestones].sort((a, b) => a.seq - b.seq), [project.milestones]);
  const byCode = useMemo(() => new Map(rows.map((m) => [m.code, m])), [rows]);

  if (rows.length === 0) {
    return (
      <Empty description={t('projects.milestones.none')} data-testid="milestones-empty">
        {canEdit && (
          <Button type="primary" onClick={onPlan} data-testid="milestones-plan-empty">
            {t('projects.actions.plan')}
          </Button>
        )}
      </Empty>
    );
  }

  return (
    <>
      <Table<Milestone>
        rowKey="code"
        size="small"
        pagination={false}
        dataSource={rows}
        scroll={{ x: 980 }}
        data-testid="milestones-table"
        columns={[
          { title: '#', key: 'seq', width: 44, render: (_, __, i) => i + 1 },
          {
            title: t('projects.milestones.node'),
            key: 'name',
            width: 170,
            render: (_, m) => <span data-testid={`milestone-${m.code}`}>{nameOf(m)}</span>,
          },
          {
            title: t('projects.milestones.after'),
            key: 'after',
            width: 200,
            render: (_, m) =>
              m.after.length ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {m.after.map((c) => (byCode.get(c) ? nameOf(byCode.get(c)!) : c)).join(t('common.listSeparator'))}
                </Typography.Text>
              ) : (
                '—'
              ),
          },
          { title: t('projects.milestones.plannedOn'), dataIndex: 'plannedOn', key: 'plannedOn', width: 104, render: (v: string | null) => v ?? '—' },
          { title: t('projects.milestones.actualOn'), dataIndex: 'actualOn', key: 'actualOn', width: 104, render: (v: string | null) => v ?? '—' },
          { title: t('projects.milestones.unit'), dataIndex: 'unitName', key: 'unit', width: 130, render: (v: string | null) => v ?? '—' },
          { title: t('projects.milestones.status'), key: 'status', width: 120, render: (_, m) => <MilestoneStatus m={m} today={today} /> },
          {
            title: t('projects.milestones.note'),
            dataIndex: 'note',
            key: 'note',
            render: (v: string | null, m) => (
              <Typography.Text ellipsis={{ tooltip: v ?? undefined }} style={{ maxWidth: 200 }}>
                {v ?? '—'}
                {m.evidenceCount > 0 && (
                  <Tooltip title={t('projects.milestones.evidence', { count: m.evidenceCount })}>
                    <Tag style={{ marginLeft: 6 }}>{m.evidenceCount}</Tag>
                  </Tooltip>
                )}
              </Typography.Text>
            ),
          },
          ...(canEdit
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 70,
                  fixed: 'right' as const,
                  render: (_: unknown, m: Milestone) => (
                    <Button
                      size="small"
                      type="link"
                      icon={<EditOutlined />}
                      onClick={() => setEditing(m)}
                      aria-label={t('common.edit')}
                      data-testid={`milestone-edit-${m.code}`}
                    />
                  ),
                },
              ]
            : []),
        ]}
      />
      <MilestoneModal
        project={project}
        milestone={editing}
        onClose={() => setEditing(null)}
        onSaved={(next) => {
          setEditing(null);
          onChanged(next);
        }}
        onEvidence={onReload}
      />
    </>
  );
}
