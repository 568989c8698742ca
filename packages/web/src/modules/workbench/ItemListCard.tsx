import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Card, Empty, Tag, Typography } from 'antd';
import type { WorkbenchItem } from '../../app/contract.ts';

/** To-dos or overdue items fed by the modules (GET /api/workbench). */
export function ItemListCard({ title, items, empty, testId }: { title: string; items: WorkbenchItem[]; empty: string; testId: string }) {
  const { t } = useTranslation();
  return (
    <Card title={title} size="small" extra={items.length ? <Tag>{items.length}</Tag> : null} data-testid={testId}>
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />
      ) : (
        <div style={{ maxHeight: 300, overflow: 'auto' }}>
          {items.map((item) => (
            <div
              key={`${item.module}:${item.id}`}
              style={{
                display: 'flex',
                alignItems: 'center',
                gap: 8,
                padding: '6px 0',
                borderBottom: '1px solid #f5f5f5',
              }}
            >
              <Tag>{t(`menu.${item.module}`, { defaultValue: item.module })}</Tag>
              <Link to={item.link} style={{ flex: 1, minWidth: 0 }}>
                <Typography.Text ellipsis style={{ maxWidth: '100%' }}>
                  {item.title}
                </Typography.Text>
              </Link>
              {item.dueDate && (
                <Typography.Text type={item.overdue ? 'danger' : 'secondary'} style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
                  {t('workbench.due', { date: item.dueDate })}
                </Typography.Text>
              )}
              {item.overdue && <Tag color="red">{t('workbench.overdueTag')}</Tag>}
            </div>
          ))}
        </div>
      )}
    </Card>
  );
}
