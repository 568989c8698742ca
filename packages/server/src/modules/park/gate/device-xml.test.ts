import fc from 'fast-check';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { anprXml } from '../../../../test/gate-fixtures.ts';
import { DeviceXmlError, readDeviceXml } from './device-xml.ts';

describe('readDeviceXml', () => {
  it('reads an ANPR alert as a general parser does (attributes and namespace prefixes dropped, text trimmed)', () => {
    const xml = anprXml({ plate: '闽E12345', uuid: 'u-1' });
    const general = new XMLParser({ ignoreAttributes: true, removeNSPrefix: true, parseTagValue: false, trimValues: true }).parse(xml) as Record<
      string,
      unknown
    >;
    expect(readDeviceXml(xml)).toEqual({ EventNotificationAlert: general.EventNotificationAlert });
  });

  it('decodes entities and CDATA, makes repeated names arrays, reads empty and self-closing elements as empty text', () => {
    const doc = readDeviceXml(
      `<?xml version="1.0"?>\n<!-- a device --><a:Root xmlns:a="urn:x"><n>1 &lt; 2 &amp;&#x4e2d;&#22269;</n><c><![CDATA[<raw> & ]]></c>` +
        `<p><i>1</i></p><p><i>2</i><i>3</i></p><e></e><s attr='v>w'/></a:Root>`,
    );
    expect(doc).toEqual({ Root: { n: '1 < 2 &中国', c: '<raw> &', p: [{ i: '1' }, { i: ['2', '3'] }], e: '', s: '' } });
  });

  it.each(['<a><b></a>', '<a>', '<a></a><b></b>', 'text<a></a>', '<a>&nbsp;</a>', '<a>AT&T</a>', '<a b=c></a>', '<a><!-- x </a>', '', '<a><1/></a>'])(
    'refuses %j as malformed',
    (xml) => {
      expect(() => readDeviceXml(xml)).toThrow(DeviceXmlError);
      expect(() => readDeviceXml(xml)).toThrow(/^malformed XML: /);
    },
  );

  it('refuses a document type declaration (no entity expansion from a device)', () => {
    expect(() => readDeviceXml('<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>')).toThrow('document type declaration');
  });

  it('never throws anything but DeviceXmlError, on any input', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('<', '>', '/', 'a', 'b', ' ', '=', '"', "'", '&', ';', '!', '?', '-', '[', ']', 'x') }), (s) => {
        try {
          readDeviceXml(s);
        } catch (err) {
          expect(err).toBeInstanceOf(DeviceXmlError);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
