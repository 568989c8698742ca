// The centred card of the sign-in and account pages (outside the main layout).
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Card, Typography } from 'antd';
import { PRIMARY_COLOUR } from '../../app/providers.tsx';
import { LanguageSwitch } from '../../app/layout/LanguageSwitch.tsx';

export function AuthCard({ title, children, width = 400 }: { title: ReactNode; children: ReactNode; width?: number }) {
  const { t } = useTranslation();
  return (
    <div
      style={{
        minHeight: '100%',
        display: 'flex',
        flexDirection: 'column',
        alignItems: 'center',
        justifyContent: 'center',
        padding: 24,
        background: `linear-gradient(160deg, ${PRIMARY_COLOUR} 0%, #2f6db3 45%, #eef2f7 45.1%)`,
      }}
    >
      <div style={{ position: 'absolute', top: 12, right: 16 }}>
        <LanguageSwitch light />
      </div>
      <div style={{ textAlign: 'center', color: '#fff', marginBottom: 24 }}>
        <img src="/favicon.svg" alt="" width={48} height={48} />
        <Typography.Title level={3} style={{ color: '#fff', margin: '8px 0 0' }}>
          {t('app.zoneName')}
        </Typography.Title>
        <Typography.Text style={{ color: 'rgba(255,255,255,0.85)' }}>
          {t('app.name')} · {t('login.subtitle')}
        </Typography.Text>
      </div>
      <Card title={title} style={{ width: '100%', maxWidth: width, boxShadow: '0 8px 24px rgba(0,0,0,0.12)' }}>
        {children}
      </Card>
      <Typography.Text type="secondary" style={{ marginTop: 24, fontSize: 12 }}>
        {t('app.footer')}
      </Typography.Text>
    </div>
  );
}
