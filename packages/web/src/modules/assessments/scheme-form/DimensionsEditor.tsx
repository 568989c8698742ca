// The dimensions of a scheme as an editable table: category (比/看/创), name, weight, method; an automatic dimension
// names its metric (those the participant kind can be scored on), its scoring and what a participant without data
// gets; a grade dimension shows its grade table. Under it the running total of the weights, red unless 100.
import { useTranslation } from 'react-i18next';
import { Alert, Button, Form, Input, InputNumber, Select, Table, Tooltip, Typography, type FormInstance } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { defaultGradePoints, dimensionCategories, grades, scoringMethods, weightTotal, type MetricKey, type ParticipantKind } from '@zoneops/shared';
import {
  autoScoringKinds,
  defaultScoring,
  formatPoints,
  metricsFor,
  nextDimensionId,
  weightsComplete,
  type DimensionRow,
  type SchemeFormValues,
} from '../assessment-ui.ts';

const cell = { style: { marginBottom: 0 } };

/** `initial`: the form's initial values, shown until the watched values arrive (after the first paint). */
export function DimensionsEditor({ form, initial }: { form: FormInstance<SchemeFormValues>; initial: SchemeFormValues }) {
  const { t } = useTranslation();
  const rows = (Form.useWatch('dimensions', { form, preserve: true }) as DimensionRow[] | undefined) ?? initial.dimensions;
  const kind = (Form.useWatch('participantKind', form) as ParticipantKind | undefined) ?? initial.participantKind;
  const total = weightTotal(rows);
  const ok = weightsComplete(rows);
  const metrics = metricsFor(kind);
  const col = (k: string) => t(`assessments.form.dimCol.${k}`);
  const gradeTable = (r: DimensionRow | undefined) =>
    t('assessments.form.gradeTable', {
      table: grades.map((g) => `${t(`assessments.grade.${g}`)} ${r?.gradePoints?.[g] ?? defaultGradePoints[g]}%`).join(' · '),
    });

  return (
    <Form.List
      name="dimensions"
      rules={[
        {
          validator: async (_, value: unknown[] | undefined) => {
            if (!value?.length) throw new Error(t('assessments.form.addDimension'));
          },
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <div data-testid="scheme-dimensions">
          <Table
            rowKey="key"
            size="small"
            pagination={false}
            dataSource={fields}
            scroll={{ x: 'max-content' }}
            columns={[
              {
                title: col('category'),
                key: 'category',
                width: 80,
                render: (_, f) => (
                  <Form.Item name={[f.name, 'category']} {...cell}>
                    <Select
                      options={dimensionCategories.map((c) => ({ value: c, label: t(`assessments.category.${c}`) }))}
                      data-testid={`dim-category-${f.name}`}
                    />
                  </Form.Item>
                ),
              },
              {
                title: col('name'),
                key: 'name',
                width: 200,
                render: (_, f) => (
                  <>
                    <Form.Item name={[f.name, 'id']} hidden>
                      <Input />
                    </Form.Item>
                    <Form.Item
                      name={[f.name, 'name']}
                      rules={[{ required: true, whitespace: true, message: t('assessments.form.nameRequired') }, { max: 60 }]}
                      {...cell}
                    >
                      <Input data-testid={`dim-name-${f.name}`} />
                    </Form.Item>
                  </>
                ),
              },
              {
                title: col('weight'),
                key: 'weight',
                width: 110,
                render: (_, f) => (
                  <Form.Item name={[f.name, 'weight']} rules={[{ required: true, message: t('assessments.form.weightRequired') }]} {...cell}>
                    <InputNumber min={0.01} max={100} precision={2} style={{ width: '100%' }} data-testid={`dim-weight-${f.name}`} />
                  </Form.Item>
                ),
              },
              {
                title: col('method'),
                key: 'method',
                width: 140,
                render: (_, f) => (
                  <Form.Item name={[f.name, 'method']} {...cell}>
                    <Select options={scoringMethods.map((m) => ({ value: m, label: t(`assessments.method.${m}`) }))} data-testid={`dim-method-${f.name}`} />
                  </Form.Item>
                ),
              },
              {
                title: col('metric'),
                key: 'metric',
                width: 220,
                render: (_, f) => {
                  const r = rows[f.name];
                  if (r?.method === 'grade') return <Typography.Text type="secondary">{gradeTable(r)}</Typography.Text>;
                  if (r?.method !== 'auto') return <Typography.Text type="secondary">{t('assessments.form.notAuto')}</Typography.Text>;
                  return (
                    <Form.Item name={[f.name, 'metric']} rules={[{ required: true, message: t('assessments.form.metricRequired') }]} {...cell}>
                      <Select
                        options={metrics.map((m) => ({
                          value: m,
                          label: <Tooltip title={t(`assessments.metricHint.${m}`)}>{t(`assessments.metric.${m}`)}</Tooltip>,
                          text: t(`assessments.metric.${m}`),
                        }))}
                        showSearch={{ optionFilterProp: 'text' }}
                        onChange={(m: MetricKey) => form.setFieldValue(['dimensions', f.name, 'scoringKind'], defaultScoring(m))}
                        data-testid={`dim-metric-${f.name}`}
                      />
                    </Form.Item>
                  );
                },
              },
              {
                title: col('scoring'),
                key: 'scoring',
                width: 150,
                render: (_, f) =>
                  rows[f.name]?.method === 'auto' ? (
                    <Form.Item name={[f.name, 'scoringKind']} rules={[{ required: true, message: t('assessments.form.scoringRequired') }]} {...cell}>
                      <Select
                        options={autoScoringKinds.map((k) => ({
                          value: k,
                          label: <Tooltip title={t(`assessments.scoringHint.${k}`)}>{t(`assessments.scoringKind.${k}`)}</Tooltip>,
                        }))}
                        data-testid={`dim-scoring-${f.name}`}
                      />
                    </Form.Item>
                  ) : null,
              },
              {
                title: col('perItem'),
                key: 'perItem',
                width: 100,
                render: (_, f) =>
                  rows[f.name]?.method === 'auto' && rows[f.name]?.scoringKind === 'deduct' ? (
                    <Form.Item name={[f.name, 'perItem']} rules={[{ required: true, message: t('assessments.form.perItemRequired') }]} {...cell}>
                      <InputNumber min={0.01} max={100} precision={2} style={{ width: '100%' }} data-testid={`dim-per-item-${f.name}`} />
                    </Form.Item>
                  ) : null,
              },
              {
                title: col('ifNoData'),
                key: 'ifNoData',
                width: 140,
                render: (_, f) =>
                  rows[f.name]?.method === 'auto' ? (
                    <Form.Item name={[f.name, 'ifNoData']} {...cell}>
                      <Select options={(['full', 'zero'] as const).map((k) => ({ value: k, label: t(`assessments.ifNoData.${k}`) }))} />
                    </Form.Item>
                  ) : null,
              },
              {
                key: 'remove',
                width: 44,
                render: (_, f) => (
                  <Button
                    type="text"
                    icon={<MinusCircleOutlined />}
                    disabled={fields.length <= 1}
                    onClick={() => remove(f.name)}
                    aria-label={t('common.delete')}
                    data-testid={`dim-remove-${f.name}`}
                  />
                ),
              },
            ]}
          />
          <Form.ErrorList errors={errors} />
          <Button
            type="dashed"
            block
            icon={<PlusOutlined />}
            style={{ marginTop: 8 }}
            onClick={() => add({ id: nextDimensionId(rows.map((r) => r?.id)), category: 'compare', name: '', weight: null, method: 'panel', ifNoData: 'full' })}
            data-testid="dim-add"
          >
            {t('assessments.form.addDimension')}
          </Button>
          <Alert
            style={{ marginTop: 12 }}
            type={ok ? 'success' : 'error'}
            showIcon
            title={ok ? t('assessments.form.weightOk') : t('assessments.form.weightBad', { total: formatPoints(total) })}
            data-testid="weight-total"
            data-ok={ok ? 'true' : 'false'}
          />
        </div>
      )}
    </Form.List>
  );
}
