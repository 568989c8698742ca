// Creates a pairing (POST /api/service/pairings: cadre, enterprise, role, period) or edits one's role and period
// (PATCH /api/service/pairings/:id, only the fields changed).
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { DatePicker, Form, Modal, Radio, type ButtonProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { pairingRoles } from '@zoneops/shared';
import { api } from '../../app/api.ts';
import { changedFields } from '../../app/form-errors.ts';
import { useModalForm } from '../../app/use-modal-form.ts';
import { UserSelect } from '../ledger/UserSelect.tsx';
import { EnterpriseSelect } from '../projects/pickers.tsx';
import type { Pairing } from './service-types.ts';

interface Values {
  cadreUserId?: string;
  enterpriseId?: string;
  role: Pairing['role'];
  startsOn: Dayjs;
  endsOn?: Dayjs | null;
}

const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);

export function PairingFormModal({
  open,
  pairing,
  today,
  onClose,
  onSaved,
}: {
  open: boolean;
  /** null: a new pairing */
  pairing: Pairing | null;
  today: string;
  onClose: () => void;
  onSaved: (p: Pairing) => void;
}) {
  const { t } = useTranslation();
  const initial = useMemo<Values>(
    () =>
      pairing
        ? { role: pairing.role, startsOn: dayjs(pairing.startsOn), endsOn: pairing.endsOn ? dayjs(pairing.endsOn) : null }
        : { role: 'primary', startsOn: dayjs(today), endsOn: null },
    [pairing, today],
  );
  const { form, modalProps } = useModalForm<Values>({
    open,
    initial,
    onSubmit: async (v) => {
      const period = { role: v.role, startsOn: day(v.startsOn)!, endsOn: day(v.endsOn) };
      if (pairing) {
        const body = changedFields(period, { role: pairing.role, startsOn: pairing.startsOn, endsOn: pairing.endsOn });
        onSaved(await api.patch<Pairing>(`/api/service/pairings/${pairing.id}`, body));
      } else {
        onSaved(await api.post<Pairing>('/api/service/pairings', { cadreUserId: v.cadreUserId, enterpriseId: v.enterpriseId, ...period }));
      }
    },
  });
  return (
    <Modal
      {...modalProps}
      title={pairing ? t('service.pairings.edit') : t('service.pairings.create')}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'pairing-submit' } as ButtonProps}
    >
      <Form form={form} layout="vertical" preserve={false}>
        {pairing ? (
          <Form.Item label={t('service.pairings.col.cadre')}>
            {pairing.cadreName} · {pairing.enterpriseName}
          </Form.Item>
        ) : (
          <>
            <Form.Item name="cadreUserId" label={t('service.pairings.col.cadre')} rules={[{ required: true }]}>
              <UserSelect testId="pairing-cadre" />
            </Form.Item>
            <Form.Item name="enterpriseId" label={t('service.pairings.col.enterprise')} rules={[{ required: true }]}>
              <EnterpriseSelect testId="pairing-enterprise" />
            </Form.Item>
          </>
        )}
        <Form.Item name="role" label={t('service.pairings.col.role')} rules={[{ required: true }]}>
          <Radio.Group options={pairingRoles.map((r) => ({ value: r, label: t(`service.role.${r}`) }))} data-testid="pairing-role" />
        </Form.Item>
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="startsOn" label={t('service.pairings.col.startsOn')} rules={[{ required: true }]} style={{ flex: 1 }}>
            <DatePicker style={{ width: '100%' }} data-testid="pairing-starts" />
          </Form.Item>
          <Form.Item name="endsOn" label={t('service.pairings.col.endsOn')} style={{ flex: 1 }}>
            <DatePicker style={{ width: '100%' }} data-testid="pairing-ends" />
          </Form.Item>
        </div>
      </Form>
    </Modal>
  );
}
