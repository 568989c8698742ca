// A page card with tabs whose key is in the URL (?tab=, the first tab without it) so that links open a tab.
import type { ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { Card, Tabs } from 'antd';

export interface PageTab {
  key: string;
  label: string;
  render: () => ReactNode;
}

export function TabbedCard({ title, tabs, testId }: { title: string; tabs: PageTab[]; testId: string }) {
  const [params, setParams] = useSearchParams();
  const first = tabs[0]?.key;
  const asked = params.get('tab');
  const active = tabs.some((tab) => tab.key === asked) ? asked! : first;
  return (
    <Card title={title} styles={{ body: { paddingTop: 4 } }} data-testid={testId}>
      <Tabs
        activeKey={active}
        destroyOnHidden
        onChange={(key) =>
          setParams((prev) => {
            const next = new URLSearchParams(prev);
            if (key === first) next.delete('tab');
            else next.set('tab', key);
            return next;
          })
        }
        items={tabs.map((tab) => ({ key: tab.key, label: tab.label, children: tab.render() }))}
      />
    </Card>
  );
}
