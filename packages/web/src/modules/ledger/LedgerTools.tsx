// The spreadsheet and report tools of a ledger list: export (the list's filters), import, weekly summary, bulletin.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Dropdown, Tooltip } from 'antd';
import { FileTextOutlined, UploadOutlined } from '@ant-design/icons';
import type { LedgerKind } from '@zoneops/shared';
import type { Query } from '../../app/api.ts';
import { useAuth } from '../../app/auth.tsx';
import { ExportButton } from '../../app/components/ExportButton.tsx';
import type { Ledger } from '../../app/contract.ts';
import { BulletinModal } from './BulletinModal.tsx';
import { ImportWizard } from './ImportWizard.tsx';
import { WeeklyModal } from './WeeklyModal.tsx';

export function LedgerTools({ kind, ledger, query, onImported }: { kind: LedgerKind; ledger: Ledger | undefined; query: Query; onImported: () => void }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [open, setOpen] = useState<'import' | 'weekly' | 'bulletin' | null>(null);
  const close = () => setOpen(null);
  const pick = t('ledger.pickLedgerFirst');
  return (
    <>
      <ExportButton path="/api/ledger-items/export" query={query} fileName={`${ledger?.name ?? t(`menu.${kind}`)}.xlsx`} testId="export-button" />
      {can('ledger.assign') && (
        <Tooltip title={ledger ? undefined : pick}>
          <Button icon={<UploadOutlined />} disabled={!ledger} onClick={() => setOpen('import')} data-testid="import-button">
            {t('ledger.import.button')}
          </Button>
        </Tooltip>
      )}
      <Tooltip title={ledger ? undefined : pick}>
        <Dropdown
          disabled={!ledger}
          menu={{
            items: [
              { key: 'weekly', label: t('ledger.weekly.menu') },
              { key: 'bulletin', label: t('ledger.bulletin.menu') },
            ],
            onClick: ({ key }) => setOpen(key as 'weekly' | 'bulletin'),
          }}
        >
          <Button icon={<FileTextOutlined />} disabled={!ledger} data-testid="reports-button">
            {t('ledger.reports')}
          </Button>
        </Dropdown>
      </Tooltip>
      {ledger && (
        <>
          <ImportWizard ledger={ledger} open={open === 'import'} onClose={close} onImported={onImported} />
          <WeeklyModal ledger={ledger} open={open === 'weekly'} onClose={close} />
          <BulletinModal ledger={ledger} open={open === 'bulletin'} onClose={close} />
        </>
      )}
    </>
  );
}
