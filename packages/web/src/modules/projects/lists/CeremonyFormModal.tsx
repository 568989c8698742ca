// A new batch of the concentrated start / completion ceremonies: name, date, place, note and the linked projects,
// each with its role (开工 / 竣工 / 投产), chosen through a search over GET /api/projects?q=…&pageSize=20.
// Mount it with a new `key` each time it opens (fresh state).
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, DatePicker, Form, Input, Modal, Select, Table, Typography, type ButtonProps } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { ceremonyRoles, type CeremonyBatch, type CeremonyRole, type Page, type Project } from '@zoneops/shared';
import { api } from '../../../app/api.ts';
import { useModalForm } from '../../../app/use-modal-form.ts';
import { useReportError } from '../../../app/use-report-error.ts';
import { formatWan } from '../format.ts';
import { headlineAmount } from '../reports/money.ts';
import { moneyCell } from '../reports/report-cells.tsx';
import { addPicked, pickedSummary, type PickedProject } from './ceremony-ui.ts';
import { useStageName } from './project-cells.tsx';

interface Values {
  name: string;
  heldOn?: Dayjs;
  place?: string;
  note?: string;
}

/** Searches the projects as the user types (debounced); a pick hands the project over and clears the box. */
function ProjectPicker({ picked, onPick }: { picked: readonly PickedProject[]; onPick: (p: Project) => void }) {
  const { t } = useTranslation();
  const report = useReportError();
  const stageLabel = useStageName();
  const [q, setQ] = useState('');
  const [found, setFound] = useState<{ q: string; items: Project[] } | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => {
    const ctrl = new AbortController();
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      api.get<Page<Project>>('/api/projects', { q: q.trim() || undefined, pageSize: 20 }, { signal: ctrl.signal }).then(
        (page) => setFound({ q, items: page.items }),
        (err: unknown) => report(err),
      );
    }, 300);
    return () => {
      clearTimeout(timer.current);
      ctrl.abort();
    };
  }, [q, report]);

  const taken = new Set(picked.map((p) => p.projectId));
  return (
    <Select<string>
      showSearch={{ filterOption: false, onSearch: setQ, searchValue: q }}
      value={null}
      placeholder={t('projectReports.ceremonies.pickPlaceholder')}
      style={{ width: '100%' }}
      loading={found?.q !== q}
      notFoundContent={found?.q === q ? t('projectReports.ceremonies.noMatch') : t('common.loading')}
      onChange={(id) => {
        const p = found?.items.find((x) => x.id === id);
        if (p) onPick(p);
      }}
      options={(found?.items ?? []).map((p) => ({
        value: p.id,
        disabled: taken.has(p.id),
        label: (
          <span>
            {p.name}
            <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
              {stageLabel(p.stage)} · {p.ownerName} · {formatWan(p.totalInvestment)}
              {t('projectReports.unitWan')}
            </Typography.Text>
          </span>
        ),
      }))}
      data-testid="ceremony-project-picker"
    />
  );
}

export function CeremonyFormModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (b: CeremonyBatch) => void }) {
  const { t } = useTranslation();
  const stageLabel = useStageName();
  const [picked, setPicked] = useState<PickedProject[]>([]);
  const [missing, setMissing] = useState(false);
  const { form, modalProps } = useModalForm<Values>({
    open,
    onSubmit: async (v) => {
      if (!picked.length) {
        setMissing(true);
        return;
      }
      onCreated(
        await api.post<CeremonyBatch>('/api/ceremonies', {
          name: v.name.trim(),
          heldOn: v.heldOn?.format('YYYY-MM-DD'),
          place: v.place?.trim() || null,
          note: v.note?.trim() || null,
          projects: picked.map((p) => ({ projectId: p.projectId, role: p.role })),
        }),
      );
    },
  });
  const summary = pickedSummary(picked);
  const amount = headlineAmount(summary.totalInvestment);
  const setRole = (id: string, role: CeremonyRole) => setPicked((list) => list.map((p) => (p.projectId === id ? { ...p, role } : p)));

  return (
    <Modal
      {...modalProps}
      width={860}
      title={t('projectReports.ceremonies.create')}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'ceremony-submit' } as ButtonProps}
    >
      <Form form={form} layout="vertical" preserve={false} data-testid="ceremony-form">
        <Form.Item name="name" label={t('projectReports.ceremonies.name')} rules={[{ required: true, whitespace: true, max: 200 }]}>
          <Input placeholder={t('projectReports.ceremonies.namePlaceholder')} data-testid="ceremony-name" />
        </Form.Item>
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 2fr', gap: 12 }}>
          <Form.Item name="heldOn" label={t('projectReports.ceremonies.heldOn')} rules={[{ required: true }]}>
            <DatePicker style={{ width: '100%' }} data-testid="ceremony-date" />
          </Form.Item>
          <Form.Item name="place" label={t('projectReports.ceremonies.place')} rules={[{ max: 200 }]}>
            <Input data-testid="ceremony-place" />
          </Form.Item>
        </div>
        <Form.Item name="note" label={t('projectReports.ceremonies.note')} rules={[{ max: 2000 }]}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} data-testid="ceremony-note" />
        </Form.Item>
        <Form.Item label={t('projectReports.ceremonies.projects')} required>
          <ProjectPicker
            picked={picked}
            onPick={(p) => {
              setMissing(false);
              setPicked((list) => addPicked(list, { projectId: p.id, name: p.name, stage: p.stage, totalInvestment: p.totalInvestment }));
            }}
          />
        </Form.Item>
      </Form>
      {missing && <Alert type="error" showIcon style={{ marginBottom: 8 }} title={t('projectReports.ceremonies.noProjects')} />}
      <Table<PickedProject>
        rowKey="projectId"
        size="small"
        dataSource={picked}
        pagination={false}
        scroll={{ y: 280 }}
        locale={{ emptyText: t('projectReports.ceremonies.nonePicked') }}
        data-testid="ceremony-picked"
        columns={[
          { key: 'name', dataIndex: 'name', title: t('projectReports.fields.project'), ellipsis: true },
          { key: 'stage', dataIndex: 'stage', title: t('projectReports.lists.stage'), width: 80, render: stageLabel },
          {
            key: 'totalInvestment',
            dataIndex: 'totalInvestment',
            title: t('projectReports.lists.totalInvestment'),
            width: 140,
            align: 'right',
            render: moneyCell,
          },
          {
            key: 'role',
            title: t('projectReports.ceremonies.role'),
            width: 110,
            render: (_, p) => (
              <Select<CeremonyRole>
                size="small"
                value={p.role}
                style={{ width: 90 }}
                onChange={(r) => setRole(p.projectId, r)}
                options={ceremonyRoles.map((r) => ({ value: r, label: t(`projectReports.ceremonies.roles.${r}`) }))}
                data-testid="ceremony-role"
              />
            ),
          },
          {
            key: 'remove',
            width: 48,
            render: (_, p) => (
              <Button
                size="small"
                type="text"
                danger
                icon={<DeleteOutlined />}
                aria-label={t('common.delete')}
                onClick={() => setPicked((list) => list.filter((x) => x.projectId !== p.projectId))}
              />
            ),
          },
        ]}
      />
      <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }} data-testid="ceremony-picked-summary">
        {t('projectReports.ceremonies.pickedSummary', { count: summary.count, amount: t(`projectReports.amount.${amount.unit}`, { value: amount.value }) })}
      </Typography.Text>
    </Modal>
  );
}
