// "Hold the meeting": the minutes, and the decisions taken, each a supervised task (title, lead unit, owner,
// deadline) created in the series' ledger. A bad decision comes back named by its index and lands on its row.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Card, Col, DatePicker, Form, Input, Modal, Row, Select, type ButtonProps } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { priorities, type MeetingDetail, type Priority } from '@zoneops/shared';
import { api } from '../../app/api.ts';
import { UnitTreeSelect } from '../../app/components/UnitTreeSelect.tsx';
import { shanghaiToday } from '../../app/format.ts';
import { useModalForm } from '../../app/use-modal-form.ts';
import { UserSelect } from '../ledger/UserSelect.tsx';

interface Decision {
  title: string;
  leadUnitId?: string;
  ownerId?: string;
  deadline?: Dayjs;
  priority: Priority;
}

interface Values {
  minutes: string;
  decisions: Decision[];
}

export function HoldMeetingModal({
  detail,
  open,
  onClose,
  onHeld,
}: {
  detail: MeetingDetail;
  open: boolean;
  onClose: () => void;
  onHeld: (d: MeetingDetail) => void;
}) {
  const { t } = useTranslation();
  const today = shanghaiToday();
  const initial = useMemo<Values>(() => ({ minutes: '', decisions: [{ title: '', priority: 'normal' }] }), []);
  const { form, modalProps } = useModalForm<Values>({
    open,
    initial,
    onSubmit: async (v) =>
      onHeld(
        await api.post<MeetingDetail>(`/api/meetings/${detail.meeting.id}/hold`, {
          minutes: v.minutes.trim(),
          decisions: (v.decisions ?? []).map((d) => ({
            title: d.title.trim(),
            leadUnitId: d.leadUnitId,
            ownerId: d.ownerId ?? null,
            deadline: d.deadline?.format('YYYY-MM-DD'),
            priority: d.priority,
          })),
        }),
      ),
  });
  return (
    <Modal
      {...modalProps}
      width={900}
      title={t('meetings.hold.title', { name: detail.series.name, seq: detail.meeting.seq })}
      okText={t('meetings.hold.submit')}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'meeting-hold-submit' } as ButtonProps}
    >
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('meetings.hold.hint', { ledger: detail.series.ledgerName })} />
      <Form form={form} layout="vertical" initialValues={initial}>
        <Form.Item name="minutes" label={t('meetings.hold.minutes')} rules={[{ required: true, whitespace: true, max: 50000 }]}>
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} data-testid="meeting-minutes" />
        </Form.Item>
        <Form.List name="decisions">
          {(fields, { add, remove }) => (
            <>
              {fields.map(({ key, name }, index) => (
                <Card
                  key={key}
                  size="small"
                  style={{ marginBottom: 8, background: '#fafbfc' }}
                  title={t('meetings.hold.decision', { n: index + 1 })}
                  extra={
                    <Button
                      type="text"
                      icon={<MinusCircleOutlined />}
                      onClick={() => remove(name)}
                      aria-label={t('common.delete')}
                      data-testid={`decision-remove-${index}`}
                    />
                  }
                  data-testid={`decision-${index}`}
                >
                  <Row gutter={12}>
                    <Col span={24}>
                      <Form.Item name={[name, 'title']} label={t('meetings.hold.decisionTitle')} rules={[{ required: true, whitespace: true, max: 300 }]}>
                        <Input data-testid={`decision-title-${index}`} />
                      </Form.Item>
                    </Col>
                    <Col span={8}>
                      <Form.Item name={[name, 'leadUnitId']} label={t('ledger.col.leadUnit')} rules={[{ required: true }]}>
                        <UnitTreeSelect testId={`decision-lead-unit-${index}`} />
                      </Form.Item>
                    </Col>
                    <Col span={6}>
                      <Form.Item name={[name, 'ownerId']} label={t('ledger.col.owner')}>
                        <UserSelect testId={`decision-owner-${index}`} />
                      </Form.Item>
                    </Col>
                    <Col span={5}>
                      <Form.Item name={[name, 'deadline']} label={t('ledger.col.deadline')} rules={[{ required: true }]}>
                        <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.format('YYYY-MM-DD') < today} data-testid={`decision-deadline-${index}`} />
                      </Form.Item>
                    </Col>
                    <Col span={5}>
                      <Form.Item name={[name, 'priority']} label={t('ledger.form.priority')}>
                        <Select options={priorities.map((p) => ({ value: p, label: t(`ledgerPriority.${p}`) }))} />
                      </Form.Item>
                    </Col>
                  </Row>
                </Card>
              ))}
              <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ title: '', priority: 'normal' })} data-testid="decision-add">
                {t('meetings.hold.addDecision')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
