// CSV as RFC 4180 (comma, CRLF, quotes doubled), safe to open in a spreadsheet: a cell that
// starts like a formula (= + - @, tab, carriage return) is prefixed with an apostrophe, so text
// typed into a meeting can never run as a formula on an auditor's machine.

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | null): string {
  if (value === null) return "";
  let text = String(value);
  if (typeof value === "string" && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows of cells to CSV text, with a UTF-8 byte order mark so spreadsheets read accents right. */
export function toCsv(rows: readonly (readonly (string | number | null)[])[]): string {
  return `\uFEFF${rows.map((row) => row.map(csvCell).join(",")).join("\r\n")}\r\n`;
}
