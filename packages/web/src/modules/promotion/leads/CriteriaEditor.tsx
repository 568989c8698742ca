// 入园门槛: the zone's admission criteria (GET/PUT /api/promotion/criteria). Everyone reading leads sees them; those
// holding promotion.manage edit them: what is measured, the rule (at least, at most, one of, required) and its value.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { App, Alert, Button, Card, Col, Form, InputNumber, Row, Select, Space, Table, Tag } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { criterionMeasures, type Criterion } from '@zoneops/shared';
import { api } from '../../../app/api.ts';
import { useAuth } from '../../../app/auth.tsx';
import { useApiGet } from '../../../app/use-api.ts';
import { useReportError } from '../../../app/use-report-error.ts';
import { measureUnits } from '../promotion-ui.ts';
import { ENV_CATEGORIES } from './LeadFormModal.tsx';

const RULES = ['min', 'max', 'oneOf', 'required'] as const;

export function CriterionText({ c }: { c: Criterion }) {
  const { t } = useTranslation();
  const unit = measureUnits[c.measure] ? t(measureUnits[c.measure]!) : '';
  if (c.rule === 'oneOf')
    return <>{t('promotion.criteria.oneOfText', { list: (c.allowed ?? []).map((a) => t(`promotion.env.${a}`)).join(t('common.listSeparator')) })}</>;
  if (c.rule === 'required') return <>{t('promotion.criteria.requiredText')}</>;
  return <>{t(`promotion.criteria.${c.rule}Text`, { value: c.threshold ?? 0, unit })}</>;
}

function CriteriaForm({ criteria, onSaved }: { criteria: Criterion[]; onSaved: (c: Criterion[]) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const [form] = Form.useForm<{ criteria: Criterion[] }>();
  const initial = useMemo(() => ({ criteria }), [criteria]);
  const save = async () => {
    const v = await form.validateFields();
    try {
      const body = v.criteria.map((c) =>
        c.rule === 'oneOf' ? { measure: c.measure, rule: c.rule, allowed: c.allowed ?? [] } : c.rule === 'required' ? { measure: c.measure, rule: c.rule } : c,
      );
      onSaved(await api.put<Criterion[]>('/api/promotion/criteria', body));
      void message.success(t('common.saved'));
    } catch (err) {
      report(err, form);
    }
  };
  return (
    <Form form={form} initialValues={initial} data-testid="criteria-form">
      <Form.List name="criteria">
        {(fields, { add, remove }) => (
          <>
            {fields.map(({ key, name }) => (
              <Row key={key} gutter={8} wrap={false}>
                <Col span={7}>
                  <Form.Item name={[name, 'measure']} rules={[{ required: true }]}>
                    <Select options={criterionMeasures.map((m) => ({ value: m, label: t(`promotion.measure.${m}`) }))} />
                  </Form.Item>
                </Col>
                <Col span={5}>
                  <Form.Item name={[name, 'rule']} rules={[{ required: true }]}>
                    <Select options={RULES.map((r) => ({ value: r, label: t(`promotion.criteria.rule.${r}`) }))} />
                  </Form.Item>
                </Col>
                <Col span={10}>
                  <Form.Item noStyle shouldUpdate>
                    {() => {
                      const rule = form.getFieldValue(['criteria', name, 'rule']) as Criterion['rule'] | undefined;
                      const measure = form.getFieldValue(['criteria', name, 'measure']) as string | undefined;
                      if (rule === 'oneOf')
                        return (
                          <Form.Item name={[name, 'allowed']} rules={[{ required: true, type: 'array', min: 1 }]}>
                            <Select mode="multiple" options={ENV_CATEGORIES.map((c) => ({ value: c, label: t(`promotion.env.${c}`) }))} />
                          </Form.Item>
                        );
                      if (rule === 'required') return null;
                      return (
                        <Form.Item name={[name, 'threshold']} rules={[{ required: true }]}>
                          <InputNumber min={0} style={{ width: '100%' }} suffix={measure && measureUnits[measure] ? t(measureUnits[measure]) : undefined} />
                        </Form.Item>
                      );
                    }}
                  </Form.Item>
                </Col>
                <Col flex="none">
                  <Button
                    type="text"
                    icon={<MinusCircleOutlined />}
                    onClick={() => remove(name)}
                    disabled={fields.length <= 1}
                    aria-label={t('common.delete')}
                  />
                </Col>
              </Row>
            ))}
            <Space>
              <Button type="dashed" icon={<PlusOutlined />} disabled={fields.length >= 20} onClick={() => add({ measure: 'investmentIntensity', rule: 'min' })}>
                {t('promotion.criteria.add')}
              </Button>
              <Button type="primary" onClick={() => void save().catch(() => undefined)} data-testid="criteria-save">
                {t('common.save')}
              </Button>
            </Space>
          </>
        )}
      </Form.List>
    </Form>
  );
}

export function CriteriaView({ criteria }: { criteria: Criterion[] }) {
  const { t } = useTranslation();
  return (
    <Table
      rowKey="key"
      size="small"
      pagination={false}
      dataSource={criteria.map((c, i) => ({ ...c, key: i }))}
      columns={[
        { title: t('promotion.criteria.measure'), key: 'measure', render: (_, c) => <Tag>{t(`promotion.measure.${c.measure}`)}</Tag> },
        { title: t('promotion.criteria.condition'), key: 'condition', render: (_, c) => <CriterionText c={c} /> },
      ]}
      data-testid="criteria-table"
    />
  );
}

export function CriteriaEditor() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { data, mutate } = useApiGet<Criterion[]>('/api/promotion/criteria');
  return (
    <Card size="small" loading={!data} data-testid="criteria-editor">
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('promotion.criteria.hint')} />
      {data && (can('promotion.manage') ? <CriteriaForm criteria={data} onSaved={(c) => mutate(() => c)} /> : <CriteriaView criteria={data} />)}
    </Card>
  );
}
