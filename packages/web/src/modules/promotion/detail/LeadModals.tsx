// The actions of a lead: move its stage (the facts the target stage needs, stageMissing), mark a clock done, transfer it
// to another follower, close it (rejected or withdrawn, with the reason), assess it against the criteria, and convert a
// signed lead into a key project. Each answers the lead's new detail; server field errors land on the fields.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Col, DatePicker, Form, Input, InputNumber, Modal, Radio, Row, Select, type ButtonProps, type FormInstance } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import {
  leadStageIndex,
  leadStages,
  projectCategories,
  projectLevels,
  projectNatures,
  investorTypes,
  screen,
  type Criterion,
  type LeadDetail,
  type LeadStage,
} from '@zoneops/shared';
import { api } from '../../../app/api.ts';
import { UnitTreeSelect } from '../../../app/components/UnitTreeSelect.tsx';
import { shanghaiToday } from '../../../app/format.ts';
import { useApiGet } from '../../../app/use-api.ts';
import { useModalForm } from '../../../app/use-modal-form.ts';
import { useErrorText } from '../../../app/use-report-error.ts';
import { UserSelect } from '../../ledger/UserSelect.tsx';
import { MoneyInput } from '../../projects/ProjectFormLists.tsx';
import { fieldErrorsOfCode } from '../../projects/project-ui.ts';
import { ScreeningInputs } from '../leads/LeadFormModal.tsx';
import { CriterionResults } from './LeadHistory.tsx';
import { isDateFact, stageMoveFields, type FactField } from '../promotion-ui.ts';

interface ModalProps {
  open: boolean;
  lead: LeadDetail;
  onClose: () => void;
  onDone: (next: LeadDetail) => void;
}

const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);
const notFuture = (today: string) => (d: Dayjs) => d.format('YYYY-MM-DD') > today;

type StageValues = { to: LeadStage; reason?: string } & Partial<Record<FactField, Dayjs | string | null>>;

export function StageModal({ open, lead, onClose, onDone }: ModalProps) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const today = shanghaiToday();
  const next = leadStages[Math.min(leadStageIndex(lead.stage) + 1, leadStages.length - 1)]!;
  const initial = useMemo<StageValues>(
    () => ({
      to: next,
      signedOn: lead.signedOn ? dayjs(lead.signedOn) : null,
      signedAmount: lead.signedAmount,
      plannedStartOn: lead.plannedStartOn ? dayjs(lead.plannedStartOn) : null,
      startedOn: lead.startedOn ? dayjs(lead.startedOn) : null,
      capitalInPlace: lead.capitalInPlace,
      productionOn: lead.productionOn ? dayjs(lead.productionOn) : null,
    }),
    [lead, next],
  );
  const { form, modalProps } = useModalForm<StageValues>({
    open,
    initial,
    onSubmit: async (v, f) => {
      const { fields, back } = stageMoveFields(lead, v.to);
      const body: Record<string, unknown> = { to: v.to, reason: v.reason?.trim() || null };
      for (const k of fields) body[k] = isDateFact(k) ? day(v[k] as Dayjs | null) : (v[k] ?? null);
      try {
        onDone(await api.post<LeadDetail>(`/api/promotion/leads/${lead.id}/stage`, back ? { to: v.to, reason: body.reason } : body));
      } catch (err) {
        (f as FormInstance).setFields(fieldErrorsOfCode(err, { STAGE_REASON_REQUIRED: [['reason']] }, errorText(err)));
        throw err;
      }
    },
  });
  const to = (Form.useWatch('to', form) as LeadStage | undefined) ?? next;
  const move = stageMoveFields(lead, to);
  return (
    <Modal
      {...modalProps}
      width={640}
      title={t('promotion.stageMove.title')}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'lead-stage-submit', disabled: to === lead.stage } as ButtonProps}
    >
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('promotion.stageMove.current', { stage: t(`promotion.stage.${lead.stage}`) })} />
      <Form form={form} layout="vertical" initialValues={initial}>
        <Form.Item name="to" label={t('promotion.stageMove.target')} rules={[{ required: true }]}>
          <Select options={leadStages.map((s) => ({ value: s, label: t(`promotion.stage.${s}`), disabled: s === lead.stage }))} data-testid="lead-stage-to" />
        </Form.Item>
        {move.required.length > 0 && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            title={t('promotion.stageMove.needs', { list: move.required.map((k) => t(`promotion.col.${k}`)).join(t('common.listSeparator')) })}
            data-testid="lead-stage-needs"
          />
        )}
        <Row gutter={12}>
          {move.fields.map((k) => (
            <Col span={12} key={k}>
              <Form.Item name={k} label={t(`promotion.col.${k}`)} rules={[{ required: move.required.includes(k) }]}>
                {isDateFact(k) ? (
                  <DatePicker style={{ width: '100%' }} disabledDate={k === 'plannedStartOn' ? undefined : notFuture(today)} data-testid={`lead-stage-${k}`} />
                ) : (
                  <MoneyInput testId={`lead-stage-${k}`} />
                )}
              </Form.Item>
            </Col>
          ))}
        </Row>
        <Form.Item
          name="reason"
          label={t('promotion.stageMove.reason')}
          rules={[{ required: move.back, whitespace: true, message: t('errors.STAGE_REASON_REQUIRED') }, { max: 500 }]}
          extra={move.back ? t('promotion.stageMove.backHint') : undefined}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} data-testid="lead-stage-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function ClockModal({ open, lead, code, onClose, onDone }: ModalProps & { code: string | null }) {
  const { t } = useTranslation();
  const today = shanghaiToday();
  const initial = useMemo(() => ({ doneOn: dayjs(today), note: '' }), [today]);
  const { form, modalProps } = useModalForm<{ doneOn: Dayjs; note?: string }>({
    open,
    initial,
    onSubmit: async (v) =>
      onDone(await api.post<LeadDetail>(`/api/promotion/leads/${lead.id}/clocks`, { code, doneOn: day(v.doneOn), note: v.note?.trim() || null })),
  });
  return (
    <Modal
      {...modalProps}
      title={t('promotion.clock.doneTitle', { clock: code ? t(`promotion.clock.${code}`, { defaultValue: code }) : '' })}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'lead-clock-submit' } as ButtonProps}
    >
      <Form form={form} layout="vertical" initialValues={initial}>
        <Form.Item name="doneOn" label={t('promotion.clock.doneOn')} rules={[{ required: true }]}>
          <DatePicker
            allowClear={false}
            style={{ width: '100%' }}
            disabledDate={(d) => d.format('YYYY-MM-DD') > today || d.format('YYYY-MM-DD') < lead.registeredOn}
            data-testid="lead-clock-done-on"
          />
        </Form.Item>
        <Form.Item name="note" label={t('promotion.clock.note')} rules={[{ max: 500 }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} data-testid="lead-clock-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function TransferModal({ open, lead, onClose, onDone }: ModalProps) {
  const { t } = useTranslation();
  const initial = useMemo(() => ({ toUserId: undefined as string | undefined, reason: '' }), []);
  const { form, modalProps } = useModalForm<{ toUserId?: string; reason: string }>({
    open,
    initial,
    onSubmit: async (v) => onDone(await api.post<LeadDetail>(`/api/promotion/leads/${lead.id}/transfer`, { toUserId: v.toUserId, reason: v.reason.trim() })),
  });
  return (
    <Modal {...modalProps} title={t('promotion.transfer.title')} onCancel={onClose} okButtonProps={{ 'data-testid': 'lead-transfer-submit' } as ButtonProps}>
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('promotion.transfer.current', { name: lead.ownerName })} />
      <Form form={form} layout="vertical" initialValues={initial}>
        <Form.Item name="toUserId" label={t('promotion.transfer.to')} rules={[{ required: true }]}>
          <UserSelect testId="lead-transfer-to" />
        </Form.Item>
        <Form.Item name="reason" label={t('promotion.transfer.reason')} rules={[{ required: true, whitespace: true, max: 500 }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} data-testid="lead-transfer-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function CloseModal({ open, lead, onClose, onDone }: ModalProps) {
  const { t } = useTranslation();
  const initial = useMemo(() => ({ outcome: 'withdrawn' as const, reason: '' }), []);
  const { form, modalProps } = useModalForm<{ outcome: 'rejected' | 'withdrawn'; reason: string }>({
    open,
    initial,
    onSubmit: async (v) => onDone(await api.post<LeadDetail>(`/api/promotion/leads/${lead.id}/close`, { outcome: v.outcome, reason: v.reason.trim() })),
  });
  return (
    <Modal
      {...modalProps}
      title={t('promotion.close.title')}
      onCancel={onClose}
      okButtonProps={{ danger: true, 'data-testid': 'lead-close-submit' } as ButtonProps}
    >
      <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('promotion.close.hint')} />
      <Form form={form} layout="vertical" initialValues={initial}>
        <Form.Item name="outcome" label={t('promotion.close.outcome')} rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            options={(['rejected', 'withdrawn'] as const).map((o) => ({ value: o, label: t(`promotion.outcome.${o}`) }))}
            data-testid="lead-close-outcome"
          />
        </Form.Item>
        <Form.Item name="reason" label={t('promotion.close.reason')} rules={[{ required: true, whitespace: true, max: 500 }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} data-testid="lead-close-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface AssessValues {
  decision: 'pass' | 'reject';
  reasons: string;
  plannedInvestment?: string | null;
  landMu?: number | null;
  expectedTax?: number | null;
  energyUse?: number | null;
  expectedOutput?: number | null;
  environmentalCategory?: 'report' | 'reportForm' | 'registration' | null;
  chainFit?: boolean | null;
}

/** The figures with a live check against the criteria (the server computes the recorded one). */
export function AssessModal({ open, lead, onClose, onDone }: ModalProps) {
  const { t } = useTranslation();
  const { data: criteria } = useApiGet<Criterion[]>(open ? '/api/promotion/criteria' : null);
  const initial = useMemo<AssessValues>(
    () => ({
      decision: 'pass',
      reasons: '',
      plannedInvestment: lead.plannedInvestment,
      landMu: lead.landMu,
      expectedTax: lead.expectedTax,
      energyUse: lead.energyUse,
      expectedOutput: lead.expectedOutput,
      environmentalCategory: (lead.environmentalCategory as AssessValues['environmentalCategory']) ?? null,
      chainFit: lead.chainFit,
    }),
    [lead],
  );
  const { form, modalProps } = useModalForm<AssessValues>({
    open,
    initial,
    onSubmit: async (v) => onDone(await api.post<LeadDetail>(`/api/promotion/leads/${lead.id}/assessments`, { ...v, reasons: v.reasons.trim() })),
  });
  const values = Form.useWatch([], form) as AssessValues | undefined;
  const check = criteria ? screen({ ...initial, ...values }, criteria) : null;
  return (
    <Modal
      {...modalProps}
      width={860}
      title={t('promotion.assess.title')}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'lead-assess-submit' } as ButtonProps}
    >
      <Form form={form} layout="vertical" initialValues={initial} requiredMark="optional">
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="plannedInvestment" label={t('promotion.col.plannedInvestment')}>
              <MoneyInput testId="lead-assess-plannedInvestment" />
            </Form.Item>
          </Col>
          <ScreeningInputs />
        </Row>
        {check && (
          <div style={{ marginBottom: 12 }}>
            <CriterionResults results={check.results} testId="lead-assess-check" />
          </div>
        )}
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="decision" label={t('promotion.assess.decision')} rules={[{ required: true }]}>
              <Radio.Group
                optionType="button"
                options={(['pass', 'reject'] as const).map((d) => ({ value: d, label: t(`promotion.decision.${d}`) }))}
                data-testid="lead-assess-decision"
              />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item name="reasons" label={t('promotion.assess.reasons')} rules={[{ required: true, whitespace: true, max: 2000 }]}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="lead-assess-reasons" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}

interface ConvertValues {
  name?: string;
  level: (typeof projectLevels)[number];
  category: (typeof projectCategories)[number];
  nature: (typeof projectNatures)[number];
  investorType?: (typeof investorTypes)[number] | null;
  leadUnitId?: string;
  planYear: number;
}

export function ConvertModal({ open, lead, onClose, onDone }: ModalProps) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const year = Number(shanghaiToday().slice(0, 4));
  const initial = useMemo<ConvertValues>(
    () => ({ name: lead.company, level: 'district', category: 'industry', nature: 'new', planYear: year }),
    [lead.company, year],
  );
  const { form, modalProps } = useModalForm<ConvertValues>({
    open,
    initial,
    onSubmit: async (v, f) => {
      try {
        onDone(
          await api.post<LeadDetail>(`/api/promotion/leads/${lead.id}/project`, { ...v, name: v.name?.trim() || null, investorType: v.investorType ?? null }),
        );
      } catch (err) {
        (f as FormInstance).setFields(fieldErrorsOfCode(err, { UNIT_GONE: [['leadUnitId']] }, errorText(err)));
        throw err;
      }
    },
  });
  const select = (values: readonly string[], key: string) => values.map((v) => ({ value: v, label: t(`projects.${key}.${v}`) }));
  return (
    <Modal
      {...modalProps}
      width={720}
      title={t('promotion.convert.title')}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'lead-convert-submit' } as ButtonProps}
    >
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('promotion.convert.hint')} />
      <Form form={form} layout="vertical" initialValues={initial} requiredMark="optional">
        <Form.Item name="name" label={t('projects.col.name')} rules={[{ max: 200 }]}>
          <Input data-testid="lead-convert-name" />
        </Form.Item>
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item name="level" label={t('projects.col.level')} rules={[{ required: true }]}>
              <Select options={select(projectLevels, 'level')} data-testid="lead-convert-level" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="category" label={t('projects.col.category')} rules={[{ required: true }]}>
              <Select options={select(projectCategories, 'category')} data-testid="lead-convert-category" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="nature" label={t('projects.col.nature')} rules={[{ required: true }]}>
              <Select options={select(projectNatures, 'nature')} data-testid="lead-convert-nature" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="investorType" label={t('projects.col.investorType')} extra={t('promotion.convert.investorHint')}>
              <Select allowClear options={select(investorTypes, 'investorType')} data-testid="lead-convert-investor" />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name="leadUnitId" label={t('projects.col.leadUnit')} rules={[{ required: true }]}>
              <UnitTreeSelect allowClear={false} testId="lead-convert-lead-unit" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="planYear" label={t('projects.col.planYear')} rules={[{ required: true }]}>
              <InputNumber min={2000} max={2100} precision={0} style={{ width: '100%' }} data-testid="lead-convert-plan-year" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
