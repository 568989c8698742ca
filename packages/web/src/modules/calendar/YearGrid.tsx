// Twelve month grids; holidays red, make-up working days blue, weekends grey.
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { Card, Col, Row, Tooltip } from 'antd';
import type { CalendarDay } from '../../app/contract.ts';
import { isWeekend, monthName, monthWeeks, weekdayNames } from './calendar-grid.ts';

const cellBase: CSSProperties = {
  width: '14.28%',
  textAlign: 'center',
  padding: '3px 0',
  fontSize: 12,
  borderRadius: 3,
};

function cellStyle(day: CalendarDay | undefined, weekend: boolean, clickable: boolean): CSSProperties {
  const style: CSSProperties = { ...cellBase, cursor: clickable ? 'pointer' : 'default' };
  if (day?.kind === 'holiday') return { ...style, background: '#fff1f0', color: '#cf1322', fontWeight: 600, border: '1px solid #ffa39e' };
  if (day?.kind === 'workday') return { ...style, background: '#e6f4ff', color: '#0958d9', fontWeight: 600, border: '1px solid #91caff' };
  return { ...style, color: weekend ? '#aaa' : undefined, border: '1px solid transparent' };
}

export function YearGrid({ year, days, onPick }: { year: number; days: ReadonlyMap<string, CalendarDay>; onPick?: (date: string) => void }) {
  const { i18n } = useTranslation();
  const locale = i18n.language;
  const weekdays = weekdayNames(locale);
  return (
    <Row gutter={[12, 12]} data-testid="calendar-year">
      {Array.from({ length: 12 }, (_, i) => i + 1).map((month) => (
        <Col xs={24} sm={12} lg={8} xxl={6} key={month}>
          <Card size="small" title={monthName(year, month, locale)}>
            <table style={{ width: '100%', borderCollapse: 'separate', borderSpacing: 2 }}>
              <thead>
                <tr>
                  {weekdays.map((w, i) => (
                    <th key={i} style={{ ...cellBase, color: i >= 5 ? '#aaa' : '#666', fontWeight: 400 }}>
                      {w}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {monthWeeks(year, month).map((week, wi) => (
                  <tr key={wi}>
                    {week.map((iso, di) => {
                      if (!iso) return <td key={di} style={cellBase} />;
                      const day = days.get(iso);
                      const cell = (
                        <td
                          key={iso}
                          style={cellStyle(day, isWeekend(iso), !!onPick)}
                          onClick={onPick ? () => onPick(iso) : undefined}
                          data-testid={`day-${iso}`}
                          data-kind={day?.kind}
                        >
                          {Number(iso.slice(8))}
                        </td>
                      );
                      return day ? (
                        <Tooltip key={iso} title={`${day.name}${day.provisional ? ' *' : ''}`}>
                          {cell}
                        </Tooltip>
                      ) : (
                        cell
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </Card>
        </Col>
      ))}
    </Row>
  );
}
