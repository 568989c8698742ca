// The bulletin (经济运行通报) as a document preview: an A4-like white sheet with the issuer's red header and the
// document number, the title, the blocks (headings numbered as in the Word file, paragraphs, tables) in 仿宋-like
// type, and the signature with the date. The blocks are the server's (GET /api/economy/bulletin), the same the
// Word document renders.
import type { CSSProperties } from 'react';
import type { EconomyBulletin } from '@zoneops/shared';
import { officialDate } from './economy-ui.ts';

const fangSong = '"FangSong", "仿宋", "FangSong_GB2312", "仿宋_GB2312", "STFangsong", "Songti SC", "SimSun", serif';
const xiaoBiaoSong = '"FZXiaoBiaoSong-B05S", "方正小标宋简体", "方正小标宋_GBK", "STZhongsong", "华文中宋", "SimSun", serif';
const heiTi = '"SimHei", "黑体", "STHeiti", "Heiti SC", "Microsoft YaHei", sans-serif';
const kaiTi = '"KaiTi", "楷体", "KaiTi_GB2312", "楷体_GB2312", "STKaiti", "Kaiti SC", serif';

// 三号 (16 pt) body at a fixed 28.95 pt line, as GB/T 9704 sets 22 lines of 28 characters on the page
const sheet: CSSProperties = {
  background: '#fff',
  color: '#000',
  width: '100%',
  maxWidth: 794,
  minHeight: 1123,
  margin: '0 auto',
  padding: 'clamp(24px, 9%, 100px) clamp(20px, 10%, 100px)',
  boxShadow: '0 2px 12px rgba(0, 0, 0, 0.15)',
  fontFamily: fangSong,
  fontSize: 21,
  lineHeight: '38px',
  boxSizing: 'border-box',
  wordBreak: 'break-all',
};
const red = '#d40000';
const headingStyle: Record<'h1' | 'h2' | 'h3' | 'h4', CSSProperties> = {
  h1: { fontFamily: heiTi, fontWeight: 'normal' },
  h2: { fontFamily: kaiTi, fontWeight: 'normal' },
  h3: { fontFamily: fangSong, fontWeight: 'bold' },
  h4: { fontFamily: fangSong, fontWeight: 'normal' },
};
const headingElement = { h1: 'h2', h2: 'h3', h3: 'h4', h4: 'h5' } as const;
const cell: CSSProperties = { border: '1px solid #000', padding: '2px 6px', textAlign: 'center', verticalAlign: 'middle' };

export function BulletinSheet({ bulletin, title, docNumber }: { bulletin: EconomyBulletin; title?: string; docNumber?: string }) {
  // the server numbers the headings (一、（一）1.（1）) as the Word document does
  const blocks = bulletin.blocks;
  return (
    <div style={sheet} data-testid="economy-bulletin-sheet" lang="zh-CN">
      <div style={{ textAlign: 'center', color: red, fontFamily: xiaoBiaoSong, fontSize: 40, lineHeight: '56px', letterSpacing: 2 }}>{bulletin.issuer}</div>
      {docNumber ? <div style={{ textAlign: 'center', marginTop: 12 }}>{docNumber}</div> : null}
      <div style={{ borderTop: `2px solid ${red}`, margin: '8px 0 36px' }} />
      <h1
        style={{ textAlign: 'center', fontFamily: xiaoBiaoSong, fontWeight: 'normal', fontSize: 29, lineHeight: '42px', margin: '0 0 38px' }}
        data-testid="economy-bulletin-title"
      >
        {title || bulletin.title}
      </h1>
      {blocks.map((b, n) => {
        if (b.kind === 'table') {
          return (
            <table key={n} style={{ borderCollapse: 'collapse', width: '100%', fontSize: 14, lineHeight: '22px', margin: '8px 0 16px' }}>
              {b.widths?.length === b.columns.length && (
                <colgroup>
                  {b.widths.map((w, k) => (
                    <col key={k} style={{ width: `${(w / b.widths!.reduce((s, x) => s + x, 0)) * 100}%` }} />
                  ))}
                </colgroup>
              )}
              <thead>
                <tr>
                  {b.columns.map((c, k) => (
                    <th key={k} style={{ ...cell, fontFamily: heiTi, fontWeight: 'normal' }}>
                      {c}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {b.rows.map((r, k) => (
                  <tr key={k}>
                    {r.map((v, j) => (
                      <td key={j} style={cell}>
                        {v}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          );
        }
        if (b.kind === 'p') {
          return b.text.split(/\r?\n/).map((line, k) => (
            <p key={`${n}-${k}`} style={{ textIndent: '2em', margin: 0 }}>
              {line}
            </p>
          ));
        }
        // the document's title is the page's h1: block headings sit one level below
        const Tag = headingElement[b.kind];
        return (
          <Tag key={n} style={{ ...headingStyle[b.kind], fontSize: 21, lineHeight: '38px', margin: 0, textIndent: '2em' }}>
            {b.text}
          </Tag>
        );
      })}
      <div style={{ textAlign: 'right', marginTop: 76, paddingRight: '4em' }}>
        <div>{bulletin.issuer}</div>
        <div data-testid="economy-bulletin-date">{officialDate(bulletin.date)}</div>
      </div>
    </div>
  );
}
