// The leaders' cockpit (领导驾驶舱): being built (issue 9).
import { useTranslation } from 'react-i18next';

export default function CockpitPage() {
  const { t } = useTranslation();
  return <h2>{t('cockpit.title')}</h2>;
}
