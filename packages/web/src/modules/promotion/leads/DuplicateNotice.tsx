// After a registration: the leads the new one may duplicate (same company key or credit code), with links; a warning,
// not a refusal.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Alert, Button, List, Modal } from 'antd';
import type { LeadDetail } from '@zoneops/shared';
import { leadPath } from './LeadList.tsx';

export function DuplicateNotice({ lead, onClose }: { lead: LeadDetail | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      open={!!lead}
      title={t('promotion.duplicate.title')}
      onCancel={onClose}
      footer={
        <Button type="primary" onClick={onClose} data-testid="duplicate-close">
          {t('common.close')}
        </Button>
      }
      data-testid="duplicate-notice"
    >
      {lead && (
        <>
          <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('promotion.duplicate.hint', { code: lead.code, company: lead.company })} />
          <List
            size="small"
            bordered
            dataSource={lead.duplicateOf}
            renderItem={(d) => (
              <List.Item>
                <Link to={leadPath(d.id)} onClick={onClose} data-testid={`duplicate-link-${d.id}`}>
                  {d.code} · {d.company}
                </Link>
              </List.Item>
            )}
          />
          <div style={{ marginTop: 12 }}>
            <Link to={leadPath(lead.id)} onClick={onClose} data-testid="duplicate-open-new">
              {t('promotion.duplicate.openNew', { code: lead.code })}
            </Link>
          </div>
        </>
      )}
    </Modal>
  );
}
