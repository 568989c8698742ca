// Drawing or editing one geofence beside the map: kind (new ones), name, the fields of the kind (a route's corridor
// width, a speed zone's limit, a lot's capacity, the boundary's optional default limit), active; the geometry by
// clicking vertices on the map (undo, clear) or by pasting GeoJSON. GEOFENCE_INVALID answers list the bad parts.
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, App, Button, Flex, Form, Input, InputNumber, Select, Space, Switch, Typography } from 'antd';
import { geofenceKinds, ROUTE_WIDTH_MAX_M, ROUTE_WIDTH_MIN_M, type Geofence, type GeofenceKind, type LonLat } from '@zoneops/shared';
import { api, isApiError } from '../../../app/api.ts';
import { useReportError } from '../../../app/use-report-error.ts';
import type { Drawing } from './GeofenceMap.tsx';
import { geometryFromVertices, parsePastedGeometry, verticesOf } from './geofence-ui.ts';

interface Values {
  kind: GeofenceKind;
  name: string;
  widthM?: number | null;
  speedLimitKmh?: number | null;
  capacity?: number | null;
  active: boolean;
}

export function GeofenceForm({
  editing,
  vertices,
  onVertices,
  onDrawing,
  onSaved,
  onCancel,
}: {
  /** The geofence edited, or null for a new one. */
  editing: Geofence | null;
  vertices: LonLat[];
  onVertices: (v: LonLat[]) => void;
  onDrawing: (d: Drawing | null) => void;
  onSaved: (g: Geofence) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form) ?? editing?.kind ?? 'restricted';
  const [paste, setPaste] = useState('');
  const [problems, setProblems] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const initial = useMemo<Values>(
    () =>
      editing
        ? {
            kind: editing.kind,
            name: editing.name,
            widthM: editing.widthM,
            speedLimitKmh: editing.speedLimitKmh,
            capacity: editing.capacity,
            active: editing.active,
          }
        : { kind: 'restricted', name: '', active: true },
    [editing],
  );

  useEffect(() => {
    form.resetFields();
    form.setFieldsValue(initial);
    onVertices(verticesOf(editing?.geometry));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reset only when another geofence is opened (the page keys the form by it)
  }, [initial]);

  useEffect(() => {
    onDrawing({ kind, vertices });
  }, [kind, vertices, onDrawing]);
  useEffect(() => () => onDrawing(null), [onDrawing]);

  const applyPaste = () => {
    const r = parsePastedGeometry(paste, kind);
    if ('error' in r) {
      setProblems([r.error === 'json' ? t('parkGeofences.form.pasteNotJson') : r.error]);
      return;
    }
    setProblems([]);
    onVertices(verticesOf(r.geometry));
  };

  const save = async () => {
    const values = await form.validateFields();
    const geometry = geometryFromVertices(kind, vertices, editing?.geometry);
    if (!geometry) {
      setProblems([t(kind === 'route' ? 'parkGeofences.form.needLine' : 'parkGeofences.form.needArea')]);
      return;
    }
    const body = {
      name: values.name,
      geometry,
      widthM: kind === 'route' ? (values.widthM ?? null) : null,
      speedLimitKmh: kind === 'speedZone' || kind === 'boundary' ? (values.speedLimitKmh ?? null) : null,
      capacity: kind === 'parking' ? (values.capacity ?? null) : null,
      active: values.active,
    };
    setBusy(true);
    try {
      const saved = editing
        ? await api.patch<Geofence>(`/api/park/geofences/${editing.id}`, body)
        : await api.post<Geofence>('/api/park/geofences', { ...body, kind: values.kind });
      void message.success(t('common.saved'));
      onSaved(saved);
    } catch (err) {
      if (isApiError(err, 'GEOFENCE_INVALID') && Array.isArray(err.details))
        setProblems((err.details as { path: string; message: string }[]).map((d) => `${d.path.replace(/^body\./, '')}: ${d.message}`));
      report(err, form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form<Values> form={form} layout="vertical" initialValues={initial} data-testid="geofence-form">
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {editing ? t('parkGeofences.form.editTitle', { name: editing.name }) : t('parkGeofences.form.newTitle')}
      </Typography.Title>
      <Form.Item name="kind" label={t('parkGeofences.col.kind')} rules={[{ required: true }]}>
        <Select
          disabled={!!editing}
          options={geofenceKinds.map((k) => ({ value: k, label: t(`parkGeofences.kinds.${k}`) }))}
          onChange={() => onVertices([])}
          data-testid="geofence-form-kind"
        />
      </Form.Item>
      <Form.Item name="name" label={t('parkGeofences.col.name')} rules={[{ required: true, whitespace: true, max: 100 }]}>
        <Input data-testid="geofence-form-name" />
      </Form.Item>
      {kind === 'route' && (
        <Form.Item
          name="widthM"
          label={t('parkGeofences.col.widthM')}
          extra={t('parkGeofences.form.widthHint', { min: ROUTE_WIDTH_MIN_M, max: ROUTE_WIDTH_MAX_M })}
          rules={[{ required: true }, { type: 'number', min: ROUTE_WIDTH_MIN_M, max: ROUTE_WIDTH_MAX_M }]}
        >
          <InputNumber precision={0} style={{ width: '100%' }} suffix="m" data-testid="geofence-form-width" />
        </Form.Item>
      )}
      {(kind === 'speedZone' || kind === 'boundary') && (
        <Form.Item
          name="speedLimitKmh"
          label={t('parkGeofences.col.speedLimitKmh')}
          extra={kind === 'boundary' ? t('parkGeofences.form.boundaryLimitHint') : undefined}
          rules={[{ required: kind === 'speedZone' }, { type: 'number', min: 5, max: 200 }]}
        >
          <InputNumber precision={0} style={{ width: '100%' }} suffix="km/h" data-testid="geofence-form-speed" />
        </Form.Item>
      )}
      {kind === 'parking' && (
        <Form.Item name="capacity" label={t('parkGeofences.col.capacity')} rules={[{ required: true }, { type: 'number', min: 1, max: 10000 }]}>
          <InputNumber precision={0} style={{ width: '100%' }} data-testid="geofence-form-capacity" />
        </Form.Item>
      )}
      <Form.Item name="active" label={t('parkGeofences.col.active')} valuePropName="checked">
        <Switch />
      </Form.Item>
      <Form.Item label={t('parkGeofences.form.geometry')} extra={t(kind === 'route' ? 'parkGeofences.form.clickLine' : 'parkGeofences.form.clickArea')}>
        <Space wrap>
          <Typography.Text data-testid="geofence-form-vertices">{t('parkGeofences.form.vertices', { count: vertices.length })}</Typography.Text>
          <Button size="small" disabled={!vertices.length} onClick={() => onVertices(vertices.slice(0, -1))}>
            {t('parkGeofences.form.undo')}
          </Button>
          <Button size="small" disabled={!vertices.length} onClick={() => onVertices([])}>
            {t('parkGeofences.form.clear')}
          </Button>
        </Space>
      </Form.Item>
      <Form.Item label={t('parkGeofences.form.paste')}>
        <Input.TextArea
          rows={3}
          value={paste}
          onChange={(e) => setPaste(e.target.value)}
          placeholder='{"type":"Polygon","coordinates":[…]}'
          data-testid="geofence-form-paste"
        />
        <Button size="small" style={{ marginTop: 4 }} disabled={!paste.trim()} onClick={applyPaste} data-testid="geofence-form-apply">
          {t('parkGeofences.form.apply')}
        </Button>
      </Form.Item>
      {problems.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          message={t('errors.GEOFENCE_INVALID')}
          description={
            <ul style={{ margin: 0, paddingLeft: 16 }}>
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          }
          data-testid="geofence-form-problems"
        />
      )}
      <Flex gap={8} justify="end">
        <Button onClick={onCancel}>{t('common.cancel')}</Button>
        <Button type="primary" loading={busy} onClick={() => void save().catch(() => undefined)} data-testid="geofence-form-save">
          {t('common.save')}
        </Button>
      </Flex>
    </Form>
  );
}
