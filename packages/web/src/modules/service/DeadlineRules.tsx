// 办理时限: the promised deadlines per kind of request (GET/PUT /api/service/deadline-rules): the response (the same
// day, within hours, or within working days) and completion in working days. service.manage changes them; a change
// applies to requests filed or reopened afterwards. `deadlineRuleText` explains a kind's promise in forms.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { App, Button, Card, Form, InputNumber, Select, Space, Table, Tag } from 'antd';
import type { z } from 'zod';
import { requestKinds, type deadlineRulesSchema, type RequestKind } from '@zoneops/shared';
import { api } from '../../app/api.ts';
import { useApiGet } from '../../app/use-api.ts';
import { useReportError } from '../../app/use-report-error.ts';

export type DeadlineRules = z.output<typeof deadlineRulesSchema>;
type Rule = DeadlineRules[RequestKind];
type ResponseKind = Rule['response']['kind'];

/** 「2小时内响应，3个工作日内办结」 */
export function deadlineRuleText(t: TFunction, rule: Rule): string {
  const r = rule.response;
  const response =
    r.kind === 'sameDay'
      ? t('service.deadline.response.sameDay')
      : r.kind === 'hours'
        ? t('service.deadline.response.hours', { count: r.hours })
        : t('service.deadline.response.workingDays', { count: r.days });
  return t('service.deadline.text', { response, completion: t('service.deadline.completion', { count: rule.completionWorkingDays }) });
}

/** The rules in force, for the hints of the request forms (null while loading). */
export function useDeadlineRules(): DeadlineRules | null {
  return useApiGet<DeadlineRules>('/api/service/deadline-rules', undefined, { report: false }).data ?? null;
}

interface Row {
  responseKind: ResponseKind;
  amount?: number;
  completion: number;
}

const toRow = (rule: Rule): Row => ({
  responseKind: rule.response.kind,
  amount: rule.response.kind === 'hours' ? rule.response.hours : rule.response.kind === 'workingDays' ? rule.response.days : undefined,
  completion: rule.completionWorkingDays,
});
const toRule = (row: Row): Rule => ({
  response:
    row.responseKind === 'sameDay'
      ? { kind: 'sameDay' }
      : row.responseKind === 'hours'
        ? { kind: 'hours', hours: row.amount ?? 2 }
        : { kind: 'workingDays', days: row.amount ?? 1 },
  completionWorkingDays: row.completion,
});

export function DeadlineRulesEditor() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const { data, mutate } = useApiGet<DeadlineRules>('/api/service/deadline-rules');
  const [form] = Form.useForm<Record<RequestKind, Row>>();
  useEffect(() => {
    if (data) form.setFieldsValue(Object.fromEntries(requestKinds.map((k) => [k, toRow(data[k])])) as Record<RequestKind, Row>);
  }, [data, form]);
  const save = async () => {
    const v = await form.validateFields();
    try {
      const saved = await api.put<DeadlineRules>('/api/service/deadline-rules', Object.fromEntries(requestKinds.map((k) => [k, toRule(v[k])])));
      mutate(() => saved);
      void message.success(t('common.saved'));
    } catch (err) {
      report(err, form);
    }
  };
  return (
    <Card size="small" title={t('service.deadline.title')} loading={!data} data-testid="deadline-rules">
      <Form form={form} component={false}>
        <Table
          rowKey={(k) => k}
          size="small"
          pagination={false}
          dataSource={[...requestKinds]}
          columns={[
            { title: t('service.deadline.kind'), key: 'kind', width: 120, render: (_, k) => <Tag>{t(`service.kind.${k}`)}</Tag> },
            {
              title: t('service.deadline.responseCol'),
              key: 'response',
              render: (_, k) => (
                <Space.Compact>
                  <Form.Item name={[k, 'responseKind']} noStyle>
                    <Select
                      style={{ width: 150 }}
                      options={(['sameDay', 'hours', 'workingDays'] as const).map((x) => ({ value: x, label: t(`service.deadline.responseKind.${x}`) }))}
                    />
                  </Form.Item>
                  <Form.Item noStyle shouldUpdate>
                    {() =>
                      form.getFieldValue([k, 'responseKind']) === 'sameDay' ? null : (
                        <Form.Item name={[k, 'amount']} noStyle rules={[{ required: true }]}>
                          <InputNumber
                            min={1}
                            max={form.getFieldValue([k, 'responseKind']) === 'hours' ? 72 : 10}
                            precision={0}
                            style={{ width: 110 }}
                            suffix={form.getFieldValue([k, 'responseKind']) === 'hours' ? t('service.deadline.hours') : t('service.deadline.workingDays')}
                          />
                        </Form.Item>
                      )
                    }
                  </Form.Item>
                </Space.Compact>
              ),
            },
            {
              title: t('service.deadline.completionCol'),
              key: 'completion',
              render: (_, k) => (
                <Form.Item name={[k, 'completion']} noStyle rules={[{ required: true }]}>
                  <InputNumber min={1} max={60} precision={0} style={{ width: 130 }} suffix={t('service.deadline.workingDays')} />
                </Form.Item>
              ),
            },
          ]}
        />
      </Form>
      <Space style={{ marginTop: 12 }}>
        <Button type="primary" onClick={() => void save().catch(() => undefined)} data-testid="deadline-rules-save">
          {t('common.save')}
        </Button>
        <span style={{ color: '#8c8c8c' }}>{t('service.deadline.hint')}</span>
      </Space>
    </Card>
  );
}
