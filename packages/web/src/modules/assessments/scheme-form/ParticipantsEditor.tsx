// The participants of a scheme: units chosen in the unit tree (several at once) or projects found by name, each with
// its track (组别). A participant is listed once; the list is a Form.List so that the server's field errors land on
// their row.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Flex, Form, Select, Table, Typography, type FormInstance } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import type { Page, ParticipantKind } from '@zoneops/shared';
import { UnitTreeSelect } from '../../../app/components/UnitTreeSelect.tsx';
import { useUnits } from '../../../app/reference-data.ts';
import { unitLabel } from '../../../app/unit-tree.ts';
import { useApiGet } from '../../../app/use-api.ts';
import { isEnglish, type ParticipantRow, type SchemeFormValues } from '../assessment-ui.ts';

/** A project found by name (GET /api/projects?q=…); answers its id and name. */
export function ProjectPicker({
  value,
  onChange,
  testId,
}: {
  value?: string;
  onChange: (id: string | undefined, name: string | undefined) => void;
  testId?: string;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const { data, loading } = useApiGet<Page<{ id: string; name: string }>>(
    '/api/projects',
    { q: q.trim() || undefined, pageSize: 30, sort: 'name' },
    { report: false },
  );
  const options = useMemo(() => (data?.items ?? []).map((p) => ({ value: p.id, label: p.name })), [data]);
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      value={value}
      onChange={(id?: string) => onChange(id, options.find((o) => o.value === id)?.label)}
      options={options}
      loading={loading}
      placeholder={t('assessments.form.addProject')}
      notFoundContent={loading ? t('common.loading') : undefined}
      style={{ minWidth: 320 }}
      data-testid={testId}
    />
  );
}

/** The row's name (the Form.Item around it carries the unit's or the project's id and its errors). */
function RowName({ name }: { name: string; value?: unknown }) {
  return <Typography.Text>{name}</Typography.Text>;
}

/** `initial`: the form's initial values, shown until the watched values arrive (after the first paint). */
export function ParticipantsEditor({ form, initial }: { form: FormInstance<SchemeFormValues>; initial: SchemeFormValues }) {
  const { t, i18n } = useTranslation();
  const english = isEnglish(i18n.language);
  const kind = (Form.useWatch('participantKind', form) as ParticipantKind | undefined) ?? initial.participantKind;
  const tracks = ((Form.useWatch('tracks', form) as string[] | undefined) ?? initial.tracks).filter((x) => x.trim());
  // the whole store: a row's name has no field of its own
  const rows = (Form.useWatch('participants', { form, preserve: true }) as ParticipantRow[] | undefined) ?? initial.participants;
  const units = useUnits(kind === 'unit');
  const [units2add, setUnits2add] = useState<string[]>([]);
  const [project, setProject] = useState<{ id: string; name: string } | null>(null);
  const idKey = kind === 'unit' ? 'unitId' : 'projectId';

  const addRows = (list: { id: string; name: string }[]) => {
    const present = new Set(rows.map((r) => r[idKey]));
    const fresh = list.filter((x) => !present.has(x.id)).map((x) => ({ [idKey]: x.id, name: x.name, track: null }) as ParticipantRow);
    if (fresh.length) form.setFieldValue('participants', [...rows, ...fresh]);
    void form.validateFields([['participants']]).catch(() => undefined);
  };
  const addUnits = () => {
    const byId = new Map((units ?? []).map((u) => [u.id, u]));
    addRows(units2add.flatMap((id) => (byId.get(id) ? [{ id, name: unitLabel(byId.get(id)!, english) }] : [])));
    setUnits2add([]);
  };

  return (
    <div data-testid="scheme-participants">
      <Flex gap={8} wrap style={{ marginBottom: 8 }}>
        {kind === 'unit' ? (
          <UnitTreeSelect
            // several at once, each on its own (a checkable tree would take a bureau's sections with it)
            multiple
            value={units2add}
            onChange={(v) => setUnits2add(Array.isArray(v) ? v : v ? [v] : [])}
            placeholder={t('assessments.form.addUnits')}
            maxTagCount="responsive"
            style={{ minWidth: 360, flex: 1 }}
            testId="participant-units"
          />
        ) : (
          <ProjectPicker value={project?.id} onChange={(id, name) => setProject(id && name ? { id, name } : null)} testId="participant-project" />
        )}
        <Button
          icon={<PlusOutlined />}
          disabled={kind === 'unit' ? !units2add.length : !project}
          onClick={() => {
            if (kind === 'unit') addUnits();
            else if (project) {
              addRows([project]);
              setProject(null);
            }
          }}
          data-testid="participant-add"
        >
          {t('assessments.form.add')}
        </Button>
      </Flex>
      <Form.List
        name="participants"
        rules={[
          {
            validator: async (_, value: unknown[] | undefined) => {
              if (!value?.length) throw new Error(t('assessments.form.participantsEmpty'));
            },
          },
        ]}
      >
        {(fields, { remove }, { errors }) => (
          <>
            <Table
              rowKey="key"
              size="small"
              dataSource={fields}
              pagination={fields.length > 20 ? { pageSize: 20, size: 'small' } : false}
              columns={[
                {
                  title: t('assessments.form.partCol.name'),
                  key: 'name',
                  render: (_, f) => (
                    <Form.Item name={[f.name, idKey]} style={{ marginBottom: 0 }}>
                      <RowName name={rows[f.name]?.name ?? ''} />
                    </Form.Item>
                  ),
                },
                {
                  title: t('assessments.form.partCol.track'),
                  key: 'track',
                  width: 220,
                  render: (_, f) => (
                    <Form.Item name={[f.name, 'track']} style={{ marginBottom: 0 }}>
                      <Select
                        allowClear
                        disabled={!tracks.length}
                        placeholder={t('assessments.form.noTrack')}
                        options={tracks.map((x) => ({ value: x, label: x }))}
                        data-testid={`participant-track-${f.name}`}
                      />
                    </Form.Item>
                  ),
                },
                {
                  key: 'remove',
                  width: 44,
                  render: (_, f) => (
                    <Button
                      type="text"
                      icon={<MinusCircleOutlined />}
                      onClick={() => remove(f.name)}
                      aria-label={t('common.delete')}
                      data-testid={`participant-remove-${f.name}`}
                    />
                  ),
                },
              ]}
              footer={() => t('assessments.form.participantCount', { count: fields.length })}
              data-testid="participants-table"
            />
            <Form.ErrorList errors={errors} />
          </>
        )}
      </Form.List>
    </div>
  );
}
