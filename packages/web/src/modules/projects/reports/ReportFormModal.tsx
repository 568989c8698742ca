// 填报: the investment report of a period (a month, or a 旬 when the project reports every ten days). 保存草稿 keeps it
// with the reporter (PUT submit:false), 报送 sends it to the department (submit:true). A draft or a returned report
// is filled in again; an approved period is final. Mount it with a new `key` each time it opens (fresh state).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, App, Button, Col, DatePicker, Form, Input, Modal, Row, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { InvestmentReport, ProjectDetail } from '@zoneops/shared';
import { api, isApiError } from '../../../app/api.ts';
import { shanghaiToday } from '../../../app/format.ts';
import { useErrorText, useReportError } from '../../../app/use-report-error.ts';
import { formatWan } from '../format.ts';
import { parseMoneyInput } from './money.ts';
import { composePeriod, defaultReportPeriod, isFuturePeriod, monthOfPeriod, periodParts, tenDayParts, type TenDayPart } from './periods.ts';
import { usePeriodText } from './report-cells.tsx';
import { forecastsOverrun } from './report-ui.ts';

interface Values {
  month?: Dayjs;
  part?: TenDayPart;
  planned?: string;
  completed?: string;
  physicalProgress?: string;
  problems?: string;
  overrunExplanation?: string;
}

const textOf = (r: InvestmentReport | undefined): Partial<Values> => ({
  planned: r?.planned ?? undefined,
  completed: r?.completed ?? undefined,
  physicalProgress: r?.physicalProgress ?? undefined,
  problems: r?.problems ?? undefined,
  overrunExplanation: r?.overrunExplanation ?? undefined,
});

export function ReportFormModal({
  project,
  reports,
  open,
  period: initialPeriod,
  onClose,
  onSaved,
}: {
  project: ProjectDetail;
  /** the project's reports, to refill a period that has one */
  reports: readonly InvestmentReport[];
  open: boolean;
  /** the period to open on (editing a report); default: the last finished period */
  period?: string;
  onClose: () => void;
  onSaved: (r: InvestmentReport, submitted: boolean) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const errorText = useErrorText();
  const periodText = usePeriodText();
  const tenDays = project.reportFrequency === 'tenDays';
  const today = shanghaiToday();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState<'draft' | 'submit' | null>(null);
  const [overrunAsked, setOverrunAsked] = useState(false);
  const [refused, setRefused] = useState<string | null>(null);

  // the values the dialog opens with; later changes of the list do not overwrite what is being typed
  const [initial] = useState<Values>(() => {
    const period = initialPeriod ?? defaultReportPeriod(today, project.reportFrequency);
    const existing = reports.find((r) => r.period === period);
    return {
      month: dayjs(`${monthOfPeriod(period)}-01`),
      part: periodParts(period)?.part ?? (tenDays ? 1 : undefined),
      ...(existing && existing.status !== 'approved' ? textOf(existing) : {}),
    };
  });

  const month = Form.useWatch('month', form) ?? initial.month;
  const part = Form.useWatch('part', form) ?? initial.part;
  const completed = Form.useWatch('completed', form);
  const explanation = Form.useWatch('overrunExplanation', form);
  const period = month ? composePeriod(month.format('YYYY-MM'), tenDays ? (part ?? 1) : null) : null;
  const existing = period ? reports.find((r) => r.period === period) : undefined;
  const approved = existing?.status === 'approved' || (period !== null && refused === period);
  const future = period !== null && isFuturePeriod(period, today);
  const forecast = forecastsOverrun(project, parseMoneyInput(completed));
  const showOverrun = overrunAsked || forecast || !!explanation || !!existing?.overrunExplanation;

  const onValuesChange = (changed: Partial<Values>) => {
    if (!('month' in changed) && !('part' in changed)) return;
    const m = (changed.month ?? form.getFieldValue('month')) as Dayjs | undefined;
    const p = (changed.part ?? form.getFieldValue('part')) as TenDayPart | undefined;
    if (!m) return;
    const next = reports.find((r) => r.period === composePeriod(m.format('YYYY-MM'), tenDays ? (p ?? 1) : null));
    // a period that has a report is refilled with it; moving on from it leaves a blank form
    if (next && next.status !== 'approved') form.setFieldsValue(textOf(next));
    else if (existing)
      form.setFieldsValue({ planned: undefined, completed: undefined, physicalProgress: undefined, problems: undefined, overrunExplanation: undefined });
  };

  const save = async (submit: boolean) => {
    const v = await form.validateFields();
    if (!period) return;
    setBusy(submit ? 'submit' : 'draft');
    try {
      const saved = await api.put<InvestmentReport>(`/api/projects/${project.id}/reports`, {
        period,
        planned: parseMoneyInput(v.planned),
        completed: parseMoneyInput(v.completed),
        physicalProgress: v.physicalProgress?.trim() || null,
        problems: v.problems?.trim() || null,
        overrunExplanation: v.overrunExplanation?.trim() || null,
        submit,
      });
      void message.success(submit ? t('projectReports.form.submitted') : t('projectReports.form.saved'));
      onSaved(saved, submit);
    } catch (err) {
      if (isApiError(err, 'INVESTMENT_OVERRUN')) {
        setOverrunAsked(true);
        form.setFields([{ name: 'overrunExplanation', errors: [errorText(err)] }]);
      }
      if (isApiError(err, 'REPORT_ALREADY_APPROVED')) setRefused(period);
      report(err, form);
    } finally {
      setBusy(null);
    }
  };

  const moneyRule = {
    validator: (_: unknown, value: string | undefined) =>
      !value || parseMoneyInput(value) !== null ? Promise.resolve() : Promise.reject(new Error(t('projectReports.form.moneyFormat'))),
  };
  const moneyInput = (testId: string) => <Input inputMode="decimal" suffix={t('projectReports.unitWan')} allowClear data-testid={testId} />;

  return (
    <Modal
      open={open}
      onCancel={onClose}
      destroyOnHidden
      width={680}
      title={t('projectReports.form.title', { project: project.name })}
      footer={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            onClick={() => void save(false).catch(() => undefined)}
            loading={busy === 'draft'}
            disabled={approved || future || busy === 'submit'}
            data-testid="report-save-draft"
          >
            {t('projectReports.form.saveDraft')}
          </Button>
          <Button
            type="primary"
            onClick={() => void save(true).catch(() => undefined)}
            loading={busy === 'submit'}
            disabled={approved || future || busy === 'draft'}
            data-testid="report-submit"
          >
            {t('projectReports.form.submit')}
          </Button>
        </Space>
      }
    >
      <Form form={form} layout="vertical" initialValues={initial} onValuesChange={onValuesChange} data-testid="report-form">
        <Row gutter={12}>
          <Col span={tenDays ? 14 : 24}>
            <Form.Item name="month" label={t('projectReports.form.month')} rules={[{ required: true }]}>
              <DatePicker
                picker="month"
                allowClear={false}
                style={{ width: '100%' }}
                disabledDate={(d) => d.format('YYYY-MM') > today.slice(0, 7)}
                data-testid="report-month"
              />
            </Form.Item>
          </Col>
          {tenDays && (
            <Col span={10}>
              <Form.Item name="part" label={t('projectReports.form.part')} rules={[{ required: true }]}>
                <Select
                  options={tenDayParts.map((p) => ({
                    value: p,
                    label: t(`projectReports.period.parts.${p}`),
                    disabled: month ? isFuturePeriod(composePeriod(month.format('YYYY-MM'), p), today) : false,
                  }))}
                  data-testid="report-part"
                />
              </Form.Item>
            </Col>
          )}
        </Row>
        {period && approved && (
          <Alert type="error" showIcon style={{ marginBottom: 12 }} title={t('errors.REPORT_ALREADY_APPROVED')} data-testid="report-period-approved" />
        )}
        {period && !approved && existing?.status === 'submitted' && (
          <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('projectReports.form.submittedPeriod', { period: periodText(period) })} />
        )}
        {period && existing?.status === 'returned' && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            title={t('projectReports.form.returnedPeriod', { period: periodText(period) })}
            description={existing.returnReason}
          />
        )}
        {period && existing?.status === 'draft' && (
          <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('projectReports.form.draftPeriod', { period: periodText(period) })} />
        )}
        {future && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('projectReports.form.futurePeriod')} />}
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="planned" label={t('projectReports.fields.planned')} rules={[{ required: true, whitespace: true }, moneyRule]}>
              {moneyInput('report-planned')}
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="completed" label={t('projectReports.fields.completed')} rules={[{ required: true, whitespace: true }, moneyRule]}>
              {moneyInput('report-completed')}
            </Form.Item>
          </Col>
        </Row>
        <Typography.Paragraph type="secondary" style={{ marginTop: -8, fontSize: 12 }}>
          {t('projectReports.form.figures', {
            total: formatWan(project.totalInvestment),
            done: formatWan(project.completedTotal),
            plan: formatWan(project.annualPlan),
            year: project.planYear,
          })}
        </Typography.Paragraph>
        <Form.Item name="physicalProgress" label={t('projectReports.fields.physicalProgress')} rules={[{ max: 2000 }]}>
          <Input.TextArea
            autoSize={{ minRows: 2, maxRows: 6 }}
            showCount
            maxLength={2000}
            placeholder={t('projectReports.form.progressHint')}
            data-testid="report-progress"
          />
        </Form.Item>
        <Form.Item name="problems" label={t('projectReports.fields.problems')} rules={[{ max: 2000 }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} showCount maxLength={2000} data-testid="report-problems" />
        </Form.Item>
        {showOverrun && (
          <Form.Item
            name="overrunExplanation"
            label={t('projectReports.fields.overrunExplanation')}
            rules={[{ required: overrunAsked, whitespace: true, max: 2000 }]}
            extra={forecast || overrunAsked ? t('projectReports.form.overrunHint', { total: formatWan(project.totalInvestment) }) : undefined}
          >
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} showCount maxLength={2000} data-testid="report-overrun" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
