// Dictionaries: types on the left, the chosen type's items on the right.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { App, Button, Card, Col, Empty, Menu, Row, Spin, Table, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { DictItem, DictType } from '../../app/contract.ts';
import { invalidateCache } from '../../app/reference-data.ts';
import { useApiGet } from '../../app/use-api.ts';
import { DictItemModal } from './DictItemModal.tsx';

export default function DictionariesPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const english = i18n.language.startsWith('en');
  const types = useApiGet<DictType[]>('/api/dictionaries');
  const [type, setType] = useState<string | null>(null);
  const items = useApiGet<DictItem[]>(type ? `/api/dictionaries/${encodeURIComponent(type)}/items` : null);
  const [editing, setEditing] = useState<DictItem | null>(null);
  const [open, setOpen] = useState(false);

  const columns: TableColumnsType<DictItem> = [
    { title: t('dictionaries.code'), dataIndex: 'code', sorter: (a, b) => a.code.localeCompare(b.code) },
    { title: t('dictionaries.label'), dataIndex: 'label' },
    { title: t('dictionaries.labelEn'), dataIndex: 'labelEn', render: (v: string | null) => v ?? '—' },
    { title: t('dictionaries.parentCode'), dataIndex: 'parentCode', render: (v: string | null) => v ?? '—' },
    { title: t('dictionaries.sort'), dataIndex: 'sort', sorter: (a, b) => a.sort - b.sort, defaultSortOrder: 'ascend' },
    {
      title: t('dictionaries.enabled'),
      dataIndex: 'enabled',
      render: (v: boolean) => <Tag color={v ? 'green' : 'default'}>{v ? t('common.enabled') : t('common.disabled')}</Tag>,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, item) => (
        <Button
          type="link"
          size="small"
          onClick={() => {
            setEditing(item);
            setOpen(true);
          }}
        >
          {t('common.edit')}
        </Button>
      ),
    },
  ];

  return (
    <Row gutter={16}>
      <Col xs={24} md={8} lg={6}>
        <Card title={t('dictionaries.types')} size="small" styles={{ body: { padding: 0 } }}>
          <Spin spinning={types.loading}>
            <Menu
              mode="inline"
              selectedKeys={type ? [type] : []}
              onClick={({ key }) => setType(key)}
              style={{ borderInlineEnd: 'none' }}
              items={(types.data ?? []).map((d) => ({
                key: d.code,
                label: (
                  <span data-testid={`dict-type-${d.code}`}>
                    {english && d.nameEn ? d.nameEn : d.name} <span style={{ color: '#999', fontSize: 12 }}>{d.code}</span>
                  </span>
                ),
              }))}
            />
          </Spin>
        </Card>
      </Col>
      <Col xs={24} md={16} lg={18}>
        <Card
          title={t('dictionaries.items')}
          size="small"
          extra={
            type && (
              <Button
                type="primary"
                size="small"
                icon={<PlusOutlined />}
                onClick={() => {
                  setEditing(null);
                  setOpen(true);
                }}
              >
                {t('dictionaries.addItem')}
              </Button>
            )
          }
        >
          {type ? (
            <Table<DictItem>
              rowKey="id"
              size="middle"
              columns={columns}
              dataSource={items.data ?? []}
              loading={items.loading}
              pagination={{ pageSize: 50, hideOnSinglePage: true }}
              data-testid="dict-items-table"
            />
          ) : (
            <Empty description={t('dictionaries.selectType')} />
          )}
        </Card>
      </Col>
      {type && (
        <DictItemModal
          open={open}
          type={type}
          item={editing}
          onClose={() => setOpen(false)}
          onSaved={() => {
            setOpen(false);
            void message.success(t('common.saved'));
            invalidateCache(`/api/dictionaries/${encodeURIComponent(type)}/items`);
            items.reload();
          }}
        />
      )}
    </Row>
  );
}
