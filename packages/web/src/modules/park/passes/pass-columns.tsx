// Columns of the passes table: time, kind, subject, direction, result, checkpoint, confidence, a thumbnail, findings.
import type { TFunction } from 'i18next';
import { Button, Space, Tag, Tooltip, type TableColumnsType } from 'antd';
import { FilterOutlined } from '@ant-design/icons';
import type { GateFinding, GatePass, GatePassResult } from '@zoneops/shared';
import { formatDateTime, formatNumber } from '../../../app/format.ts';

export const resultColors: Record<GatePassResult, string> = { allowed: 'green', denied: 'red', flagged: 'orange' };

export const passImageUrl = (id: string, index: number) => `/api/park/passes/${id}/images/${index}`;

export function ResultTag({ result, t }: { result: GatePassResult; t: TFunction }) {
  return <Tag color={resultColors[result]}>{t(`parkGate.results.${result}`)}</Tag>;
}

export function FindingTags({ findings, t }: { findings: readonly GateFinding[]; t: TFunction }) {
  if (!findings.length) return <span>{t('parkGate.unknown')}</span>;
  return (
    <Space size={[4, 4]} wrap>
      {findings.map((f, i) => (
        <Tooltip key={`${f.code}-${i}`} title={f.message}>
          <Tag
            color={
              f.code === 'blacklisted' || f.code === 'noAppointment' ? 'red' : f.code === 'unknownDevice' || f.code === 'lowConfidence' ? 'default' : 'orange'
            }
          >
            {t(`parkGate.findings.${f.code}`)}
          </Tag>
        </Tooltip>
      ))}
    </Space>
  );
}

export function passSubject(p: GatePass): string {
  if (p.kind === 'vehicle') return p.plate ?? '—';
  return [p.personName, p.personCode].filter(Boolean).join(' · ') || '—';
}

export function passColumns(
  t: TFunction,
  opts: { sortOrder: (field: string) => 'ascend' | 'descend' | null; onOpen: (p: GatePass) => void; onCheckpoint: (id: string, name: string) => void },
): TableColumnsType<GatePass> {
  return [
    {
      title: t('parkGate.columns.deviceTime'),
      dataIndex: 'deviceTime',
      key: 'deviceTime',
      sorter: true,
      sortOrder: opts.sortOrder('deviceTime'),
      render: (v: string) => formatDateTime(v),
    },
    { title: t('parkGate.columns.kind'), dataIndex: 'kind', key: 'kind', render: (v: GatePass['kind']) => t(`parkGate.kinds.${v}`) },
    {
      title: t('parkGate.columns.subject'),
      key: 'subject',
      sorter: true,
      sortOrder: opts.sortOrder('plate'),
      render: (_: unknown, p) => (
        <Button type="link" size="small" onClick={() => opts.onOpen(p)} data-testid="pass-open">
          {passSubject(p)}
        </Button>
      ),
    },
    {
      title: t('parkGate.columns.direction'),
      dataIndex: 'direction',
      key: 'direction',
      render: (v: GatePass['direction']) => <Tag color={v === 'in' ? 'blue' : 'default'}>{t(`parkGate.directions.${v}`)}</Tag>,
    },
    {
      title: t('parkGate.columns.result'),
      dataIndex: 'result',
      key: 'result',
      sorter: true,
      sortOrder: opts.sortOrder('result'),
      render: (v: GatePassResult) => <ResultTag result={v} t={t} />,
    },
    {
      title: t('parkGate.columns.checkpoint'),
      key: 'checkpoint',
      render: (_: unknown, p) =>
        p.checkpointId ? (
          <Space size={2}>
            <span>{p.checkpointName}</span>
            <Button
              type="text"
              size="small"
              icon={<FilterOutlined />}
              aria-label={t('parkGate.filter.checkpoint', { name: p.checkpointName ?? '' })}
              onClick={() => opts.onCheckpoint(p.checkpointId!, p.checkpointName ?? '')}
            />
          </Space>
        ) : (
          t('parkGate.unknown')
        ),
    },
    {
      title: t('parkGate.columns.confidence'),
      dataIndex: 'confidence',
      key: 'confidence',
      align: 'right',
      render: (v: number | null) => (v === null ? t('parkGate.unknown') : formatNumber(v)),
    },
    {
      title: t('parkGate.columns.images'),
      key: 'images',
      render: (_: unknown, p) =>
        p.imageCount ? (
          <img
            src={passImageUrl(p.id, 0)}
            alt={passSubject(p)}
            loading="lazy"
            style={{ height: 36, maxWidth: 72, objectFit: 'cover', cursor: 'pointer', borderRadius: 2 }}
            onClick={() => opts.onOpen(p)}
            data-testid="pass-thumb"
          />
        ) : (
          t('parkGate.unknown')
        ),
    },
    { title: t('parkGate.columns.findings'), key: 'findings', render: (_: unknown, p) => <FindingTags findings={p.findings} t={t} /> },
  ];
}
