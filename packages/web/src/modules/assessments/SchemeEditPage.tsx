// A scheme's editor (/assessments/schemes/new and /assessments/schemes/:id/edit): name, period and participant kinds,
// tracks, red-flag places and appeal days; the dimensions with the running total of their weights; the participants;
// the panel. The server's field errors (VALIDATION_FAILED and the rule errors that name a field) land on the fields.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { Alert, App, Button, Card, Col, Flex, Form, Input, InputNumber, Row, Select, Space, Switch } from 'antd';
import { participantKinds, periodKinds, type ParticipantKind } from '@zoneops/shared';
import { api, isApiError } from '../../app/api.ts';
import { useAuth } from '../../app/auth.tsx';
import { codedFieldErrors, validationFieldErrors } from '../../app/form-errors.ts';
import { NotFound, PageLoading } from '../../app/results.tsx';
import { useApiGet } from '../../app/use-api.ts';
import { useErrorText } from '../../app/use-report-error.ts';
import { UsersSelect } from '../ledger/UsersSelect.tsx';
import {
  emptySchemeForm,
  formToInput,
  metricsFor,
  schemeFieldName,
  schemeToForm,
  weightsComplete,
  type DimensionRow,
  type SchemeFormValues,
} from './assessment-ui.ts';
import { API, schemePath, type AssessmentScheme } from './assessment-types.ts';
import { DimensionsEditor } from './scheme-form/DimensionsEditor.tsx';
import { ParticipantsEditor } from './scheme-form/ParticipantsEditor.tsx';

export function SchemeForm({ scheme }: { scheme?: AssessmentScheme }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const { can } = useAuth();
  const navigate = useNavigate();
  const errorText = useErrorText();
  const [form] = Form.useForm<SchemeFormValues>();
  const [busy, setBusy] = useState(false);
  const initial = useMemo(() => (scheme ? schemeToForm(scheme) : emptySchemeForm()), [scheme]);
  const panelReadable = can('users.read');

  const submit = async () => {
    try {
      await form.validateFields();
    } catch (err) {
      // the form marks the fields; bring the first one into view (the dimensions and participants are long)
      const first = (err as { errorFields?: { name: (string | number)[] }[] }).errorFields?.[0];
      if (first) form.scrollToField(first.name, { block: 'center' });
      return;
    }
    // the whole store: the dimensions' ids and the participants' names are kept without a field of their own
    const values = form.getFieldsValue(true) as SchemeFormValues;
    if (!weightsComplete(values.dimensions)) {
      void message.error(t('errors.ASSESSMENT_WEIGHTS'));
      return;
    }
    setBusy(true);
    try {
      const body = formToInput(values);
      const saved = scheme ? await api.put<AssessmentScheme>(`${API}/schemes/${scheme.id}`, body) : await api.post<AssessmentScheme>(`${API}/schemes`, body);
      void message.success(t(scheme ? 'assessments.form.saved' : 'assessments.form.created'));
      void navigate(schemePath(saved.id));
    } catch (err) {
      const shown = errorText(err);
      const fields = [...validationFieldErrors(err), ...codedFieldErrors(err, shown)].map((f) => ({
        ...f,
        name: schemeFieldName(f.name, values.participantKind),
      }));
      if (fields.length) form.setFields(fields as Parameters<typeof form.setFields>[0]);
      void message.error(shown);
    } finally {
      setBusy(false);
    }
  };

  const kind = (Form.useWatch('participantKind', form) as ParticipantKind | undefined) ?? initial.participantKind;
  const changeKind = (next: ParticipantKind) => {
    const apply = () => {
      const allowed = new Set<string>(metricsFor(next));
      const dims = (form.getFieldValue('dimensions') as DimensionRow[] | undefined) ?? [];
      // a metric the new kind cannot be scored on is cleared; the participants were of the other kind
      form.setFieldsValue({
        participantKind: next,
        participants: [],
        dimensions: dims.map((d) => (d.metric && !allowed.has(d.metric) ? { ...d, metric: null } : d)),
      });
    };
    if (!((form.getFieldValue('participants') as unknown[] | undefined)?.length ?? 0)) apply();
    else modal.confirm({ title: t('assessments.form.kindChange'), onOk: apply });
  };

  return (
    <Card title={t(scheme ? 'assessments.form.titleEdit' : 'assessments.form.titleNew')} data-testid="scheme-form">
      <Form<SchemeFormValues> form={form} layout="vertical" initialValues={initial}>
        <Card size="small" type="inner" title={t('assessments.form.basics')} style={{ marginBottom: 12 }}>
          <Row gutter={12}>
            <Col xs={24} md={12}>
              <Form.Item
                name="name"
                label={t('assessments.form.name')}
                rules={[{ required: true, whitespace: true, message: t('assessments.form.nameRequired') }, { max: 100 }]}
              >
                <Input placeholder={t('assessments.form.namePlaceholder')} data-testid="scheme-name" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="nameEn" label={t('assessments.form.nameEn')} rules={[{ max: 200 }]}>
                <Input data-testid="scheme-name-en" />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="periodKind" label={t('assessments.form.periodKind')} rules={[{ required: true }]}>
                <Select options={periodKinds.map((k) => ({ value: k, label: t(`assessments.periodKind.${k}`) }))} data-testid="scheme-period-kind" />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="participantKind" hidden>
                <Input />
              </Form.Item>
              {/* not bound to the field: a change asks first when it would drop the participants */}
              <Form.Item label={t('assessments.form.participantKind')} required>
                <Select
                  value={kind}
                  options={participantKinds.map((k) => ({ value: k, label: t(`assessments.participantKind.${k}`) }))}
                  onChange={changeKind}
                  data-testid="scheme-participant-kind"
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item
                name="redFlagTopN"
                label={t('assessments.form.redFlagTopN')}
                extra={t('assessments.form.redFlagTopNHint')}
                rules={[{ required: true }]}
              >
                <InputNumber min={0} max={20} precision={0} style={{ width: '100%' }} data-testid="scheme-red-flag-top-n" />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item
                name="appealWorkingDays"
                label={t('assessments.form.appealWorkingDays')}
                extra={t('assessments.form.appealHint')}
                rules={[{ required: true }]}
              >
                <InputNumber min={0} max={30} precision={0} style={{ width: '100%' }} data-testid="scheme-appeal-days" />
              </Form.Item>
            </Col>
            <Col xs={24} md={18}>
              <Form.Item name="tracks" label={t('assessments.form.tracks')}>
                <Select
                  mode="tags"
                  open={false}
                  suffixIcon={null}
                  placeholder={t('assessments.form.tracksPlaceholder')}
                  tokenSeparators={[',', '，', '、']}
                  data-testid="scheme-tracks"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item name="active" label={t('assessments.form.active')} valuePropName="checked">
                <Switch data-testid="scheme-active" />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item name="description" label={t('assessments.form.description')} rules={[{ max: 2000 }]}>
                <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="scheme-description" />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        <Card size="small" type="inner" title={t('assessments.form.dimensions')} style={{ marginBottom: 12 }}>
          <DimensionsEditor form={form} initial={initial} />
        </Card>

        <Card size="small" type="inner" title={t('assessments.form.participants')} style={{ marginBottom: 12 }}>
          <ParticipantsEditor form={form} initial={initial} />
        </Card>

        <Card size="small" type="inner" title={t('assessments.form.panel')} style={{ marginBottom: 12 }}>
          <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('assessments.form.panelHint')} />
          {!panelReadable && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              title={t('assessments.form.panelNoAccess')}
              description={
                scheme?.panel.length ? t('assessments.form.panelKnown', { names: scheme.panel.map((m) => m.name).join(t('common.listSeparator')) }) : undefined
              }
            />
          )}
          <Form.Item name="panel" style={{ marginBottom: 0 }}>
            <UsersSelect known={(scheme?.panel ?? []).map((m) => ({ id: m.userId, name: m.name }))} testId="scheme-panel" />
          </Form.Item>
        </Card>

        <Flex justify="end">
          <Space>
            <Button onClick={() => void navigate(scheme ? schemePath(scheme.id) : '/assessments')}>{t('common.cancel')}</Button>
            <Button type="primary" loading={busy} onClick={() => void submit().catch(() => undefined)} data-testid="scheme-save">
              {t('assessments.form.save')}
            </Button>
          </Space>
        </Flex>
      </Form>
    </Card>
  );
}

export default function SchemeEditPage() {
  const { id } = useParams();
  const { data, error, loading } = useApiGet<AssessmentScheme>(id ? `${API}/schemes/${id}` : null);
  if (!id) return <SchemeForm key="new" />;
  if (!data) return error && isApiError(error, 'NOT_FOUND') ? <NotFound /> : <PageLoading />;
  if (data.id !== id && loading) return <PageLoading />;
  return <SchemeForm key={data.id} scheme={data} />;
}
