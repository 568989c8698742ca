// "新建事项": a task (or a rectification problem) in a ledger, or a sub-item of a task with its weight. Field errors
// of the server land on the fields (form-errors.ts), including a deadline before the assignment.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Col, DatePicker, Form, Input, InputNumber, Modal, Radio, Row, Select, Switch, type ButtonProps } from 'antd';
import type { Dayjs } from 'dayjs';
import {
  deadlineClasses,
  ledgerSources,
  priorities,
  reportingFrequencies,
  type DeadlineClass,
  type LedgerSource,
  type Priority,
  type ReportingFrequency,
} from '@zoneops/shared';
import { api } from '../../app/api.ts';
import { UnitTreeSelect } from '../../app/components/UnitTreeSelect.tsx';
import type { ItemDetail, Ledger, LedgerItem } from '../../app/contract.ts';
import { shanghaiToday } from '../../app/format.ts';
import { useModalForm } from '../../app/use-modal-form.ts';
import { deadlineBody } from './ledger-ui.ts';
import { UserSelect } from './UserSelect.tsx';

interface Values {
  ledgerId?: string;
  title: string;
  source: LedgerSource;
  leadUnitId?: string;
  coUnitIds: string[];
  ownerId?: string;
  leaderId?: string;
  priority: Priority;
  focus: boolean;
  frequency: ReportingFrequency;
  deadlineMode: 'date' | 'workingDays';
  deadline?: Dayjs;
  deadlineWorkingDays?: number;
  description?: string;
  measures?: string;
  deadlineClass?: DeadlineClass;
  longTerm: boolean;
  weight?: number;
}

const tid = (field: string) => `item-form-${field}`;

export function ItemFormModal(props: {
  open: boolean;
  kind: 'supervision' | 'rectification';
  ledgers: Ledger[];
  ledgerId?: string;
  /** Creating a sub-item of this task. */
  parent?: LedgerItem;
  onClose: () => void;
  onCreated: (detail: ItemDetail) => void;
}) {
  const { open, kind, ledgers, ledgerId, parent } = props;
  const { t } = useTranslation();
  const rectification = kind === 'rectification';
  const initial = useMemo<Values>(
    () => ({
      ledgerId: parent?.ledgerId ?? ledgerId,
      title: '',
      source: parent?.source ?? (rectification ? 'inspectionFeedback' : 'leaderInstruction'),
      leadUnitId: parent?.leadUnitId,
      coUnitIds: [],
      ownerId: parent?.ownerId ?? undefined,
      priority: 'normal',
      focus: false,
      frequency: parent?.frequency ?? (rectification ? 'month' : 'week'),
      deadlineMode: 'date',
      longTerm: false,
      weight: parent ? 1 : undefined,
    }),
    [parent, ledgerId, rectification],
  );
  const { form, modalProps } = useModalForm<Values>({
    open,
    initial,
    onSubmit: async (v) => {
      const body = {
        ledgerId: parent?.ledgerId ?? v.ledgerId,
        parentId: parent?.id,
        title: v.title.trim(),
        source: v.source,
        leadUnitId: v.leadUnitId,
        coUnitIds: v.coUnitIds ?? [],
        ownerId: v.ownerId ?? null,
        leaderId: v.leaderId ?? null,
        priority: v.priority,
        focus: v.focus,
        frequency: v.frequency,
        ...deadlineBody(v.deadlineMode, v.deadline?.format('YYYY-MM-DD'), v.deadlineWorkingDays),
        description: v.description?.trim() || null,
        ...(rectification ? { measures: v.measures?.trim() || null, deadlineClass: v.deadlineClass ?? null, longTerm: v.longTerm } : {}),
        ...(parent ? { weight: v.weight ?? null } : {}),
      };
      props.onCreated(await api.post<ItemDetail>('/api/ledger-items', body));
    },
  });
  const mode = Form.useWatch('deadlineMode', form) ?? 'date';
  const today = shanghaiToday();
  const maxDeadline = parent?.deadline;

  return (
    <Modal
      {...modalProps}
      width={760}
      title={parent ? t('ledger.form.subItemTitle', { code: parent.code }) : rectification ? t('rectification.createProblem') : t('ledger.form.title')}
      onCancel={props.onClose}
      okButtonProps={{ 'data-testid': 'item-form-submit' } as ButtonProps}
    >
      <Form form={form} layout="vertical" initialValues={initial} requiredMark="optional">
        <Row gutter={16}>
          {!parent && (
            <Col span={24}>
              <Form.Item name="ledgerId" label={t('ledger.form.ledger')} rules={[{ required: true }]}>
                <Select options={ledgers.map((l) => ({ value: l.id, label: `${l.code} · ${l.name}` }))} data-testid={tid('ledgerId')} />
              </Form.Item>
            </Col>
          )}
          <Col span={24}>
            <Form.Item
              name="title"
              label={rectification ? t('ledger.col.problem') : t('ledger.form.itemTitle')}
              rules={[{ required: true, whitespace: true, max: 300 }]}
            >
              <Input maxLength={300} showCount data-testid={tid('title')} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="source" label={t('ledger.col.source')} rules={[{ required: true }]}>
              <Select options={ledgerSources.map((s) => ({ value: s, label: t(`ledgerSource.${s}`) }))} data-testid={tid('source')} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="leadUnitId" label={t('ledger.col.leadUnit')} rules={[{ required: true }]}>
              <UnitTreeSelect testId={tid('leadUnitId')} allowClear={false} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item
              name="coUnitIds"
              label={t('ledger.col.coUnits')}
              dependencies={['leadUnitId']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: async (_, ids: string[] | undefined) => {
                    if (ids?.includes(getFieldValue('leadUnitId') as string)) throw new Error(t('ledger.form.coUnitIsLead'));
                  },
                }),
              ]}
            >
              <UnitTreeSelect multiple testId={tid('coUnitIds')} maxTagCount="responsive" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="ownerId" label={t('ledger.col.owner')}>
              <UserSelect testId={tid('ownerId')} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="leaderId" label={t('ledger.form.leader')}>
              <UserSelect roleCode="leader" testId={tid('leaderId')} placeholder={t('ledger.form.leaderHint')} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="priority" label={t('ledger.form.priority')}>
              <Select options={priorities.map((p) => ({ value: p, label: t(`ledgerPriority.${p}`) }))} data-testid={tid('priority')} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="frequency" label={t('ledger.form.frequency')}>
              <Select options={reportingFrequencies.map((f) => ({ value: f, label: t(`ledgerFrequency.${f}`) }))} data-testid={tid('frequency')} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="focus" label={t('ledger.focus')} valuePropName="checked">
              <Switch data-testid={tid('focus')} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item label={t('ledger.form.deadline')} required style={{ marginBottom: 0 }}>
              <Row gutter={12} align="top">
                <Col flex="none">
                  <Form.Item name="deadlineMode">
                    <Radio.Group
                      optionType="button"
                      options={[
                        { value: 'date', label: t('ledger.form.deadlineDate') },
                        { value: 'workingDays', label: t('ledger.form.deadlineWorkingDays') },
                      ]}
                      data-testid={tid('deadlineMode')}
                    />
                  </Form.Item>
                </Col>
                <Col flex="auto">
                  {mode === 'date' ? (
                    <Form.Item
                      name="deadline"
                      rules={[{ required: true, message: t('ledger.form.deadlineRequired') }]}
                      extra={maxDeadline ? t('ledger.form.byParent', { date: maxDeadline }) : undefined}
                    >
                      <DatePicker
                        style={{ width: '100%' }}
                        disabledDate={(d) => d.format('YYYY-MM-DD') < today || (!!maxDeadline && d.format('YYYY-MM-DD') > maxDeadline)}
                        data-testid={tid('deadline')}
                      />
                    </Form.Item>
                  ) : (
                    <Form.Item
                      name="deadlineWorkingDays"
                      rules={[{ required: true, message: t('ledger.form.deadlineRequired') }]}
                      extra={t('ledger.form.workingDaysHint')}
                    >
                      <InputNumber
                        min={1}
                        max={1000}
                        precision={0}
                        style={{ width: '100%' }}
                        suffix={t('ledger.form.workingDaysUnit')}
                        data-testid={tid('deadlineWorkingDays')}
                      />
                    </Form.Item>
                  )}
                </Col>
              </Row>
            </Form.Item>
          </Col>
          {rectification && (
            <>
              <Col span={12}>
                <Form.Item name="deadlineClass" label={t('ledger.col.deadlineClass')} extra={t('rectification.deadlineClassHint')}>
                  <Select allowClear options={deadlineClasses.map((c) => ({ value: c, label: t(`deadlineClass.${c}`) }))} data-testid={tid('deadlineClass')} />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name="longTerm" label={t('ledger.longTerm')} valuePropName="checked" extra={t('ledger.longTermHint')}>
                  <Switch data-testid={tid('longTerm')} />
                </Form.Item>
              </Col>
              <Col span={24}>
                <Form.Item name="measures" label={t('ledger.col.measures')} rules={[{ max: 8000 }]}>
                  <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid={tid('measures')} />
                </Form.Item>
              </Col>
            </>
          )}
          {parent && (
            <Col span={12}>
              <Form.Item name="weight" label={t('ledger.form.weight')} extra={t('ledger.form.weightHint')}>
                <InputNumber min={0.01} max={1000} style={{ width: '100%' }} data-testid={tid('weight')} />
              </Form.Item>
            </Col>
          )}
          <Col span={24}>
            <Form.Item name="description" label={t('ledger.form.description')} rules={[{ max: 8000 }]}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid={tid('description')} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
