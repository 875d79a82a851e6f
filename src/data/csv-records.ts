/** What a quote inside a quoted cell turned out to be (see RecordScanner.closes); a closing quote gives an index instead. */
const WAIT = -1;
const NOT_CLOSING = -2;
const ESCAPED = -3;

/**
 * Finds where complete records end in text that arrives in pieces, by papaparse's own quote rules,
 * so a run handed to papaparse ends exactly where papaparse ends a record when it reads the file whole:
 * - a quote opens a quoted cell only as the cell's first character (right after a delimiter or a line
 *   end); elsewhere it is an ordinary character;
 * - in a quoted cell, `""` is a quote, and a quote followed by whitespace (none or some) and then a
 *   delimiter or a line end closes the cell; any other quote is kept as text and the cell goes on;
 * - a line end outside a quoted cell ends the record.
 * The scan resumes where it stopped (each character is looked at about once, by indexOf), and waits
 * for more text when a quote's meaning depends on characters not read yet.
 */
export class RecordScanner {
  private inQuote = false;
  /** Where the scan resumes, in the pending text (which starts at a record's start). */
  from = 0;

  /** @param delim the delimiter's character code */
  constructor(private readonly delim: number) {}

  /**
   * Index in the pending text of its last line end that ends a record, or -1. `text` is the pending
   * text from index `base`, at least one character before where the last scan stopped (or 0). The
   * caller takes the records up to the index returned and lowers `from` by as many characters.
   */
  lastRecordEnd(text: string, base: number): number {
    const n = text.length;
    let end = -1;
    let i = this.from - base;
    // The first line end at or after i, looked up forward only (-2: not yet): looking back from each
    // opening quote to the line end before it would read a line of many quoted cells many times.
    let nl = -2;
    while (i < n) {
      const q = text.indexOf('"', i);
      if (!this.inQuote) {
        if (q < 0) {
          const last = text.lastIndexOf('\n');
          if (last >= i) end = last;
          i = n;
          break;
        }
        if (nl !== -1 && nl < i) nl = text.indexOf('\n', i);
        if (nl !== -1 && nl < q) {
          end = text.lastIndexOf('\n', q);
          nl = text.indexOf('\n', q);
        }
        // The pending text starts at a record's start; a later scan's text starts before `from`.
        const before = q + base === 0 ? 10 : text.charCodeAt(q - 1);
        this.inQuote = before === this.delim || before === 10;
        i = q + 1;
      } else {
        if (q < 0) {
          i = n;
          break;
        }
        const closed = this.closes(text, q);
        if (closed === WAIT) {
          i = q;
          break;
        }
        if (closed === ESCAPED) i = q + 2;
        else if (closed === NOT_CLOSING) i = q + 1;
        else {
          this.inQuote = false;
          if (text.charCodeAt(closed) === 10) end = closed;
          i = closed + 1;
        }
      }
    }
    this.from = base + i;
    return end < 0 ? -1 : base + end;
  }

  /** The delimiter or line end that the quote at `q` closes its cell before, or WAIT / NOT_CLOSING / ESCAPED. */
  private closes(text: string, q: number): number {
    if (q + 1 >= text.length) return WAIT;
    if (text.charCodeAt(q + 1) === 34) return ESCAPED;
    for (let j = q + 1; j < text.length; j++) {
      const c = text.charCodeAt(j);
      if (c === this.delim || c === 10) return j;
      // papaparse's test for the characters between: `.trim() === ''`
      if (c !== 32 && String.fromCharCode(c).trim() !== '') return NOT_CLOSING;
    }
    return WAIT;
  }
}
