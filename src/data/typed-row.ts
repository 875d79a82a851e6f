import { parseDecimal } from './decimal';
import { ColumnBuilder } from './table-columns';
import type { RawTable } from './table';

/**
 * A row typed by hand (one text per column) as a one-row table, each cell read as the CSV reader
 * reads a file's cell (table-csv.ts, table-columns.ts): a number, a missing token ("", "NA", "?" …),
 * or a text. So encodeRows (prepare.ts) encodes it exactly as it encodes a file's rows for
 * predictions: missing cells filled, numbers standardised, categories one-hot. A column with no cell
 * given is missing. `decimalComma`: whether "1,5" is a number (the training file was semicolon-separated).
 */
export function typedRowTable(name: string, columns: readonly string[], cells: Readonly<Record<string, string>>, decimalComma = false): RawTable {
  return {
    name, rows: 1, header: true, delimiter: decimalComma ? ';' : ',',
    columns: columns.map((column) => {
      const col = new ColumnBuilder(column, decimalComma), cell = cells[column] ?? '';
      col.resize(1);
      const v = parseDecimal(cell, decimalComma);
      if (v === v) col.number(0, v, cell);
      else col.other(0, cell);
      return { name: column, values: col.values, dictionary: col.codes ? col.dictionary : null };
    }),
  };
}
