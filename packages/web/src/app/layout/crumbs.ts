// The crumb of a detail page below a menu page: by the detail route's path prefix (longest first), for exactly one
// segment after it (the id). A path that is itself a menu entry (/projects/map) is no detail page.
import { menuForPath } from './menu-items.tsx';

/** Detail route prefix → i18n key of its crumb (router.tsx has the routes). */
export const detailCrumbs: Record<string, string> = {
  '/projects/': 'nav.project',
  '/supervision/items/': 'nav.item',
  '/rectification/items/': 'nav.item',
  '/meetings/series/': 'nav.meetingSeries',
  '/meetings/': 'nav.meeting',
  '/promotion/leads/': 'nav.lead',
  '/service/requests/': 'nav.request',
  '/portal/requests/': 'nav.request',
  '/assessments/schemes/': 'nav.assessmentScheme',
  '/assessments/runs/': 'nav.assessmentRun',
};

const prefixes = Object.keys(detailCrumbs).sort((a, b) => b.length - a.length);

/** The i18n key of the detail crumb of `pathname`, or null when it is a menu page or no known detail page. */
export function detailCrumb(pathname: string): string | null {
  const menu = menuForPath(pathname);
  if (!menu || menu.path === '/' || pathname === menu.path) return null;
  const prefix = prefixes.find((p) => pathname.startsWith(p) && /^[^/]+$/.test(pathname.slice(p.length)));
  return prefix ? detailCrumbs[prefix]! : null;
}
