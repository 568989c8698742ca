// antd theme and locale (following the i18n language), and the App context used for messages and modals.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { App as AntApp, ConfigProvider, theme } from 'antd';
import enUSLocale from 'antd/locale/en_US';
import zhCNLocale from 'antd/locale/zh_CN';

/** A sober government blue; everything else stays antd's light defaults. */
export const PRIMARY_COLOUR = '#1b4d89';

export function Providers({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const english = i18n.language.startsWith('en');
  return (
    <ConfigProvider
      locale={english ? enUSLocale : zhCNLocale}
      theme={{
        algorithm: theme.defaultAlgorithm,
        token: { colorPrimary: PRIMARY_COLOUR, colorInfo: PRIMARY_COLOUR, borderRadius: 4 },
        components: {
          Layout: { headerBg: PRIMARY_COLOUR, headerHeight: 56, headerPadding: '0 20px', siderBg: '#fff' },
        },
      }}
    >
      {/* full height, so that the layout's side menu reaches the bottom of a short page */}
      <AntApp style={{ height: '100%' }}>{children}</AntApp>
    </ConfigProvider>
  );
}
