// A meeting series (一月一协调 / 一周一安排): cadence, organising unit, chair, attendees, the supervision ledger that
// receives its decisions, the first date.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Col, DatePicker, Form, Input, Modal, Radio, Row, Select, type ButtonProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { meetingCadences, type MeetingCadence, type MeetingSeriesDetail } from '@zoneops/shared';
import { api } from '../../app/api.ts';
import { useAuth } from '../../app/auth.tsx';
import { UnitTreeSelect } from '../../app/components/UnitTreeSelect.tsx';
import type { Ledger } from '../../app/contract.ts';
import { useApiGet } from '../../app/use-api.ts';
import { useModalForm } from '../../app/use-modal-form.ts';
import { UserSelect } from '../ledger/UserSelect.tsx';
import { UsersSelect } from '../ledger/UsersSelect.tsx';

interface Values {
  name: string;
  cadence: MeetingCadence;
  unitId?: string;
  chairId?: string;
  attendeeIds: string[];
  ledgerId?: string;
  firstOn?: Dayjs;
}

const tid = (f: string) => `series-form-${f}`;

export function SeriesFormModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (s: MeetingSeriesDetail) => void }) {
  const { t } = useTranslation();
  const { me } = useAuth();
  const ledgers = useApiGet<Ledger[]>(open ? '/api/ledgers' : null, { kind: 'supervision' });
  const initial = useMemo<Values>(() => ({ name: '', cadence: 'monthly', unitId: me?.unitId, attendeeIds: [], firstOn: dayjs() }), [me?.unitId]);
  const { form, modalProps } = useModalForm<Values>({
    open,
    initial,
    onSubmit: async (v) =>
      onCreated(
        await api.post<MeetingSeriesDetail>('/api/meeting-series', {
          name: v.name.trim(),
          cadence: v.cadence,
          unitId: v.unitId,
          chairId: v.chairId ?? null,
          attendeeIds: v.attendeeIds ?? [],
          ledgerId: v.ledgerId,
          firstOn: v.firstOn?.format('YYYY-MM-DD'),
        }),
      ),
  });
  return (
    <Modal
      {...modalProps}
      width={680}
      title={t('meetings.createSeries')}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'series-form-submit' } as ButtonProps}
    >
      <Form form={form} layout="vertical" initialValues={initial} requiredMark="optional">
        <Row gutter={16}>
          <Col span={24}>
            <Form.Item name="name" label={t('meetings.name')} rules={[{ required: true, whitespace: true, max: 200 }]}>
              <Input placeholder={t('meetings.namePlaceholder')} data-testid={tid('name')} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="cadence" label={t('meetings.cadence')} rules={[{ required: true }]}>
              <Radio.Group
                optionType="button"
                options={meetingCadences.map((c) => ({ value: c, label: t(`meetings.cadences.${c}`) }))}
                data-testid={tid('cadence')}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="firstOn" label={t('meetings.firstOn')} rules={[{ required: true }]}>
              <DatePicker style={{ width: '100%' }} data-testid={tid('firstOn')} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="unitId" label={t('meetings.unit')} rules={[{ required: true }]}>
              <UnitTreeSelect allowClear={false} testId={tid('unitId')} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="chairId" label={t('meetings.chair')}>
              <UserSelect roleCode="leader" testId={tid('chairId')} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="attendeeIds" label={t('meetings.attendees')}>
              <UsersSelect testId={tid('attendeeIds')} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="ledgerId" label={t('meetings.ledger')} rules={[{ required: true }]} extra={t('meetings.ledgerHint')}>
              <Select
                loading={ledgers.loading && !ledgers.data}
                options={(ledgers.data ?? []).filter((l) => l.status === 'active').map((l) => ({ value: l.id, label: `${l.code} · ${l.name}` }))}
                data-testid={tid('ledgerId')}
              />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
