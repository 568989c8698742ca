// A new ledger: a supervision ledger of a unit, or a rectification campaign (整改专项) with its source document,
// sign-off levels and public notice days.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select, Switch, type ButtonProps } from 'antd';
import type { Dayjs } from 'dayjs';
import { DEFAULT_NOTICE_WORKING_DAYS, type CheckpointNode, type LedgerKind } from '@zoneops/shared';
import { api } from '../../app/api.ts';
import { useAuth } from '../../app/auth.tsx';
import { UnitTreeSelect } from '../../app/components/UnitTreeSelect.tsx';
import type { Ledger } from '../../app/contract.ts';
import { useCached } from '../../app/reference-data.ts';
import { useModalForm } from '../../app/use-modal-form.ts';

interface Template {
  id: string;
  code: string;
  name: string;
  nodes: CheckpointNode[];
}

interface Values {
  code: string;
  name: string;
  supervisorUnitId?: string;
  sourceDoc?: string;
  checkpointTemplateId?: string | null;
  signoffLevels: number;
  noticeWorkingDays: number;
  yellowDays: number;
  evidenceRequired: boolean;
  period?: [Dayjs | null, Dayjs | null] | null;
  description?: string;
}

const tid = (field: string) => `ledger-form-${field}`;

export function LedgerFormModal({
  open,
  kind,
  onClose,
  onCreated,
}: {
  open: boolean;
  kind: LedgerKind;
  onClose: () => void;
  onCreated: (ledger: Ledger) => void;
}) {
  const { t, i18n } = useTranslation();
  const { me } = useAuth();
  const english = i18n.language.startsWith('en');
  const templates = useCached<Template[]>(open ? '/api/checkpoint-templates' : null).data;
  const rectification = kind === 'rectification';
  const initial = useMemo<Values>(
    () => ({
      code: '',
      name: '',
      supervisorUnitId: me?.unitId,
      signoffLevels: rectification ? 2 : 1,
      noticeWorkingDays: DEFAULT_NOTICE_WORKING_DAYS,
      yellowDays: 3,
      evidenceRequired: rectification,
    }),
    [me?.unitId, rectification],
  );
  const { form, modalProps } = useModalForm<Values>({
    open,
    initial,
    onSubmit: async (v) => {
      const body = {
        kind,
        code: v.code.trim(),
        name: v.name.trim(),
        supervisorUnitId: v.supervisorUnitId,
        sourceDoc: v.sourceDoc?.trim() || null,
        ...(v.checkpointTemplateId !== undefined ? { checkpointTemplateId: v.checkpointTemplateId } : {}),
        signoffLevels: v.signoffLevels,
        noticeWorkingDays: v.noticeWorkingDays,
        yellowDays: v.yellowDays,
        evidenceRequired: v.evidenceRequired,
        startsOn: v.period?.[0]?.format('YYYY-MM-DD') ?? null,
        endsOn: v.period?.[1]?.format('YYYY-MM-DD') ?? null,
        description: v.description?.trim() || null,
      };
      onCreated(await api.post<Ledger>('/api/ledgers', body));
    },
  });

  return (
    <Modal
      {...modalProps}
      width={720}
      title={rectification ? t('rectification.createCampaign') : t('ledger.ledgerForm.title')}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'ledger-form-submit' } as ButtonProps}
    >
      <Form form={form} layout="vertical" initialValues={initial} requiredMark="optional">
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item
              name="code"
              label={t('ledger.ledgerForm.code')}
              rules={[{ required: true }, { pattern: /^[A-Za-z0-9-]{2,32}$/, message: t('ledger.ledgerForm.codeFormat') }]}
              extra={t('ledger.ledgerForm.codeHint')}
            >
              <Input maxLength={32} data-testid={tid('code')} />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item
              name="name"
              label={rectification ? t('rectification.campaignName') : t('ledger.ledgerForm.name')}
              rules={[{ required: true, whitespace: true, max: 200 }]}
            >
              <Input maxLength={200} data-testid={tid('name')} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="supervisorUnitId" label={t('ledger.ledgerForm.supervisorUnit')} rules={[{ required: true }]}>
              <UnitTreeSelect allowClear={false} testId={tid('supervisorUnitId')} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="sourceDoc" label={t('ledger.ledgerForm.sourceDoc')} rules={[{ max: 500 }]}>
              <Input placeholder={rectification ? t('rectification.sourceDocHint') : undefined} data-testid={tid('sourceDoc')} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="signoffLevels"
              label={t('ledger.ledgerForm.signoffLevels')}
              rules={[{ required: true }]}
              extra={t('ledger.ledgerForm.signoffLevelsHint')}
            >
              <InputNumber min={1} max={5} precision={0} style={{ width: '100%' }} data-testid={tid('signoffLevels')} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="noticeWorkingDays"
              label={t('ledger.ledgerForm.noticeWorkingDays')}
              rules={[{ required: true }]}
              extra={t('ledger.ledgerForm.noticeHint')}
            >
              <InputNumber min={0} max={30} precision={0} style={{ width: '100%' }} data-testid={tid('noticeWorkingDays')} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="yellowDays" label={t('ledger.ledgerForm.yellowDays')} rules={[{ required: true }]} extra={t('ledger.ledgerForm.yellowDaysHint')}>
              <InputNumber min={0} max={30} precision={0} style={{ width: '100%' }} data-testid={tid('yellowDays')} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="checkpointTemplateId" label={t('ledger.ledgerForm.template')} extra={t('ledger.ledgerForm.templateHint')}>
              <Select
                allowClear
                loading={!templates}
                placeholder={t('ledger.ledgerForm.templateDefault')}
                options={[
                  ...(templates ?? []).map((tpl) => ({
                    value: tpl.id,
                    label: t('ledger.parenthesised', {
                      text: tpl.name,
                      note: tpl.nodes.map((n) => `${english ? n.nameEn : n.name} D+${n.offset}`).join(' / '),
                    }),
                  })),
                ]}
                data-testid={tid('checkpointTemplateId')}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="period" label={t('ledger.ledgerForm.period')}>
              <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: '100%' }} data-testid={tid('period')} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item
              name="evidenceRequired"
              label={t('ledger.ledgerForm.evidenceRequired')}
              valuePropName="checked"
              extra={t('ledger.ledgerForm.evidenceHint')}
            >
              <Switch data-testid={tid('evidenceRequired')} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="description" label={t('ledger.form.description')} rules={[{ max: 4000 }]}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} data-testid={tid('description')} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
