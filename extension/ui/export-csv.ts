/**
 * Every local table as ONE CSV: a `table` column, then the union of the rows' keys; nested values (flags,
 * sources, a watch's conditions) as JSON. RFC 4180 quoting. A cell a spreadsheet would run as a formula
 * (a hostile page's title "=HYPERLINK(…)") gets a leading apostrophe.
 */
export function tablesToCsv(tables: Record<string, unknown[]>): string {
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const rows of Object.values(tables)) {
    for (const row of rows) {
      for (const key of Object.keys(row as object)) {
        if (!seen.has(key)) {
          seen.add(key);
          columns.push(key);
        }
      }
    }
  }
  const lines = [['table', ...columns].map(csvCell).join(',')];
  for (const [name, rows] of Object.entries(tables)) {
    for (const row of rows) {
      const record = row as Record<string, unknown>;
      lines.push([name, ...columns.map((c) => record[c])].map(csvCell).join(','));
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}

export function csvCell(value: unknown): string {
  if (value === undefined || value === null) return '';
  let text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Reads back what `tablesToCsv` wrote (quoted fields, doubled quotes, CRLF inside quotes). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || (c === '\r' && text[i + 1] === '\n')) {
      if (c === '\r') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}
