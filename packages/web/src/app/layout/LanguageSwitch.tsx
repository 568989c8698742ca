import { useTranslation } from 'react-i18next';
import { Button } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { currentLanguage, setLanguage } from '../i18n.ts';

/** Toggles between Chinese and English; the label names the language it switches to. */
export function LanguageSwitch({ light = false }: { light?: boolean }) {
  const { t } = useTranslation();
  return (
    <Button
      type="text"
      icon={<GlobalOutlined />}
      data-testid="lang-switch"
      style={light ? { color: '#fff' } : undefined}
      onClick={() => void setLanguage(currentLanguage() === 'zh-CN' ? 'en-US' : 'zh-CN')}
    >
      {t('header.switchLanguage')}
    </Button>
  );
}
