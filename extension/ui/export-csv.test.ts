import { describe, expect, it } from 'vitest';
import { csvCell, parseCsv, tablesToCsv } from './export-csv.ts';

describe('tablesToCsv', () => {
  it('writes one row per stored row under the union of columns, and reads back', () => {
    const csv = tablesToCsv({
      products: [{ id: '1', title: 'Cable, "braided"\nblue' }],
      observations: [{ id: 7, productId: '1', price: 999, flags: ['lot'] }],
      empty: [],
    });
    const rows = parseCsv(csv);
    expect(rows[0]).toEqual(['table', 'id', 'title', 'productId', 'price', 'flags']);
    expect(rows[1]).toEqual(['products', '1', 'Cable, "braided"\nblue', '', '', '']);
    expect(rows[2]).toEqual(['observations', '7', '', '1', '999', '["lot"]']);
    expect(rows).toHaveLength(3);
  });

  it('keeps a formula-looking page title from running in a spreadsheet', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('-5')).toBe("'-5");
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell('<img src=x onerror=alert(1)>')).toBe('<img src=x onerror=alert(1)>');
  });
});
