// The portal pages render (server-side, first paint) in both languages: for an account without an enterprise, and
// with API answers parsed by the contract's schemas: the home (enterprise, counts, cadres, projects) and a request
// with the answers of each round and, once answered, the rating.
import { beforeAll, describe, expect, it } from 'vitest';
import { initI18n, setLanguage } from '../../app/i18n.ts';
import { adminMe as admin, renderAs } from '../../app/test-fixtures.tsx';
import { answered, enterpriseUser, NOW, portalHome, request } from '../service/service-fixtures.ts';
import PortalPage, { PortalHomeView } from './PortalPage.tsx';
import PortalRequestPage, { PortalRequestView } from './PortalRequestPage.tsx';

const untranslated = /service\.[a-zA-Z]+\.[a-zA-Z.]+/;
const noop = () => undefined;

describe.each(['zh-CN', 'en-US'] as const)('portal pages in %s', (lang) => {
  const zh = lang === 'zh-CN';
  beforeAll(async () => {
    initI18n();
    await setLanguage(lang);
  });

  it('renders without data, and says so to an account without an enterprise', () => {
    const out = renderAs(enterpriseUser, <PortalPage />, '/portal');
    expect(out).toContain('data-testid="portal-page"');
    expect(out).toContain('data-testid="portal-requests"');
    expect(out).not.toMatch(untranslated);
    expect(renderAs(admin, <PortalPage />, '/portal')).toContain(zh ? '当前账号未关联企业' : 'not linked to an enterprise');
    expect(renderAs(enterpriseUser, <PortalRequestPage />, '/portal/requests/x').length).toBeGreaterThan(50);
  });

  it('shows the enterprise, its counts, cadres with phones and roles, and its projects as links', () => {
    const out = renderAs(enterpriseUser, <PortalHomeView home={portalHome} onFile={noop} />, '/portal');
    expect(out).toContain('漳州新材料有限公司');
    expect(out).toContain('13800001111');
    expect(out).toContain(zh ? '包联责任人' : 'Responsible cadre');
    expect(out).toContain(`href="/projects/${portalHome.projects[0]!.id}"`);
    expect(out).toContain('data-testid="portal-file"');
    expect(out).toContain(zh ? '待评价' : 'To rate');
    expect(out).not.toMatch(untranslated);
  });

  it('shows the answers of each round and the rating only once answered', () => {
    const out = renderAs(enterpriseUser, <PortalRequestView detail={answered} now={NOW} onRated={noop} />, '/portal/requests/x');
    expect(out).toContain('已协调用地指标，预计12月完成审批。');
    expect(out).toContain('已告知用地指标申请流程。');
    expect(out).toContain('data-testid="portal-rating"');
    for (const r of zh ? ['满意', '基本满意', '不满意'] : ['Satisfied', 'Basically satisfied', 'Dissatisfied']) expect(out).toContain(r);
    expect(out).not.toContain('/supervision/items/');
    expect(out).not.toMatch(untranslated);
    const open = renderAs(enterpriseUser, <PortalRequestView detail={{ ...request, can: { ...request.can, rate: false } }} now={NOW} onRated={noop} />);
    expect(open).not.toContain('data-testid="portal-rating"');
    // the response deadline at the end of 2026-11-20 is that day's 24:00, not the next day's 00:00
    expect(open).toContain('2026-11-20 24:00');
    expect(open).not.toContain('2026-11-21 00:00');
  });
});
