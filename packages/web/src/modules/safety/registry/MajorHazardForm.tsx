// Registers a major hazard source (POST /api/safety/major-hazards) or edits one (PATCH, only the fields changed):
// code, name, enterprise, level, installations, the three responsible persons, assessment dates, location. The
// server's field errors land on their fields; a taken code is marked on the code field.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Col, DatePicker, Divider, Form, Input, InputNumber, Modal, Row, Select, Space, type ButtonProps } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { majorHazardLevels, installationKinds, responsibleRoles, type Installation, type Responsible } from '@zoneops/shared';
import { api } from '../../../app/api.ts';
import { changedFields } from '../../../app/form-errors.ts';
import { useModalForm } from '../../../app/use-modal-form.ts';
import { EnterpriseSelect } from '../../projects/pickers.tsx';
import { conflictField } from './registry-ui.ts';
import type { MajorHazard } from './registry-types.ts';

interface Values {
  code: string;
  name: string;
  enterpriseId?: string;
  level: number;
  installations: { name: string; kind?: Installation['kind']; capacity?: string | null }[];
  responsible: Responsible;
  assessedOn?: Dayjs | null;
  assessmentDueOn?: Dayjs | null;
  lng?: number | null;
  lat?: number | null;
}

const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);
const emptyPerson = { name: '', phone: '' };

/** The body the form's values stand for (the create body; an edit sends only what differs from the source's). */
function bodyOf(v: Values) {
  return {
    code: v.code.trim(),
    name: v.name.trim(),
    level: v.level,
    installations: (v.installations ?? []).map((i) => ({ name: i.name.trim(), kind: i.kind ?? null, capacity: i.capacity?.trim() || null })),
    responsible: v.responsible,
    assessedOn: day(v.assessedOn),
    assessmentDueOn: day(v.assessmentDueOn),
    lng: v.lng ?? null,
    lat: v.lat ?? null,
  };
}

export function MajorHazardForm({
  open,
  source,
  onClose,
  onSaved,
}: {
  open: boolean;
  /** null: a new source */
  source: MajorHazard | null;
  onClose: () => void;
  onSaved: (s: MajorHazard) => void;
}) {
  const { t } = useTranslation();
  const initial = useMemo<Values>(
    () =>
      source
        ? {
            code: source.code,
            name: source.name,
            level: source.level,
            installations: source.installations.map((i) => ({ name: i.name, kind: i.kind ?? undefined, capacity: i.capacity ?? null })),
            responsible: source.responsible,
            assessedOn: source.assessedOn ? dayjs(source.assessedOn) : null,
            assessmentDueOn: source.assessmentDueOn ? dayjs(source.assessmentDueOn) : null,
            lng: source.lng,
            lat: source.lat,
          }
        : { code: '', name: '', level: 4, installations: [], responsible: { main: emptyPerson, technical: emptyPerson, operational: emptyPerson } },
    [source],
  );
  const { form, modalProps } = useModalForm<Values>({
    open,
    initial,
    onSubmit: async (v) => {
      const body = bodyOf(v);
      try {
        if (source) {
          const changed = changedFields(body, bodyOf(initial));
          // the due date follows a new assessment date unless it was changed too
          if (changed.assessedOn !== undefined && changed.assessmentDueOn === undefined) delete changed.assessmentDueOn;
          onSaved(await api.patch<MajorHazard>(`/api/safety/major-hazards/${source.id}`, changed));
        } else {
          onSaved(await api.post<MajorHazard>('/api/safety/major-hazards', { ...body, enterpriseId: v.enterpriseId }));
        }
      } catch (err) {
        if (conflictField(err) === 'code') form.setFields([{ name: 'code', errors: [t('safetyRegistry.conflict.code')] }]);
        else throw err;
      }
    },
  });
  const f = (k: string) => t(`safetyRegistry.sources.col.${k}`);
  return (
    <Modal
      {...modalProps}
      width={760}
      title={source ? t('safetyRegistry.sources.edit') : t('safetyRegistry.sources.create')}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'source-submit' } as ButtonProps}
    >
      <Form form={form} layout="vertical" preserve={false} data-testid="source-form">
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item name="code" label={f('code')} rules={[{ required: true, whitespace: true }, { max: 50 }]}>
              <Input data-testid="source-code" />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item name="name" label={f('name')} rules={[{ required: true, whitespace: true }, { max: 200 }]}>
              <Input data-testid="source-name" />
            </Form.Item>
          </Col>
          <Col span={16}>
            {source ? (
              <Form.Item label={f('enterprise')}>{source.enterpriseName}</Form.Item>
            ) : (
              <Form.Item name="enterpriseId" label={f('enterprise')} rules={[{ required: true }]}>
                <EnterpriseSelect testId="source-enterprise" />
              </Form.Item>
            )}
          </Col>
          <Col span={8}>
            <Form.Item name="level" label={f('level')} rules={[{ required: true }]}>
              <Select options={majorHazardLevels.map((l) => ({ value: l, label: t(`safetyRegistry.levels.${l}`) }))} data-testid="source-level" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="assessedOn" label={f('assessedOn')}>
              <DatePicker style={{ width: '100%' }} data-testid="source-assessed" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="assessmentDueOn" label={f('assessmentDueOn')} extra={t('safetyRegistry.sources.dueDefault')}>
              <DatePicker style={{ width: '100%' }} data-testid="source-due" />
            </Form.Item>
          </Col>
          <Col span={4}>
            <Form.Item name="lng" label={t('safetyRegistry.sources.lng')}>
              <InputNumber min={-180} max={180} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={4}>
            <Form.Item name="lat" label={t('safetyRegistry.sources.lat')}>
              <InputNumber min={-90} max={90} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start" plain>
          {t('safetyRegistry.sources.responsibleGroup')}
        </Divider>
        {source?.responsibleMasked && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('safetyRegistry.sources.masked')} />}
        {responsibleRoles.map((role) => (
          <Row gutter={12} key={role}>
            <Col span={10}>
              <Form.Item
                name={['responsible', role, 'name']}
                label={`${t(`safetyRegistry.roles.${role}`)} · ${t('safetyRegistry.sources.personName')}`}
                rules={[{ required: true, whitespace: true }, { max: 50 }]}
              >
                <Input data-testid={`source-${role}-name`} />
              </Form.Item>
            </Col>
            <Col span={14}>
              <Form.Item
                name={['responsible', role, 'phone']}
                label={t('safetyRegistry.sources.phone')}
                rules={[{ required: true, whitespace: true }, { max: 16 }]}
              >
                <Input data-testid={`source-${role}-phone`} />
              </Form.Item>
            </Col>
          </Row>
        ))}

        <Divider titlePlacement="start" plain>
          {f('installations')}
        </Divider>
        <Form.List name="installations">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Space key={field.key} align="baseline" style={{ display: 'flex' }}>
                  <Form.Item name={[field.name, 'name']} rules={[{ required: true, whitespace: true }, { max: 100 }]}>
                    <Input placeholder={t('safetyRegistry.sources.installationName')} style={{ width: 220 }} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'kind']}>
                    <Select
                      allowClear
                      placeholder={t('safetyRegistry.sources.installationKind')}
                      style={{ width: 130 }}
                      options={installationKinds.map((k) => ({ value: k, label: t(`safetyRegistry.installationKinds.${k}`) }))}
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, 'capacity']} rules={[{ max: 100 }]}>
                    <Input placeholder={t('safetyRegistry.sources.capacity')} style={{ width: 220 }} />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(field.name)} aria-label={t('common.delete')} />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '' })} data-testid="source-add-installation">
                {t('safetyRegistry.sources.addInstallation')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
