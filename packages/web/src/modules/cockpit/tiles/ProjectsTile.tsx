// 重点项目: the number of key projects, the year's investment completed against the plan, the projects by light
// (donut in the ProjectLight badges' colours), the year's three lists and the most delayed projects.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Col, Progress, Row, Tooltip, Typography } from 'antd';
import { yearListKinds, type Cockpit } from '@zoneops/shared';
import { cockpitLightDonutOption } from '../../../charts/cockpit-projects.ts';
import { ProjectLightDot } from '../../project-views/ProjectLight.tsx';
import { formatWan, formatYi, projectLightColours } from '../../project-views/views-ui.ts';
import { formatNumber, formatPercent, GOOD, langOf, YEAR_LISTS_PATH } from '../cockpit-ui.ts';
import { Figure, Section, TileCard, TileChart } from './TileCard.tsx';

export function ProjectsTile({ projects }: { projects: NonNullable<Cockpit['projects']> }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const num = (n: number) => formatNumber(n, lang);
  const wanTip = (s: string) => t('cockpit.wanTip', { amount: formatWan(s) });
  const donut = useMemo(
    () =>
      cockpitLightDonutOption(
        projects.byLight,
        {
          light: {
            red: t('projectViews.light.red'),
            yellow: t('projectViews.light.yellow'),
            green: t('projectViews.light.green'),
            none: t('projectViews.light.none'),
          },
          total: t('cockpit.projects.lights'),
          noData: t('cockpit.noData'),
          number: (n) => formatNumber(n, langOf(i18n.language)),
        },
        projectLightColours,
      ),
    [projects.byLight, t, i18n.language],
  );
  const percent = projects.annualPercent;

  return (
    <TileCard tile="projects">
      <Row gutter={16} align="middle">
        <Col flex="none">
          <Figure label={t('cockpit.projects.count')} value={num(projects.count)} unit={t('cockpit.projects.countUnit')} testId="projects-count" size={28} />
        </Col>
        <Col flex="auto">
          <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline', gap: 8 }}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('cockpit.projects.annual', { year: projects.year })}
            </Typography.Text>
            <Typography.Text strong style={{ fontSize: 18 }} data-testid="projects-annual-percent">
              {formatPercent(percent, lang)}
            </Typography.Text>
          </div>
          <Progress percent={percent === null ? 0 : Math.min(100, percent)} showInfo={false} strokeColor={GOOD} size="small" />
          <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, fontSize: 12 }}>
            <Tooltip title={wanTip(projects.ytdCompleted)}>
              <Typography.Text style={{ fontSize: 12 }} data-testid="projects-ytd">
                {t('cockpit.projects.completed', { amount: formatYi(projects.ytdCompleted) })}
              </Typography.Text>
            </Tooltip>
            <Tooltip title={wanTip(projects.annualPlan)}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="projects-plan">
                {t('cockpit.projects.plan', { amount: formatYi(projects.annualPlan) })}
              </Typography.Text>
            </Tooltip>
          </div>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col xs={24} sm={12}>
          <Section title={t('cockpit.projects.byLight')}>
            <TileChart option={donut} height={150} testId="projects-light-chart" />
          </Section>
        </Col>
        <Col xs={24} sm={12}>
          <Section
            title={
              <Link to={YEAR_LISTS_PATH} data-testid="projects-year-lists-link">
                {t('cockpit.projects.yearLists', { year: projects.year })}
              </Link>
            }
          >
            {yearListKinds.map((k) => {
              const l = projects.yearLists[k];
              return (
                <div key={k} style={{ display: 'flex', justifyContent: 'space-between', gap: 8, lineHeight: '30px', borderBottom: '1px dashed #f0f0f0' }}>
                  <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
                    {t(`cockpit.projects.list.${k}`)}
                  </Typography.Text>
                  <Tooltip title={l ? wanTip(l.totalInvestment) : undefined}>
                    <Typography.Text strong style={{ whiteSpace: 'nowrap' }} data-testid={`projects-list-${k}`}>
                      {l ? t('cockpit.projects.listFigure', { n: num(l.count), amount: formatYi(l.totalInvestment) }) : '—'}
                    </Typography.Text>
                  </Tooltip>
                </div>
              );
            })}
          </Section>
        </Col>
      </Row>
      <Section title={t('cockpit.projects.topDelayed')}>
        {projects.topDelayed.length === 0 ? (
          <Typography.Text type="secondary">{t('cockpit.projects.noDelayed')}</Typography.Text>
        ) : (
          projects.topDelayed.map((p) => (
            <div key={p.id} style={{ display: 'flex', alignItems: 'center', gap: 8, lineHeight: '26px' }} data-testid={`projects-delayed-${p.id}`}>
              <ProjectLightDot light={p.light} />
              <Link
                to={`/projects/${p.id}`}
                style={{ flex: 1, minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}
                title={p.name}
              >
                {p.name}
              </Link>
              <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
                {p.leadUnitName}
              </Typography.Text>
              <Typography.Text
                type={p.overdueDays > 0 ? 'danger' : 'secondary'}
                style={{ fontSize: 12, whiteSpace: 'nowrap', minWidth: 72, textAlign: 'right' }}
              >
                {p.overdueDays > 0 ? t('cockpit.projects.overdueDays', { days: num(p.overdueDays) }) : t('cockpit.projects.onSchedule')}
              </Typography.Text>
            </div>
          ))
        )}
      </Section>
    </TileCard>
  );
}
