// The department's decision on a submitted investment report: 审核通过 (after a confirmation) or 退回 with a reason.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { App, Button, Form, Input, Modal, Popconfirm, Space, type ButtonProps } from 'antd';
import { CheckOutlined, RollbackOutlined } from '@ant-design/icons';
import type { InvestmentReport } from '@zoneops/shared';
import { api } from '../../../app/api.ts';
import { useModalForm } from '../../../app/use-modal-form.ts';
import { useReportError } from '../../../app/use-report-error.ts';
import { usePeriodText } from './report-cells.tsx';

export const reviewReport = (r: Pick<InvestmentReport, 'id' | 'version'>, decision: 'approve' | 'return', reason?: string) =>
  api.post<InvestmentReport>(`/api/investment-reports/${r.id}/review`, { decision, reason: reason?.trim() || null, version: r.version });

/** 退回: the reason is required and shown to the reporter. */
export function ReturnModal({ report, onClose, onDone }: { report: InvestmentReport | null; onClose: () => void; onDone: (r: InvestmentReport) => void }) {
  const { t } = useTranslation();
  const periodText = usePeriodText();
  const { form, modalProps } = useModalForm<{ reason: string }>({
    open: report !== null,
    onSubmit: async ({ reason }) => {
      if (report) onDone(await reviewReport(report, 'return', reason));
    },
  });
  return (
    <Modal
      {...modalProps}
      title={report ? t('projectReports.review.returnTitle', { project: report.projectName, period: periodText(report.period) }) : ''}
      onCancel={onClose}
      okText={t('projectReports.review.return')}
      okButtonProps={{ danger: true, 'data-testid': 'report-return-submit' } as ButtonProps}
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="reason" label={t('projectReports.fields.returnReason')} rules={[{ required: true, whitespace: true, max: 2000 }]}>
          <Input.TextArea
            autoSize={{ minRows: 3, maxRows: 8 }}
            autoFocus
            placeholder={t('projectReports.review.reasonHint')}
            data-testid="report-return-reason"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The two buttons of a submitted report; `onReturn` opens the reason dialog, `onDone` gets the reviewed report. */
export function ReviewActions({
  report,
  onReturn,
  onDone,
}: {
  report: InvestmentReport;
  onReturn: (r: InvestmentReport) => void;
  onDone: (r: InvestmentReport) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const fail = useReportError();
  const [busy, setBusy] = useState(false);
  const approve = async () => {
    setBusy(true);
    try {
      const r = await reviewReport(report, 'approve');
      void message.success(t('projectReports.review.approved'));
      onDone(r);
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space size={4}>
      <Popconfirm
        title={t('projectReports.review.confirmApprove')}
        onConfirm={() => approve()}
        okButtonProps={{ 'data-testid': 'report-approve-confirm' } as ButtonProps}
      >
        <Button size="small" type="primary" ghost icon={<CheckOutlined />} loading={busy} data-testid="report-approve">
          {t('projectReports.review.approve')}
        </Button>
      </Popconfirm>
      <Button size="small" danger icon={<RollbackOutlined />} disabled={busy} onClick={() => onReturn(report)} data-testid="report-return">
        {t('projectReports.review.return')}
      </Button>
    </Space>
  );
}
