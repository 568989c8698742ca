// Public holidays and make-up working days. 2026 follows the State Council notice (国办发明电〔2025〕7号).
// 2027 is provisional (statutory days around the lunar dates) until the administrator enters the official notice.
export interface SeedDay {
  date: string;
  kind: 'holiday' | 'workday';
  name: string;
  provisional: boolean;
}

function span(from: string, to: string, name: string, provisional: boolean): SeedDay[] {
  const out: SeedDay[] = [];
  for (let d = new Date(`${from}T00:00:00Z`); d <= new Date(`${to}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + 1)) {
    out.push({ date: d.toISOString().slice(0, 10), kind: 'holiday', name, provisional });
  }
  return out;
}
const work = (date: string, name: string, provisional: boolean): SeedDay => ({ date, kind: 'workday', name, provisional });

export const seedCalendar: SeedDay[] = [
  ...span('2026-01-01', '2026-01-03', '元旦', false),
  work('2026-01-04', '元旦调休上班', false),
  ...span('2026-02-15', '2026-02-23', '春节', false),
  work('2026-02-14', '春节调休上班', false),
  work('2026-02-28', '春节调休上班', false),
  ...span('2026-04-04', '2026-04-06', '清明节', false),
  ...span('2026-05-01', '2026-05-05', '劳动节', false),
  work('2026-05-09', '劳动节调休上班', false),
  ...span('2026-06-19', '2026-06-21', '端午节', false),
  ...span('2026-09-25', '2026-09-27', '中秋节', false),
  ...span('2026-10-01', '2026-10-07', '国庆节', false),
  work('2026-09-20', '国庆节调休上班', false),
  work('2026-10-10', '国庆节调休上班', false),
  ...span('2027-01-01', '2027-01-03', '元旦', true),
  ...span('2027-02-05', '2027-02-13', '春节', true),
  work('2027-02-20', '春节调休上班', true),
  ...span('2027-04-03', '2027-04-05', '清明节', true),
  ...span('2027-05-01', '2027-05-05', '劳动节', true),
  work('2027-04-25', '劳动节调休上班', true),
  ...span('2027-06-09', '2027-06-09', '端午节', true),
  ...span('2027-09-15', '2027-09-15', '中秋节', true),
  ...span('2027-10-01', '2027-10-07', '国庆节', true),
  work('2027-09-26', '国庆节调休上班', true),
  work('2027-10-09', '国庆节调休上班', true),
];
