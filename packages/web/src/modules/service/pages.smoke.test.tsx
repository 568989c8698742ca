// The service pages render (server-side, first paint) in both languages: without data (effects do not run here, so
// nothing is fetched), and the parts that take data with API answers parsed by the contract's schemas
// (service-fixtures.ts): the request with its rounds, refusals and actions, the routing table with a deleted unit,
// the templates, the pairing import preview with its row errors, the visits, the metrics with the total row.
import type { ComponentType, ReactElement } from 'react';
import { Table } from 'antd';
import { beforeAll, describe, expect, it } from 'vitest';
import { initI18n, setLanguage } from '../../app/i18n.ts';
import { adminMe as admin, renderAs } from '../../app/test-fixtures.tsx';
import MetricsPage, { MetricsView } from './MetricsPage.tsx';
import { PairingPreviewTable } from './PairingImport.tsx';
import { LastVisit } from './PairingList.tsx';
import PairingsPage from './PairingsPage.tsx';
import RequestDetailPage, { RequestView } from './RequestDetailPage.tsx';
import RequestsPage from './RequestsPage.tsx';
import { RoutingTable, TemplateList } from './RoutingSettings.tsx';
import { metrics, NOW, pairing, preview, request, routes, templates, visit } from './service-fixtures.ts';
import type { Visit } from './service-types.ts';
import { visitColumns } from './VisitList.tsx';

const html = (element: ReactElement, path?: string) => renderAs(admin, element, path);
const untranslated = /service\.[a-zA-Z]+\.[a-zA-Z.]+/;
const noop = () => undefined;

const pages: [string, ComponentType, string][] = [
  ['requests', RequestsPage, '/service/requests'],
  ['requests, routing tab', RequestsPage, '/service/requests?tab=routing&status=registered'],
  ['request detail', RequestDetailPage, '/service/requests/abc'],
  ['pairings', PairingsPage, '/service/pairings'],
  ['visits', PairingsPage, '/service/pairings?tab=visits'],
  ['metrics', MetricsPage, '/service/metrics'],
  ['metrics (a quarter)', MetricsPage, '/service/metrics?from=2026-10-01&to=2026-12-31'],
];

describe.each(['zh-CN', 'en-US'] as const)('service pages in %s', (lang) => {
  const zh = lang === 'zh-CN';
  beforeAll(async () => {
    initI18n();
    await setLanguage(lang);
  });

  it.each(pages)('%s renders without data', (_name, Page, path) => {
    const out = html(<Page />, path);
    expect(out.length).toBeGreaterThan(100);
    expect(out).not.toMatch(untranslated);
  });

  it('shows the list filters, the export, filing and the routing tab to a manager', () => {
    const out = html(<RequestsPage />);
    for (const id of ['request-filters', 'request-filter-status', 'request-filter-late', 'request-export', 'request-file', 'requests-table']) {
      expect(out).toContain(`data-testid="${id}"`);
    }
    expect(out).toContain(zh ? '路由与模板' : 'Routing and templates');
    expect(out).toContain(zh ? '代企业提交诉求' : 'File for an enterprise');
    const reader = renderAs({ ...admin, permissions: ['service.read'] }, <RequestsPage />);
    expect(reader).not.toContain('data-testid="request-file"');
    expect(reader).not.toContain(zh ? '路由与模板' : 'Routing and templates');
  });

  it('renders a request: steps, late deadline, masked contact, rounds, refusals, cadres, actions and the ledger link', () => {
    const out = html(<RequestView detail={request} now={NOW} onAction={noop} onReload={noop} />);
    expect(out).toContain('ENT-REQUESTS-0007');
    expect(out).toContain('data-step="2"');
    for (const s of zh ? ['登记', '分派', '办理', '评价', '回访'] : ['Registered', 'Dispatched', 'Handled', 'Rated', 'Follow-up']) expect(out).toContain(s);
    expect(out).toMatch(/data-testid="request-response-due" data-late="true"/);
    // due at the end of 2026-11-20 (2026-11-21T00:00+08:00): that day's 24:00, in the summary and in the rounds
    expect(out).toContain('2026-11-20 24:00');
    expect(out).toContain('2026-11-11 24:00');
    expect(out).not.toContain('2026-11-21 00:00');
    expect(out).toContain('138****5678');
    expect(out).toContain('王*');
    expect(out).toContain('未明确办理时限');
    expect(out).toContain('用地事项属自然资源局职责');
    expect(out).toContain('李干部');
    for (const a of ['dispatch', 'accept', 'refuse', 'answer']) expect(out).toContain(`data-testid="action-${a}"`);
    expect(out).not.toContain('data-testid="action-rate"');
    expect(out).not.toContain('data-testid="action-followUp"');
    expect(out).toContain(`href="/supervision/items/${request.itemId}"`);
    expect(out).toContain(zh ? '未解决' : 'Not solved');
    expect(out).toContain(zh ? '不满意' : 'Dissatisfied');
    expect(out).not.toMatch(untranslated);
  });

  it('flags a route whose unit is gone and lists the templates', () => {
    const out = html(<RoutingTable routes={routes.routes} onSaved={noop} />);
    expect(out).toContain('data-testid="route-land" data-gone="true"');
    expect(out).not.toContain('data-testid="route-policy" data-gone="true"');
    expect(out).toContain(zh ? '单位已撤销' : 'Unit deleted');
    expect(out).toContain(zh ? '未设置，需人工分派' : 'Not set: dispatch by hand');
    const list = html(<TemplateList templates={templates} onChanged={noop} />);
    expect(list).toContain('用地政策答复');
    expect(list).toContain(zh ? '停用' : 'Disabled');
    expect(out + list).not.toMatch(untranslated);
  });

  it('previews an import with its row errors and refuses to commit', () => {
    const out = html(<PairingPreviewTable preview={preview} />);
    expect(out).toContain('data-testid="pairing-import-has-errors"');
    expect(out).toContain('干部账号：没有该账号');
    expect(out).not.toMatch(untranslated);
  });

  it('renders the pairings’ last visit and the visits', () => {
    expect(html(<LastVisit p={pairing} today="2026-11-23" />)).toContain(zh ? '114 天前' : '114 days ago');
    expect(html(<LastVisit p={{ lastVisitOn: null }} today="2026-11-23" />)).toContain(zh ? '从未走访' : 'Never visited');
    const TableOfVisits = () => {
      const cols = visitColumns((k) => k, { sortOrder: () => null, onPhotos: noop });
      return <Table<Visit> rowKey="id" dataSource={[visit]} columns={cols} pagination={false} />;
    };
    const out = html(<TableOfVisits />);
    expect(out).toContain('ENT-REQUESTS-0007');
    expect(out).toContain(`data-testid="visit-photos-${visit.id}"`);
  });

  it('renders the metrics per unit with rates, counts and the total row', () => {
    const out = html(<MetricsView data={metrics} />);
    expect(out).toContain('自然资源局');
    expect(out).toContain('50.0% (1/2)');
    expect(out).toContain('— (0/0)');
    expect(out).toContain('80.0% (4/5)');
    expect(out).toContain('data-testid="metrics-total"');
    expect(out).toContain('data-testid="metrics-chart"');
    expect(out).toContain(zh ? '按时响应率' : 'On-time response');
    expect(out).not.toMatch(untranslated);
    const page = html(<MetricsPage />, '/service/metrics?from=2026-10-01&to=2026-12-31');
    expect(page).toContain('data-testid="metrics-export"');
    expect(page).toContain('2026-10-01');
  });
});
