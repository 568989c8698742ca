// Creates a monitoring point (POST /api/safety/points) or edits one (PATCH, only the fields changed). The range and
// thresholds are checked as they are typed with the server's own rule (ll < l < h < hh, inside the range), each
// problem on its field; the server's field errors and a tag taken on the device land on their fields too.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Col, Divider, Form, Input, InputNumber, Modal, Row, Select, Switch, type ButtonProps, type FormRule } from 'antd';
import { pointKinds, type PointKind, type PointRuleProblem } from '@zoneops/shared';
import { api } from '../../../app/api.ts';
import { changedFields } from '../../../app/form-errors.ts';
import { useModalForm } from '../../../app/use-modal-form.ts';
import { EnterpriseSelect } from '../../projects/pickers.tsx';
import { DeviceSelect, MajorHazardSelect } from './pickers.tsx';
import { conflictField, pointFieldProblems } from './registry-ui.ts';
import type { MonitoringPoint } from './registry-types.ts';

interface Values {
  enterpriseId?: string | null;
  majorHazardId?: string | null;
  deviceId?: string | null;
  tag: string;
  name: string;
  kind?: PointKind;
  unit: string;
  rangeLow?: number | null;
  rangeHigh?: number | null;
  ll?: number | null;
  l?: number | null;
  h?: number | null;
  hh?: number | null;
  deadband: number;
  minDurationS: number;
  rateLimitPerMin?: number | null;
  expectedIntervalS: number;
  staleAfterIntervals: number;
  lng?: number | null;
  lat?: number | null;
  enabled: boolean;
}

const ruleFields = ['rangeLow', 'rangeHigh', 'll', 'l', 'h', 'hh'] as const;

function bodyOf(v: Values) {
  const n = (x: number | null | undefined) => (typeof x === 'number' ? x : null);
  return {
    enterpriseId: v.enterpriseId,
    majorHazardId: v.majorHazardId ?? null,
    deviceId: v.deviceId,
    tag: v.tag.trim(),
    name: v.name.trim(),
    kind: v.kind,
    unit: v.unit.trim(),
    rangeLow: n(v.rangeLow),
    rangeHigh: n(v.rangeHigh),
    ll: n(v.ll),
    l: n(v.l),
    h: n(v.h),
    hh: n(v.hh),
    deadband: v.deadband ?? 0,
    minDurationS: v.minDurationS ?? 0,
    rateLimitPerMin: n(v.rateLimitPerMin),
    expectedIntervalS: v.expectedIntervalS,
    staleAfterIntervals: v.staleAfterIntervals,
    lng: n(v.lng),
    lat: n(v.lat),
    enabled: v.enabled,
  };
}

export function PointForm({
  open,
  point,
  onClose,
  onSaved,
}: {
  open: boolean;
  /** null: a new point */
  point: MonitoringPoint | null;
  onClose: () => void;
  onSaved: (p: MonitoringPoint) => void;
}) {
  const { t } = useTranslation();
  const initial = useMemo<Values>(
    () =>
      point
        ? { ...point, deadband: point.deadband, rateLimitPerMin: point.rateLimitPerMin }
        : { tag: '', name: '', unit: '', deadband: 0, minDurationS: 0, expectedIntervalS: 60, staleAfterIntervals: 3, enabled: true },
    [point],
  );
  const { form, modalProps } = useModalForm<Values>({
    open,
    initial,
    onSubmit: async (v) => {
      const body = bodyOf(v);
      try {
        if (point) onSaved(await api.patch<MonitoringPoint>(`/api/safety/points/${point.id}`, changedFields(body, bodyOf(initial))));
        else onSaved(await api.post<MonitoringPoint>('/api/safety/points', body));
      } catch (err) {
        if (conflictField(err) === 'tag') form.setFields([{ name: 'tag', errors: [t('safetyRegistry.conflict.tag')] }]);
        else throw err;
      }
    },
  });
  const enterpriseId = Form.useWatch('enterpriseId', form) ?? initial.enterpriseId;
  const problemText = (p: PointRuleProblem) =>
    t(`safetyRegistry.rule.${p.problem}`, { limit: p.limit, other: 'other' in p ? t(`safetyRegistry.rule.names.${p.other}`) : '' });
  const ruleOf =
    (field: string): FormRule =>
    ({ getFieldsValue }) => ({
      validator: async () => {
        const problem = pointFieldProblems(getFieldsValue([...ruleFields]) as Record<string, unknown>).get(field);
        if (problem) throw new Error(problemText(problem));
      },
    });
  const c = (k: string) => t(`safetyRegistry.points.col.${k}`);
  const f = (k: string) => t(`safetyRegistry.points.${k}`);
  const numberItem = (name: (typeof ruleFields)[number]) => (
    <Col span={8} key={name}>
      <Form.Item name={name} label={f(name)} dependencies={ruleFields.filter((x) => x !== name)} rules={[ruleOf(name)]}>
        <InputNumber style={{ width: '100%' }} data-testid={`point-${name}`} />
      </Form.Item>
    </Col>
  );

  return (
    <Modal
      {...modalProps}
      width={780}
      title={point ? t('safetyRegistry.points.edit') : t('safetyRegistry.points.create')}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'point-submit' } as ButtonProps}
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        data-testid="point-form"
        onValuesChange={(changed: Partial<Values>) => {
          // another enterprise: its own devices and sources
          if ('enterpriseId' in changed) form.setFieldsValue({ deviceId: null, majorHazardId: null });
        }}
      >
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="enterpriseId" label={c('enterprise')} rules={[{ required: true }]}>
              <EnterpriseSelect testId="point-enterprise" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="majorHazardId" label={c('majorHazard')}>
              <MajorHazardSelect enterpriseId={enterpriseId} disabled={!enterpriseId} testId="point-source" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="deviceId" label={c('device')} rules={[{ required: true }]} extra={enterpriseId ? undefined : f('noDevice')}>
              <DeviceSelect enterpriseId={enterpriseId} carriesPoints needsEnterprise testId="point-device" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="tag" label={c('tag')} rules={[{ required: true, whitespace: true }, { max: 64 }, { pattern: /^\S+$/, message: f('tagNoSpaces') }]}>
              <Input className="zo-mono" data-testid="point-tag" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="name" label={c('name')} rules={[{ required: true, whitespace: true }, { max: 100 }]}>
              <Input data-testid="point-name" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="kind" label={c('kind')} rules={[{ required: true }]}>
              <Select options={pointKinds.map((k) => ({ value: k, label: t(`safetyRegistry.pointKinds.${k}`) }))} data-testid="point-kind" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="unit" label={c('unit')} rules={[{ required: true, whitespace: true }, { max: 20 }]}>
              <Input data-testid="point-unit" />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start" plain>
          {f('thresholdsGroup')}
        </Divider>
        <Row gutter={12}>
          {numberItem('rangeLow')}
          {numberItem('rangeHigh')}
          <Col span={8} />
          {numberItem('ll')}
          {numberItem('l')}
          <Col span={8} />
          {numberItem('h')}
          {numberItem('hh')}
        </Row>
        <Divider titlePlacement="start" plain>
          {f('rulesGroup')}
        </Divider>
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item name="deadband" label={f('deadband')} tooltip={f('deadbandHint')} rules={[{ required: true }]}>
              <InputNumber min={0} style={{ width: '100%' }} data-testid="point-deadband" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="minDurationS" label={f('minDurationS')} rules={[{ required: true }]}>
              <InputNumber min={0} max={86_400} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="rateLimitPerMin" label={f('rateLimitPerMin')}>
              <InputNumber min={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="expectedIntervalS" label={f('expectedIntervalS')} rules={[{ required: true }]}>
              <InputNumber min={1} max={86_400} precision={0} style={{ width: '100%' }} data-testid="point-interval" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="staleAfterIntervals" label={f('staleAfterIntervals')} rules={[{ required: true }]}>
              <InputNumber min={1} max={1000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="enabled" label={f('enabled')} valuePropName="checked">
              <Switch data-testid="point-enabled" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="lng" label={f('lng')}>
              <InputNumber min={-180} max={180} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="lat" label={f('lat')}>
              <InputNumber min={-90} max={90} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
