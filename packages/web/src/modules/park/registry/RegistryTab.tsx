// One tab of the closed-park registry: a server-driven table (filters, sort, page, export) with a create / edit
// modal whose fields show the server's field errors (VALIDATION_FAILED and coded errors such as PLATE_INVALID land on
// their field), deletion with a confirmation, and per-row actions. Each tab is a RegistryTabSpec (registry/tabs.tsx).
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { App, Button, Flex, Form, Input, Modal, Popconfirm, Space, Table, Tag, type FormInstance, type TableColumnsType, type TableProps } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import type { TFunction } from 'i18next';
import type { ExpiryState } from '@zoneops/shared';
import { api } from '../../../app/api.ts';
import { ExportButton } from '../../../app/components/ExportButton.tsx';
import { changedFields } from '../../../app/form-errors.ts';
import { useModalForm } from '../../../app/use-modal-form.ts';
import { useReportError } from '../../../app/use-report-error.ts';
import { useServerTable } from '../../../app/use-server-table.ts';

export type ServerTable<T> = ReturnType<typeof useServerTable<T>>;
export type Values = Record<string, unknown>;

export interface RegistryTabSpec<T extends { id: string }> {
  key: string;
  path: string;
  defaultSort: string;
  columns: (t: TFunction, sorted: (key: string) => object) => TableColumnsType<T>;
  filters?: (table: ServerTable<T>, t: TFunction) => ReactNode;
  /** The form's fields; absent: no create or edit. */
  form?: (t: TFunction, editing: T | null, form: FormInstance<Values>) => ReactNode;
  /** The form's values of a row (edit). */
  toForm?: (row: T) => Values;
  /** The request body of the form's values (defaults to the values). */
  toBody?: (values: Values, editing: T | null) => Values;
  /** Edits are allowed (PATCH path/:id). */
  editable?: boolean;
  removable?: boolean;
  rowActions?: (row: T, run: (request: () => Promise<unknown>) => void, t: TFunction) => ReactNode;
  expandable?: (row: T, reload: () => void) => ReactNode;
}

/** The state of a licence, certificate or qualification as a coloured tag with its date. */
export function ExpiryTag({ state, date }: { state: ExpiryState | null; date: string | null }) {
  const { t } = useTranslation();
  if (!date) return <>—</>;
  const colour = state === 'expired' ? 'red' : state === 'expiring' ? 'orange' : 'green';
  return (
    <Space size={4}>
      <span>{date}</span>
      {state && <Tag color={colour}>{t(`parkRegistry.expiry.${state}`)}</Tag>}
    </Space>
  );
}

export function RegistryTable<T extends { id: string }>({
  spec,
  tableProps,
  items,
  sortOrder,
  manage,
  onEdit,
  onRemove,
  run,
  reload,
}: {
  spec: RegistryTabSpec<T>;
  tableProps?: TableProps<T>;
  items?: T[];
  sortOrder?: (field: string) => 'ascend' | 'descend' | null;
  manage: boolean;
  onEdit: (row: T) => void;
  onRemove: (row: T) => void;
  run: (request: () => Promise<unknown>) => void;
  reload: () => void;
}) {
  const { t } = useTranslation();
  const sorted = (key: string) => ({ key, sorter: true, sortOrder: sortOrder?.(key) ?? null });
  const columns: TableColumnsType<T> = [
    ...spec.columns(t, sorted),
    ...(manage && (spec.editable || spec.removable || spec.rowActions)
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            fixed: 'right' as const,
            render: (_: unknown, row: T) => (
              <Space size={0} wrap>
                {spec.editable && (
                  <Button
                    type="link"
                    size="small"
                    icon={<EditOutlined />}
                    aria-label={t('common.edit')}
                    onClick={() => onEdit(row)}
                    data-testid={`${spec.key}-edit-${row.id}`}
                  />
                )}
                {spec.rowActions?.(row, run, t)}
                {spec.removable && (
                  <Popconfirm title={t('parkRegistry.deleteConfirm')} okButtonProps={{ danger: true }} onConfirm={() => onRemove(row)}>
                    <Button
                      type="link"
                      size="small"
                      danger
                      icon={<DeleteOutlined />}
                      aria-label={t('common.delete')}
                      data-testid={`${spec.key}-delete-${row.id}`}
                    />
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]
      : []),
  ];
  return (
    <Table<T>
      rowKey="id"
      columns={columns}
      size="small"
      scroll={{ x: 'max-content' }}
      {...(spec.expandable ? { expandable: { expandedRowRender: (row: T) => spec.expandable!(row, reload), childrenColumnName: 'childRows' } } : {})}
      {...(tableProps ?? { dataSource: items, pagination: false })}
      data-testid={`${spec.key}-table`}
    />
  );
}

export function RegistryTab<T extends { id: string }>({ spec, manage }: { spec: RegistryTabSpec<T>; manage: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const table = useServerTable<T>(spec.path, { sort: spec.defaultSort });
  const [editing, setEditing] = useState<T | 'new' | null>(null);
  const row = editing === 'new' ? null : editing;
  const initial = useMemo(() => (row && spec.toForm ? spec.toForm(row) : {}), [row, spec]);
  const { form, modalProps } = useModalForm<Values>({
    open: editing !== null,
    initial,
    onSubmit: async (values) => {
      const body = spec.toBody ? spec.toBody(values, row) : values;
      if (row) await api.patch(`${spec.path}/${row.id}`, changedFields(body, initial));
      else await api.post(spec.path, body);
      void message.success(t('common.saved'));
      setEditing(null);
      table.reload();
    },
  });

  const run = (request: () => Promise<unknown>) =>
    void request()
      .then(() => {
        void message.success(t('common.saved'));
        table.reload();
      })
      .catch(report);

  return (
    <>
      <Flex gap={8} justify="space-between" align="start" wrap style={{ marginBottom: 12 }}>
        <Space wrap size={[8, 8]} style={{ flex: 1, minWidth: 0 }} data-testid={`${spec.key}-filters`}>
          {spec.filters?.(table, t)}
          <Input.Search
            allowClear
            placeholder={t(`parkRegistry.${spec.key}.search`)}
            style={{ width: 220 }}
            defaultValue={table.state.q}
            onSearch={table.setQ}
            data-testid={`${spec.key}-filter-q`}
          />
        </Space>
        <Space wrap>
          <Button icon={<ReloadOutlined />} onClick={table.reload} aria-label={t('common.refresh')} />
          <ExportButton path={`${spec.path}/export`} query={table.query} fileName={t(`parkRegistry.${spec.key}.exportName`)} testId={`${spec.key}-export`} />
          {manage && spec.form && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid={`${spec.key}-create`}>
              {t(`parkRegistry.${spec.key}.create`)}
            </Button>
          )}
        </Space>
      </Flex>
      <RegistryTable
        spec={spec}
        tableProps={table.tableProps}
        sortOrder={table.sortOrder}
        manage={manage}
        onEdit={setEditing}
        onRemove={(r) => run(() => api.delete(`${spec.path}/${r.id}`))}
        run={run}
        reload={table.reload}
      />
      {spec.form && (
        <Modal
          {...modalProps}
          onCancel={() => setEditing(null)}
          title={t(row ? `parkRegistry.${spec.key}.edit` : `parkRegistry.${spec.key}.create`)}
          width={640}
          okText={t('common.save')}
        >
          <Form form={form} layout="vertical" data-testid={`${spec.key}-form`}>
            {spec.form(t, row, form)}
          </Form>
        </Modal>
      )}
    </>
  );
}
