// 登记走访: a visit (POST /api/service/visits) with the people, topics, notes and the requests raised during it (a
// repeatable sub-form, each filed on the enterprise's behalf); once saved, the same dialog takes the photos.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Card, DatePicker, Form, Input, Modal, Radio, Select, type ButtonProps } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { requestCategories, requestKinds } from '@zoneops/shared';
import { api } from '../../app/api.ts';
import { blankToNull } from '../../app/form-errors.ts';
import { useModalForm } from '../../app/use-modal-form.ts';
import { EnterpriseSelect } from '../projects/pickers.tsx';
import type { Visit, VisitInput } from './service-types.ts';
import { VisitPhotos } from './VisitPhotos.tsx';

type Values = Omit<VisitInput, 'visitedOn'> & { visitedOn: Dayjs };

export function VisitFormModal({ open, today, onClose, onSaved }: { open: boolean; today: string; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const [saved, setSaved] = useState<Visit | null>(null);
  const { form, modalProps } = useModalForm<Values>({
    open,
    onSubmit: async (v) => {
      const { requests, ...rest } = v;
      const body = { ...blankToNull(rest), visitedOn: v.visitedOn.format('YYYY-MM-DD'), requests: requests ?? [] };
      setSaved(await api.post<Visit>('/api/service/visits', body));
      onSaved();
    },
  });
  const close = () => {
    setSaved(null);
    onClose();
  };
  const f = (k: string) => t(`service.visits.form.${k}`);

  if (saved) {
    return (
      <Modal
        open={open}
        title={t('service.visits.photos.title')}
        onCancel={close}
        footer={
          <Button type="primary" onClick={close}>
            {t('common.close')}
          </Button>
        }
        destroyOnHidden
      >
        <Alert type="success" showIcon style={{ marginBottom: 12 }} title={t('service.visits.photos.hint')} />
        <VisitPhotos visitId={saved.id} canUpload onUploaded={onSaved} />
      </Modal>
    );
  }

  return (
    <Modal {...modalProps} title={t('service.visits.create')} onCancel={close} width={720} okButtonProps={{ 'data-testid': 'visit-submit' } as ButtonProps}>
      <Form form={form} layout="vertical" preserve={false} initialValues={{ visitedOn: dayjs(today), requests: [] }}>
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="enterpriseId" label={f('enterprise')} rules={[{ required: true }]} style={{ flex: 2 }}>
            <EnterpriseSelect testId="visit-enterprise" />
          </Form.Item>
          <Form.Item name="visitedOn" label={f('visitedOn')} rules={[{ required: true }]} style={{ flex: 1 }}>
            <DatePicker style={{ width: '100%' }} data-testid="visit-date" />
          </Form.Item>
        </div>
        <Form.Item name="people" label={f('people')} rules={[{ required: true, whitespace: true, max: 500 }]} extra={f('peopleHint')}>
          <Input maxLength={500} data-testid="visit-people" />
        </Form.Item>
        <Form.Item name="topics" label={f('topics')} rules={[{ required: true, whitespace: true, max: 2000 }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} data-testid="visit-topics" />
        </Form.Item>
        <Form.Item name="notes" label={f('notes')} rules={[{ max: 4000 }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={4000} data-testid="visit-notes" />
        </Form.Item>
        <Form.List name="requests">
          {(fields, { add, remove }) => (
            <Form.Item label={f('requests')}>
              {fields.map((field, i) => (
                <Card
                  key={field.key}
                  size="small"
                  title={t('service.visits.form.requestN', { n: i + 1 })}
                  extra={
                    <Button type="text" danger size="small" icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t('common.delete')} />
                  }
                  style={{ marginBottom: 8 }}
                  data-testid={`visit-request-${i}`}
                >
                  <div style={{ display: 'flex', gap: 12 }}>
                    <Form.Item name={[field.name, 'category']} label={t('service.requests.form.category')} rules={[{ required: true }]} style={{ flex: 1 }}>
                      <Select options={requestCategories.map((c) => ({ value: c, label: t(`service.category.${c}`) }))} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'kind']} label={t('service.requests.form.kind')} rules={[{ required: true }]} style={{ flex: 1 }}>
                      <Radio.Group optionType="button" size="small" options={requestKinds.map((k) => ({ value: k, label: t(`service.kind.${k}`) }))} />
                    </Form.Item>
                  </div>
                  <Form.Item name={[field.name, 'title']} label={t('service.requests.form.title')} rules={[{ required: true, whitespace: true, max: 200 }]}>
                    <Input maxLength={200} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'content']}
                    label={t('service.requests.form.content')}
                    rules={[{ required: true, whitespace: true, max: 4000 }]}
                  >
                    <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={4000} />
                  </Form.Item>
                </Card>
              ))}
              {fields.length < 20 && (
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ kind: 'ordinary' })} block data-testid="visit-add-request">
                  {f('addRequest')}
                </Button>
              )}
            </Form.Item>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
