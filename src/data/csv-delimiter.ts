import type { RawTable } from './table';

type Delimiter = RawTable['delimiter'];

/** Lines of the head the delimiter is guessed from. */
const GUESS_LINES = 20;

const CANDIDATES: Delimiter[] = [',', ';', '\t'];
const COMMA = 0;
const SEMICOLON = 1;

const isDigit = (c: number) => c >= 48 && c <= 57;

/**
 * The delimiter, from the first GUESS_LINES non-blank lines of the head: among the candidates that
 * occur (outside quotes) in line 1, the one whose count on line 1 the most other lines repeat, then
 * the one line 1 has most of. So `a;b` / `1,5;2,5` (decimal commas) is semicolon-separated, and a
 * comma inside a tab-separated text cell does not matter. A comma and a semicolon that tie on the
 * lines go to the semicolon when every comma outside quotes has a digit on each side (a decimal
 * comma): `5,1;3,5;1,4;0,2;Iris-setosa` has as many commas as semicolons on every line, and a row of
 * numbers only (`5,1;3,5`) more commas. A comma at the head's very end is judged by the digit before
 * it. With none on line 1, a comma: the first row then has one cell and the file is refused as plain
 * text.
 */
export function guessDelimiter(head: string): Delimiter {
  const lines: number[][] = [];
  let counts = [0, 0, 0];
  let inQuote = false;
  let blank = true;
  let decimalCommas = true;
  for (let i = 0; i < head.length && lines.length < GUESS_LINES; i++) {
    const c = head.charCodeAt(i);
    if (c === 34) inQuote = !inQuote;
    if (inQuote) {
      blank = false;
      continue;
    }
    if (c === 10) {
      if (!blank) lines.push(counts);
      counts = [0, 0, 0];
      blank = true;
      continue;
    }
    const k = c === 44 ? COMMA : c === 59 ? SEMICOLON : c === 9 ? 2 : -1;
    if (k >= 0) counts[k]++;
    if (k === COMMA && !(isDigit(head.charCodeAt(i - 1)) && (i + 1 === head.length || isDigit(head.charCodeAt(i + 1))))) decimalCommas = false;
    if (c !== 32 && c !== 13) blank = false;
  }
  if (lines.length === 0) lines.push(counts); // line 1 is longer than the head
  const first = lines[0];
  let best = -1;
  let bestAgree = -1;
  for (let k = 0; k < CANDIDATES.length; k++) {
    if (first[k] === 0) continue;
    const agree = lines.filter((l) => l[k] === first[k]).length;
    const tieWins = k === SEMICOLON && best === COMMA && decimalCommas ? true : first[k] > first[best];
    if (agree > bestAgree || (agree === bestAgree && tieWins)) {
      best = k;
      bestAgree = agree;
    }
  }
  return best < 0 ? ',' : CANDIDATES[best];
}
