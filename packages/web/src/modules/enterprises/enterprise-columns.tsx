import type { TFunction } from 'i18next';
import { Button, Popconfirm, Space, Tag, type TableColumnsType } from 'antd';
import type { Enterprise } from '@zoneops/shared';
import { formatDate } from '../../app/format.ts';

export const statusColours: Record<Enterprise['status'], string> = {
  operating: 'green',
  suspended: 'orange',
  deregistered: 'default',
  movedOut: 'purple',
};

export const tagColours: Record<string, string> = {
  aboveScale: 'blue',
  highTech: 'cyan',
  specialised: 'geekblue',
  littleGiant: 'gold',
  chainLeader: 'volcano',
};

export function enterpriseColumns(opts: {
  t: TFunction;
  sortOrder: (field: string) => 'ascend' | 'descend' | null;
  industryLabel: (code: string | null) => string;
  canWrite: boolean;
  onEdit: (e: Enterprise) => void;
  onDelete: (e: Enterprise) => void;
}): TableColumnsType<Enterprise> {
  const { t, sortOrder } = opts;
  const columns: TableColumnsType<Enterprise> = [
    {
      title: t('enterprises.name'),
      dataIndex: 'name',
      key: 'name',
      sorter: true,
      sortOrder: sortOrder('name'),
      fixed: 'left',
    },
    {
      title: t('enterprises.uscc'),
      dataIndex: 'uscc',
      key: 'uscc',
      render: (v: string) => <span className="zo-mono">{v}</span>,
    },
    {
      title: t('enterprises.industry'),
      dataIndex: 'industry',
      key: 'industry',
      render: (v: string | null) => opts.industryLabel(v),
    },
    {
      title: t('enterprises.tags'),
      dataIndex: 'tags',
      key: 'tags',
      render: (tags: string[]) =>
        tags.length
          ? tags.map((tag) => (
              <Tag key={tag} color={tagColours[tag]}>
                {t(`enterpriseTag.${tag}`, { defaultValue: tag })}
              </Tag>
            ))
          : '—',
    },
    {
      title: t('enterprises.status'),
      dataIndex: 'status',
      key: 'status',
      sorter: true,
      sortOrder: sortOrder('status'),
      render: (s: Enterprise['status']) => <Tag color={statusColours[s]}>{t(`enterpriseStatus.${s}`)}</Tag>,
    },
    {
      title: t('enterprises.legalRep'),
      dataIndex: 'legalRep',
      key: 'legalRep',
      render: (v: string | null) => v ?? '—',
    },
    {
      title: t('enterprises.contactName'),
      dataIndex: 'contactName',
      key: 'contactName',
      render: (v: string | null) => v ?? '—',
    },
    {
      title: t('enterprises.contactPhone'),
      dataIndex: 'contactPhone',
      key: 'contactPhone',
      render: (v: string | null) => v ?? '—',
    },
    {
      title: t('users.createdAt'),
      dataIndex: 'createdAt',
      key: 'createdAt',
      sorter: true,
      sortOrder: sortOrder('createdAt'),
      render: (v: string) => formatDate(v),
    },
  ];
  if (opts.canWrite) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, e) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => opts.onEdit(e)}>
            {t('common.edit')}
          </Button>
          <Popconfirm title={t('enterprises.deleteConfirm', { name: e.name })} onConfirm={() => opts.onDelete(e)}>
            <Button type="link" size="small" danger>
              {t('common.delete')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    });
  }
  return columns;
}
