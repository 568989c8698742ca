// Cells shared by the lists of this folder: a stage's name in the page's language and a link to a project.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Typography } from 'antd';
import { stageName, type ProjectStage } from '@zoneops/shared';
import { projectPath } from '../project-columns.tsx';

export function useStageName(): (s: ProjectStage) => string {
  const { i18n } = useTranslation();
  const lang = i18n.language?.startsWith('en') ? 'en' : 'zh';
  return useCallback((s: ProjectStage) => stageName(s, lang), [lang]);
}

export function ProjectLink({ id, name, maxWidth = 240 }: { id: string; name: string; maxWidth?: number }) {
  return (
    <Link to={projectPath({ id })} data-testid="project-link">
      <Typography.Text style={{ maxWidth, color: 'inherit' }} ellipsis={{ tooltip: name }}>
        {name}
      </Typography.Text>
    </Link>
  );
}
