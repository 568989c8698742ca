// Create or edit an enterprise. The credit code is checked on the client too (GB 32100 check character).
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Col, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import { enterpriseStatuses, enterpriseTags, isValidUscc, type Enterprise, type Unit } from '@zoneops/shared';
import { api } from '../../app/api.ts';
import { UnitTreeSelect } from '../../app/components/UnitTreeSelect.tsx';
import { blankToNull, changedFields } from '../../app/form-errors.ts';
import { useDictionary } from '../../app/reference-data.ts';
import { useModalForm } from '../../app/use-modal-form.ts';

const PHONE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;
const isStreet = (u: Unit) => u.kind === 'street' || u.kind === 'town';

type Values = Omit<Enterprise, 'id' | 'createdAt'>;

function initialOf(e: Enterprise | null): Values {
  if (!e) {
    return {
      name: '',
      uscc: '',
      legalRep: null,
      address: null,
      lng: null,
      lat: null,
      industry: null,
      tags: [],
      status: 'operating',
      contactName: null,
      contactPhone: null,
      streetId: null,
    };
  }
  return {
    name: e.name,
    uscc: e.uscc,
    legalRep: e.legalRep,
    address: e.address,
    lng: e.lng,
    lat: e.lat,
    industry: e.industry,
    tags: e.tags,
    status: e.status,
    contactName: e.contactName,
    contactPhone: e.contactPhone,
    streetId: e.streetId,
  };
}

export function EnterpriseFormModal(props: {
  open: boolean;
  enterprise: Enterprise | null;
  canPickStreet: boolean;
  onClose: () => void;
  onSaved: (e: Enterprise) => void;
}) {
  const { open, enterprise } = props;
  const { t } = useTranslation();
  const industries = useDictionary('industry');
  const initial = useMemo(() => initialOf(enterprise), [enterprise]);
  const { form, modalProps } = useModalForm<Values>({
    open,
    initial,
    onSubmit: async (raw) => {
      const values = blankToNull({ ...raw, uscc: raw.uscc.trim().toUpperCase() });
      const saved = enterprise
        ? await api.patch<Enterprise>(`/api/enterprises/${enterprise.id}`, changedFields(values, initial))
        : await api.post<Enterprise>('/api/enterprises', values);
      props.onSaved(saved);
    },
  });

  // Masked values (shown to users without field.* permissions) pass as long as they are left unchanged.
  const usccRule = {
    validator: async (_: unknown, value: string | undefined) => {
      if (!value || value === initial.uscc) return;
      if (!isValidUscc(value.trim().toUpperCase())) throw new Error(t('enterprises.usccInvalid'));
    },
  };
  const phoneRule = {
    validator: async (_: unknown, value: string | null | undefined) => {
      if (!value || value === initial.contactPhone) return;
      if (!PHONE.test(value)) throw new Error(t('errors.VALIDATION_FAILED'));
    },
  };

  return (
    <Modal {...modalProps} width={760} title={enterprise ? t('enterprises.edit') : t('enterprises.create')} onCancel={props.onClose}>
      <Form form={form} layout="vertical" initialValues={initial}>
        <Row gutter={16}>
          <Col span={24}>
            <Form.Item name="name" label={t('enterprises.name')} rules={[{ required: true, whitespace: true, max: 200 }]}>
              <Input data-testid="enterprise-form-name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="uscc"
              label={t('enterprises.uscc')}
              rules={[{ required: true }, usccRule]}
              extra={initial.uscc.includes('*') ? t('enterprises.usccMasked') : undefined}
            >
              <Input maxLength={18} className="zo-mono" data-testid="enterprise-form-uscc" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="legalRep" label={t('enterprises.legalRep')} rules={[{ max: 50 }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="industry" label={t('enterprises.industry')}>
              <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={industries.options} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="status" label={t('enterprises.status')} rules={[{ required: true }]}>
              <Select options={enterpriseStatuses.map((s) => ({ value: s, label: t(`enterpriseStatus.${s}`) }))} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="tags" label={t('enterprises.tags')}>
              <Select mode="multiple" options={enterpriseTags.map((s) => ({ value: s, label: t(`enterpriseTag.${s}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="contactName" label={t('enterprises.contactName')} rules={[{ max: 50 }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="contactPhone" label={t('enterprises.contactPhone')} rules={[phoneRule]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="address" label={t('enterprises.address')} rules={[{ max: 300 }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="lng" label={t('enterprises.lng')}>
              <InputNumber min={73} max={136} step={0.000001} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="lat" label={t('enterprises.lat')}>
              <InputNumber min={3} max={54} step={0.000001} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          {props.canPickStreet && (
            <Col xs={24} md={12}>
              <Form.Item name="streetId" label={t('enterprises.street')}>
                <UnitTreeSelect only={isStreet} />
              </Form.Item>
            </Col>
          )}
        </Row>
      </Form>
    </Modal>
  );
}
