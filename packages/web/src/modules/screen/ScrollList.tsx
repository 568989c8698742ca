// A list that scrolls upwards in a loop by CSS animation when it holds more rows than fit (the rows are drawn twice
// and the track moves by half its height), still otherwise. Rows are the caller's; the list never grows past them.
import type { ReactNode } from 'react';

export function ScrollList<T>({
  items,
  keyOf,
  row,
  visible,
  rowHeight,
  empty,
  testId,
  secondsPerRow = 3,
}: {
  items: readonly T[];
  keyOf: (x: T) => string;
  row: (x: T) => ReactNode;
  /** Rows that fit without scrolling. */
  visible: number;
  rowHeight: number;
  empty: ReactNode;
  testId?: string;
  secondsPerRow?: number;
}) {
  const scrolls = items.length > visible;
  const rows = (copy: string) =>
    items.map((x) => (
      <div key={`${copy}${keyOf(x)}`} className="screen-list-row" style={{ height: rowHeight }} aria-hidden={copy === 'b' || undefined}>
        {row(x)}
      </div>
    ));
  return (
    <div className="screen-list" style={{ height: visible * rowHeight }} data-testid={testId} data-count={items.length}>
      {items.length === 0 ? (
        <div className="screen-list-empty">{empty}</div>
      ) : (
        <div
          className={scrolls ? 'screen-list-track scrolling' : 'screen-list-track'}
          style={scrolls ? { animationDuration: `${items.length * secondsPerRow}s` } : undefined}
        >
          {rows('a')}
          {scrolls && rows('b')}
        </div>
      )}
    </div>
  );
}
