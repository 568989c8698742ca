// Permissions as checkboxes grouped as in permissionCatalogue; administrator-class permissions carry a tag.
import { useTranslation } from 'react-i18next';
import { Checkbox, Col, Row, Tag, Typography } from 'antd';
import { permissionCatalogue, type AdminClass, type PermissionDef } from '@zoneops/shared';

const classColours: Record<AdminClass, string> = { system: 'blue', security: 'orange', audit: 'purple' };

export const permissionGroups: { group: string; items: PermissionDef[] }[] = (() => {
  const groups = new Map<string, PermissionDef[]>();
  for (const p of permissionCatalogue as readonly PermissionDef[]) {
    const list = groups.get(p.group) ?? [];
    list.push(p);
    groups.set(p.group, list);
  }
  return [...groups].map(([group, items]) => ({ group, items }));
})();

export function PermissionChecklist({ value = [], onChange, disabled }: { value?: string[]; onChange?: (v: string[]) => void; disabled?: boolean }) {
  const { t } = useTranslation();
  const chosen = new Set(value);
  const set = (codes: string[], on: boolean) => {
    const next = new Set(chosen);
    for (const c of codes) {
      if (on) next.add(c);
      else next.delete(c);
    }
    // keep catalogue order
    onChange?.(permissionCatalogue.map((p) => p.code as string).filter((c) => next.has(c)));
  };

  return (
    <div data-testid="role-permissions">
      {permissionGroups.map(({ group, items }) => {
        const codes = items.map((i) => i.code);
        const count = codes.filter((c) => chosen.has(c)).length;
        return (
          <div key={group} style={{ marginBottom: 12, padding: '8px 12px', border: '1px solid #f0f0f0', borderRadius: 4 }}>
            <Checkbox
              checked={count === codes.length}
              indeterminate={count > 0 && count < codes.length}
              disabled={disabled}
              onChange={(e) => set(codes, e.target.checked)}
            >
              <Typography.Text strong>{t(`permGroup.${group}`)}</Typography.Text>
            </Checkbox>
            <Row gutter={[8, 4]} style={{ marginTop: 6, paddingInlineStart: 24 }}>
              {items.map((p) => (
                <Col xs={24} sm={12} key={p.code}>
                  <Checkbox checked={chosen.has(p.code)} disabled={disabled} onChange={(e) => set([p.code], e.target.checked)}>
                    {t(`permission.${p.code}`)}
                    {p.adminClass && (
                      <Tag color={classColours[p.adminClass]} style={{ marginInlineStart: 6 }}>
                        {t(`adminClass.${p.adminClass}`)}
                      </Tag>
                    )}
                  </Checkbox>
                </Col>
              ))}
            </Row>
          </div>
        );
      })}
    </div>
  );
}
