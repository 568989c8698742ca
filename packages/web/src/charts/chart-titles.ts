// The titles the option builders share: the grey notice of an empty chart, and a donut's total in its hole.

/** An empty chart says so, centred in grey. */
export const noDataTitle = (text: string) => ({ text, left: 'center', top: 'middle', textStyle: { color: '#999', fontSize: 13, fontWeight: 'normal' } });

/** A donut's total with its caption under it, centred at `left`/`top` (where the builder puts the hole). */
export const donutTotalTitle = (text: string, subtext: string, at: { left: string; top: string }) => ({
  text,
  subtext,
  ...at,
  textAlign: 'center',
  textStyle: { fontSize: 20 },
  subtextStyle: { fontSize: 11, color: '#888' },
  itemGap: 2,
});
