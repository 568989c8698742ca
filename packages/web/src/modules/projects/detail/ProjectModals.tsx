// The actions of a project page: move the stage (a move back needs a reason: STAGE_REASON_REQUIRED), generate the
// milestone plan from a template, and raise a blocker (中梗阻) as a ledger item routed to the unit that can solve it.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Col, DatePicker, Form, Input, Modal, Row, Select, type ButtonProps, type FormInstance } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { projectStages, stageMoveNeedsReason, type ProjectDetail, type ProjectStage } from '@zoneops/shared';
import { api } from '../../../app/api.ts';
import { UnitTreeSelect } from '../../../app/components/UnitTreeSelect.tsx';
import type { ItemDetail } from '../../../app/contract.ts';
import { shanghaiToday } from '../../../app/format.ts';
import { useModalForm } from '../../../app/use-modal-form.ts';
import { useErrorText } from '../../../app/use-report-error.ts';
import { UserSelect } from '../../ledger/UserSelect.tsx';
import { TemplateSelect } from '../pickers.tsx';
import { fieldErrorsOfCode } from '../project-ui.ts';

interface ModalProps<T> {
  open: boolean;
  project: ProjectDetail;
  onClose: () => void;
  onDone: (answer: T) => void;
}

interface StageValues {
  stage: ProjectStage;
  on: Dayjs;
  reason?: string;
}

export function StageModal({ open, project, onClose, onDone }: ModalProps<ProjectDetail>) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const today = shanghaiToday();
  const initial = useMemo<StageValues>(() => ({ stage: project.stage, on: dayjs(today) }), [project.stage, today]);
  const { form, modalProps } = useModalForm<StageValues>({
    open,
    initial,
    onSubmit: async (v, f) => {
      try {
        onDone(
          await api.post<ProjectDetail>(`/api/projects/${project.id}/stage`, {
            stage: v.stage,
            on: v.on.format('YYYY-MM-DD'),
            reason: v.reason?.trim() || null,
            version: project.version,
          }),
        );
      } catch (err) {
        (f as FormInstance).setFields(fieldErrorsOfCode(err, { STAGE_REASON_REQUIRED: [['reason']], DATE_IN_FUTURE: [['on']] }, errorText(err)));
        throw err;
      }
    },
  });
  const target = Form.useWatch('stage', form) ?? project.stage;
  const back = stageMoveNeedsReason(project.stage, target);
  return (
    <Modal
      {...modalProps}
      title={t('projects.stageMove.title')}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'stage-form-submit', disabled: target === project.stage } as ButtonProps}
    >
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('projects.stageMove.current', { stage: t(`projects.stage.${project.stage}`) })} />
      <Form form={form} layout="vertical" initialValues={initial}>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="stage" label={t('projects.stageMove.target')} rules={[{ required: true }]}>
              <Select
                options={projectStages.map((s) => ({ value: s, label: t(`projects.stage.${s}`), disabled: s === project.stage }))}
                data-testid="stage-form-stage"
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="on" label={t('projects.stageMove.on')} rules={[{ required: true }]}>
              <DatePicker style={{ width: '100%' }} allowClear={false} disabledDate={(d) => d.format('YYYY-MM-DD') > today} data-testid="stage-form-on" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="reason"
          label={t('projects.stageMove.reason')}
          rules={[{ required: back, whitespace: true, message: t('errors.STAGE_REASON_REQUIRED') }, { max: 2000 }]}
          extra={back ? t('projects.stageMove.backHint') : undefined}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="stage-form-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function PlanModal({ open, project, onClose, onDone }: ModalProps<ProjectDetail>) {
  const { t } = useTranslation();
  const initial = useMemo(() => ({ templateId: null as string | null }), []);
  const { form, modalProps } = useModalForm<{ templateId: string | null }>({
    open,
    initial,
    onSubmit: async (v) => onDone(await api.post<ProjectDetail>(`/api/projects/${project.id}/milestones/plan`, { templateId: v.templateId ?? null })),
  });
  const undated = !project.plannedStartOn || !project.plannedCompletionOn;
  return (
    <Modal {...modalProps} title={t('projects.plan.title')} onCancel={onClose} okButtonProps={{ 'data-testid': 'plan-form-submit' } as ButtonProps}>
      {project.milestones.length > 0 && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('projects.plan.replaces')} />}
      {undated && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('projects.plan.undated')} />}
      <Form form={form} layout="vertical" initialValues={initial}>
        <Form.Item name="templateId" label={t('projects.col.template')} extra={t('projects.plan.templateHint')}>
          <TemplateSelect placeholder={t('projects.form.defaultTemplate')} testId="plan-form-template" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface BlockerValues {
  title: string;
  description?: string;
  leadUnitId?: string;
  coUnitIds: string[];
  leaderId?: string;
  deadline?: Dayjs;
}

/** POST /api/projects/:id/blockers answers the new ledger item with its detail (itemDetailSchema). */
export function BlockerModal({ open, project, onClose, onDone }: ModalProps<ItemDetail>) {
  const { t } = useTranslation();
  const today = shanghaiToday();
  const initial = useMemo<BlockerValues>(() => ({ title: '', coUnitIds: [] }), []);
  const { form, modalProps } = useModalForm<BlockerValues>({
    open,
    initial,
    onSubmit: async (v) =>
      onDone(
        await api.post<ItemDetail>(`/api/projects/${project.id}/blockers`, {
          title: v.title.trim(),
          description: v.description?.trim() || null,
          leadUnitId: v.leadUnitId,
          coUnitIds: v.coUnitIds ?? [],
          leaderId: v.leaderId ?? null,
          deadline: v.deadline?.format('YYYY-MM-DD'),
        }),
      ),
  });
  return (
    <Modal
      {...modalProps}
      width={720}
      title={t('projects.blocker.title', { name: project.name })}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'blocker-form-submit' } as ButtonProps}
    >
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('projects.blocker.hint')} />
      <Form form={form} layout="vertical" initialValues={initial} requiredMark="optional">
        <Form.Item name="title" label={t('projects.blocker.problem')} rules={[{ required: true, whitespace: true, max: 300 }]}>
          <Input maxLength={300} showCount data-testid="blocker-form-title" />
        </Form.Item>
        <Form.Item name="description" label={t('projects.blocker.description')} rules={[{ max: 8000 }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} data-testid="blocker-form-description" />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="leadUnitId" label={t('projects.blocker.leadUnit')} rules={[{ required: true }]} extra={t('projects.blocker.leadUnitHint')}>
              <UnitTreeSelect allowClear={false} testId="blocker-form-lead-unit" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="deadline" label={t('projects.blocker.deadline')} rules={[{ required: true }]}>
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.format('YYYY-MM-DD') < today} data-testid="blocker-form-deadline" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item
              name="coUnitIds"
              label={t('projects.blocker.coUnits')}
              dependencies={['leadUnitId']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: async (_, ids: string[] | undefined) => {
                    if (ids?.includes(getFieldValue('leadUnitId') as string)) throw new Error(t('ledger.form.coUnitIsLead'));
                  },
                }),
              ]}
            >
              <UnitTreeSelect multiple maxTagCount="responsive" testId="blocker-form-co-units" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="leaderId" label={t('projects.blocker.leader')}>
              <UserSelect testId="blocker-form-leader" placeholder={t('projects.form.leaderSearch')} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
