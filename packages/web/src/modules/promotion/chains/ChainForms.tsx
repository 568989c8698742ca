// The forms of the chain map (promotion.manage): a chain (POST /api/promotion/chains, PATCH …/:id), a segment
// (POST /api/promotion/chains/:id/segments, PATCH /api/promotion/segments/:id) and a company on a segment
// (POST /api/promotion/segments/:id/companies, PATCH /api/promotion/segment-companies/:id): a zone enterprise picked from
// the enterprise register or a target company by name, possibly tied to a lead, and whether it leads the chain (链主).
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Form, Input, InputNumber, Modal, Radio, Select, Switch, type ButtonProps } from 'antd';
import type { Chain, ChainDetail } from '@zoneops/shared';
import { api } from '../../../app/api.ts';
import { useModalForm } from '../../../app/use-modal-form.ts';
import { UserSelect } from '../../ledger/UserSelect.tsx';
import { EnterpriseSelect } from '../../projects/pickers.tsx';
import { CHAINS_PATH, LeadSelect } from '../pickers.tsx';

type Segment = ChainDetail['segments'][number];
type Company = Segment['companies'][number];

const blank = (s: string | null | undefined) => (s?.trim() ? s.trim() : null);

interface FormProps<T> {
  open: boolean;
  onClose: () => void;
  onSaved: (answer: T) => void;
}

export function ChainFormModal({ open, chain, onClose, onSaved }: FormProps<Chain> & { chain: Chain | null }) {
  const { t } = useTranslation();
  const initial = useMemo(
    () => ({ name: chain?.name ?? '', description: chain?.description ?? '', chiefUserId: chain?.chiefUserId ?? undefined, sort: chain?.sort ?? 0 }),
    [chain],
  );
  const { form, modalProps } = useModalForm<typeof initial>({
    open,
    initial,
    onSubmit: async (v) => {
      const body = { name: v.name.trim(), description: blank(v.description), chiefUserId: v.chiefUserId ?? null, sort: v.sort ?? 0 };
      onSaved(chain ? await api.patch<Chain>(`${CHAINS_PATH}/${chain.id}`, body) : await api.post<Chain>(CHAINS_PATH, body));
    },
  });
  return (
    <Modal
      {...modalProps}
      title={chain ? t('promotion.chains.editTitle', { name: chain.name }) : t('promotion.chains.createTitle')}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'chain-form-submit' } as ButtonProps}
    >
      <Form form={form} layout="vertical" initialValues={initial} requiredMark="optional">
        <Form.Item name="name" label={t('promotion.chains.name')} rules={[{ required: true, whitespace: true, max: 100 }]}>
          <Input data-testid="chain-form-name" />
        </Form.Item>
        <Form.Item name="chiefUserId" label={t('promotion.chains.chief')} extra={t('promotion.chains.chiefHint')}>
          <UserSelect testId="chain-form-chief" />
        </Form.Item>
        <Form.Item name="sort" label={t('promotion.chains.sort')}>
          <InputNumber min={0} max={999} precision={0} data-testid="chain-form-sort" />
        </Form.Item>
        <Form.Item name="description" label={t('promotion.chains.description')} rules={[{ max: 2000 }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="chain-form-description" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function SegmentFormModal({
  open,
  chain,
  segment,
  parentId,
  onClose,
  onSaved,
}: FormProps<unknown> & { chain: ChainDetail; segment: Segment | null; parentId?: string | null }) {
  const { t } = useTranslation();
  const initial = useMemo(
    () => ({
      name: segment?.name ?? '',
      parentId: segment ? segment.parentId : (parentId ?? null),
      position: segment?.position ?? chain.segments.length,
      description: segment?.description ?? '',
    }),
    [segment, parentId, chain.segments.length],
  );
  const { form, modalProps } = useModalForm<typeof initial>({
    open,
    initial,
    onSubmit: async (v) => {
      const body = { name: v.name.trim(), parentId: v.parentId ?? null, position: v.position ?? 0, description: blank(v.description) };
      onSaved(segment ? await api.patch(`/api/promotion/segments/${segment.id}`, body) : await api.post(`${CHAINS_PATH}/${chain.id}/segments`, body));
    },
  });
  // a segment is not its own parent (deeper cycles are the server's to refuse)
  const parents = chain.segments.filter((s) => s.id !== segment?.id).map((s) => ({ value: s.id, label: s.name }));
  return (
    <Modal
      {...modalProps}
      title={segment ? t('promotion.chains.editSegment', { name: segment.name }) : t('promotion.chains.addSegment')}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'segment-form-submit' } as ButtonProps}
    >
      <Form form={form} layout="vertical" initialValues={initial} requiredMark="optional">
        <Form.Item name="name" label={t('promotion.chains.segmentName')} rules={[{ required: true, whitespace: true, max: 100 }]}>
          <Input data-testid="segment-form-name" />
        </Form.Item>
        <Form.Item name="parentId" label={t('promotion.chains.parent')} extra={t('promotion.chains.parentHint')}>
          <Select allowClear options={parents} data-testid="segment-form-parent" />
        </Form.Item>
        <Form.Item name="position" label={t('promotion.chains.position')} extra={t('promotion.chains.positionHint')}>
          <InputNumber min={0} max={999} precision={0} data-testid="segment-form-position" />
        </Form.Item>
        <Form.Item name="description" label={t('promotion.chains.description')} rules={[{ max: 1000 }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} data-testid="segment-form-description" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface CompanyValues {
  kind: 'zone' | 'target';
  enterpriseId?: string | null;
  name?: string | null;
  leadId?: string | null;
  chainLeader?: boolean;
  note?: string | null;
}

export function CompanyFormModal({ open, segment, company, onClose, onSaved }: FormProps<unknown> & { segment: Segment; company: Company | null }) {
  const { t } = useTranslation();
  const initial = useMemo<CompanyValues>(
    () =>
      company
        ? {
            kind: company.kind,
            enterpriseId: company.enterpriseId,
            name: company.name,
            leadId: company.leadId,
            chainLeader: company.chainLeader,
            note: company.note,
          }
        : { kind: segment.gap ? 'target' : 'zone', chainLeader: false },
    [company, segment.gap],
  );
  const { form, modalProps } = useModalForm<CompanyValues>({
    open,
    initial,
    onSubmit: async (v) => {
      const zone = v.kind === 'zone';
      const body = {
        kind: v.kind,
        enterpriseId: zone ? (v.enterpriseId ?? null) : null,
        name: zone ? null : blank(v.name),
        leadId: zone ? null : (v.leadId ?? null),
        chainLeader: !!v.chainLeader,
        note: blank(v.note),
      };
      onSaved(
        company
          ? await api.patch(`/api/promotion/segment-companies/${company.id}`, body)
          : await api.post(`/api/promotion/segments/${segment.id}/companies`, body),
      );
    },
  });
  const kind = (Form.useWatch('kind', form) as CompanyValues['kind'] | undefined) ?? initial.kind;
  return (
    <Modal
      {...modalProps}
      title={company ? t('promotion.chains.editCompany', { name: company.name }) : t('promotion.chains.addCompany', { segment: segment.name })}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'company-form-submit' } as ButtonProps}
    >
      <Form form={form} layout="vertical" initialValues={initial} requiredMark="optional">
        <Form.Item name="kind" label={t('promotion.chains.kind')} rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            options={(['zone', 'target'] as const).map((k) => ({ value: k, label: t(`promotion.chains.kinds.${k}`) }))}
            data-testid="company-form-kind"
          />
        </Form.Item>
        {kind === 'zone' ? (
          <Form.Item name="enterpriseId" label={t('promotion.chains.enterprise')} rules={[{ required: true }]}>
            <EnterpriseSelect knownName={company?.enterpriseId ? company.name : undefined} testId="company-form-enterprise" />
          </Form.Item>
        ) : (
          <>
            <Form.Item
              name="name"
              label={t('promotion.chains.targetName')}
              dependencies={['leadId']}
              rules={[
                { max: 200 },
                ({ getFieldValue }) => ({
                  validator: async (_, v: string | null | undefined) => {
                    if (!v?.trim() && !getFieldValue('leadId')) throw new Error(t('promotion.chains.targetNeeds'));
                  },
                }),
              ]}
            >
              <Input data-testid="company-form-name" />
            </Form.Item>
            <Form.Item name="leadId" label={t('promotion.chains.lead')}>
              <LeadSelect
                known={company?.leadId && company.leadCode ? [{ id: company.leadId, code: company.leadCode, company: company.name }] : []}
                testId="company-form-lead"
              />
            </Form.Item>
          </>
        )}
        <Form.Item name="chainLeader" label={t('promotion.chains.chainLeader')} valuePropName="checked">
          <Switch data-testid="company-form-leader" />
        </Form.Item>
        <Form.Item name="note" label={t('promotion.chains.note')} rules={[{ max: 500 }]}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} data-testid="company-form-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
