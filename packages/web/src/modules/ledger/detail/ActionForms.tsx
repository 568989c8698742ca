// The forms of an item's detail page, each a modal that posts and hands back the item's new detail: a reason for
// send-back/objection/reopening, sign-off, progress, extension request and decision, comment or instruction, chase.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, DatePicker, Form, Input, InputNumber, Modal, Radio, type ButtonProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { LedgerAction } from '@zoneops/shared';
import { api } from '../../../app/api.ts';
import type { ItemDetail } from '../../../app/contract.ts';
import { useModalForm } from '../../../app/use-modal-form.ts';
import { UserSelect } from '../UserSelect.tsx';

type Extension = ItemDetail['extensions'][number];

interface Base {
  detail: ItemDetail;
  open: boolean;
  onClose: () => void;
  onDone: (detail: ItemDetail) => void;
}

const okProps = (testId: string) => ({ okButtonProps: { 'data-testid': testId } as ButtonProps });
const itemUrl = (d: ItemDetail, rest = '') => `/api/ledger-items/${d.item.id}${rest}`;

/** A transition that needs a reason: sendBack (退办), object (公示异议), reopen. */
export function ReasonModal({ detail, open, action, onClose, onDone }: Base & { action: LedgerAction | null }) {
  const { t } = useTranslation();
  const { form, modalProps } = useModalForm<{ reason: string }>({
    open,
    onSubmit: async ({ reason }) =>
      onDone(await api.post<ItemDetail>(itemUrl(detail, '/transitions'), { action, reason: reason.trim(), version: detail.item.version })),
  });
  return (
    <Modal {...modalProps} title={action ? t(`ledgerAction.${action}`) : ''} onCancel={onClose} {...okProps('action-reason-submit')}>
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="reason"
          label={t('ledger.actions.reason')}
          rules={[{ required: true, whitespace: true, max: 2000 }]}
          extra={action ? t(`ledger.actions.reasonHint.${action}`, { defaultValue: '' }) || undefined : undefined}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} autoFocus data-testid="action-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** One level of sign-off (审核签字) with an optional note. */
export function SignOffModal({ detail, open, onClose, onDone }: Base) {
  const { t } = useTranslation();
  const { form, modalProps } = useModalForm<{ note?: string }>({
    open,
    onSubmit: async ({ note }) => onDone(await api.post<ItemDetail>(itemUrl(detail, '/signoffs'), { note: note?.trim() || null })),
  });
  const level = detail.item.signoffDone + 1;
  return (
    <Modal {...modalProps} title={t('ledgerAction.signOff')} onCancel={onClose} {...okProps('signoff-submit')}>
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('ledger.actions.signoffLevel', { level, of: detail.ledger.signoffLevels })} />
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="note" label={t('ledger.actions.signoffNote')} rules={[{ max: 2000 }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} placeholder={t('ledger.actions.signoffNoteHint')} data-testid="signoff-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface ProgressValues {
  kind: 'progress' | 'effect' | 'decomposition';
  text: string;
  percent?: number | null;
}

/** 报送进展: a progress entry, a statement of effect (一月有效果), or the decomposition plan (一天有部署). */
export function ProgressModal({ detail, open, onClose, onDone }: Base) {
  const { t } = useTranslation();
  const initial = useMemo<ProgressValues>(() => ({ kind: 'progress', text: '', percent: detail.item.progress }), [detail]);
  const { form, modalProps } = useModalForm<ProgressValues>({
    open,
    initial,
    onSubmit: async (v) => onDone(await api.post<ItemDetail>(itemUrl(detail, '/progress'), { kind: v.kind, text: v.text.trim(), percent: v.percent ?? null })),
  });
  const hasChildren = detail.children.length > 0;
  return (
    <Modal {...modalProps} title={t('ledger.actions.reportProgress')} onCancel={onClose} width={600} {...okProps('progress-submit')}>
      <Form form={form} layout="vertical" initialValues={initial}>
        <Form.Item name="kind" label={t('ledger.progress.kind')}>
          <Radio.Group
            optionType="button"
            options={(['progress', 'effect', 'decomposition'] as const).map((k) => ({ value: k, label: t(`ledger.progress.kinds.${k}`) }))}
            data-testid="progress-kind"
          />
        </Form.Item>
        <Form.Item name="text" label={t('ledger.progress.text')} rules={[{ required: true, whitespace: true, max: 4000 }]}>
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 10 }} showCount maxLength={4000} data-testid="progress-text" />
        </Form.Item>
        <Form.Item name="percent" label={t('ledger.progress.percent')} extra={hasChildren ? t('ledger.progress.rolledUp') : undefined}>
          <InputNumber min={0} max={100} precision={0} suffix="%" disabled={hasChildren} style={{ width: 160 }} data-testid="progress-percent" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface ExtensionValues {
  reason: string;
  newDeadline?: Dayjs;
  progressNote: string;
}

/** 延期申请: reason, new date (after the current one), current progress. */
export function ExtensionModal({ detail, open, onClose, onDone, today }: Base & { today: string }) {
  const { t } = useTranslation();
  const { form, modalProps } = useModalForm<ExtensionValues>({
    open,
    onSubmit: async (v) =>
      onDone(
        await api.post<ItemDetail>(itemUrl(detail, '/extensions'), {
          reason: v.reason.trim(),
          newDeadline: v.newDeadline?.format('YYYY-MM-DD'),
          progressNote: v.progressNote.trim(),
        }),
      ),
  });
  const late = today > detail.item.deadline;
  return (
    <Modal {...modalProps} title={t('ledger.actions.requestExtension')} onCancel={onClose} width={600} {...okProps('extension-submit')}>
      {late && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('ledger.extension.lateWarning')} />}
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item label={t('ledger.extension.current')}>
          <Input value={detail.item.deadline} disabled />
        </Form.Item>
        <Form.Item name="newDeadline" label={t('ledger.extension.newDeadline')} rules={[{ required: true }]}>
          <DatePicker
            style={{ width: '100%' }}
            disabledDate={(d) => d.format('YYYY-MM-DD') <= detail.item.deadline}
            defaultPickerValue={dayjs(detail.item.deadline)}
            data-testid="extension-newDeadline"
          />
        </Form.Item>
        <Form.Item name="reason" label={t('ledger.extension.reason')} rules={[{ required: true, whitespace: true, max: 2000 }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="extension-reason" />
        </Form.Item>
        <Form.Item name="progressNote" label={t('ledger.extension.progressNote')} rules={[{ required: true, whitespace: true, max: 2000 }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="extension-progressNote" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export type Decision = 'approve' | 'reject' | 'escalate';

/** The supervisor's (or, once escalated, the leader's) decision on an extension request. */
export function ExtensionDecisionModal({
  detail,
  open,
  onClose,
  onDone,
  extension,
  decision,
}: Base & { extension: Extension | null; decision: Decision | null }) {
  const { t } = useTranslation();
  const { form, modalProps } = useModalForm<{ note?: string; leaderId?: string }>({
    open,
    onSubmit: async (v) =>
      onDone(
        await api.post<ItemDetail>(itemUrl(detail, `/extensions/${extension?.id}/decision`), {
          decision,
          note: v.note?.trim() || null,
          ...(decision === 'escalate' ? { leaderId: v.leaderId } : {}),
        }),
      ),
  });
  return (
    <Modal {...modalProps} title={decision ? t(`ledger.extension.decisions.${decision}`) : ''} onCancel={onClose} {...okProps('extension-decide-submit')}>
      {extension && (
        <Alert
          type={extension.late ? 'warning' : 'info'}
          showIcon
          style={{ marginBottom: 12 }}
          title={t('ledger.extension.summary', { from: detail.item.deadline, to: extension.newDeadline })}
          description={extension.reason}
        />
      )}
      <Form form={form} layout="vertical" preserve={false}>
        {decision === 'escalate' && (
          <Form.Item name="leaderId" label={t('ledger.extension.leader')} rules={[{ required: true }]} initialValue={detail.item.leaderId ?? undefined}>
            <UserSelect roleCode="leader" testId="extension-decide-leader" />
          </Form.Item>
        )}
        <Form.Item name="note" label={t('ledger.extension.note')} rules={[{ max: 2000, required: decision === 'reject', whitespace: true }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="extension-decide-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** A comment, or a leader's instruction (批示). */
export function CommentModal({ detail, open, onClose, onDone, kind }: Base & { kind: 'comment' | 'instruction' }) {
  const { t } = useTranslation();
  const { form, modalProps } = useModalForm<{ body: string }>({
    open,
    onSubmit: async ({ body }) => onDone(await api.post<ItemDetail>(itemUrl(detail, '/comments'), { kind, body: body.trim() })),
  });
  return (
    <Modal
      {...modalProps}
      title={kind === 'instruction' ? t('ledger.actions.instruct') : t('ledger.actions.comment')}
      onCancel={onClose}
      {...okProps('comment-submit')}
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="body"
          label={kind === 'instruction' ? t('ledger.comment.instruction') : t('ledger.comment.body')}
          rules={[{ required: true, whitespace: true, max: 4000 }]}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} autoFocus data-testid="comment-body" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 催办: a reminder to the lead unit, the owner and the linked leader, with an optional message. */
export function ChaseModal({ detail, open, onClose, onDone }: Base) {
  const { t } = useTranslation();
  const { form, modalProps } = useModalForm<{ body?: string }>({
    open,
    onSubmit: async ({ body }) => onDone(await api.post<ItemDetail>(itemUrl(detail, '/chase'), { body: body?.trim() || null })),
  });
  return (
    <Modal {...modalProps} title={t('ledger.actions.chase')} onCancel={onClose} {...okProps('chase-submit')}>
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('ledger.chase.hint', { unit: detail.item.leadUnitName })} />
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="body" label={t('ledger.chase.body')} rules={[{ max: 2000 }]}>
          <Input.TextArea
            autoSize={{ minRows: 2, maxRows: 6 }}
            placeholder={t('ledger.chase.placeholder', { code: detail.item.code, deadline: detail.item.deadline })}
            data-testid="chase-body"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
