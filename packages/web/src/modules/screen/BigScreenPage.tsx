// The leaders' screen (领导驾驶舱): being built (issue 9).
import { useTranslation } from 'react-i18next';

export default function BigScreenPage() {
  const { t } = useTranslation();
  return <h2>{t('screen.title')}</h2>;
}
