"""
Reading a table as the MLP Playground reads it, and encoding its rows by a model's schema: the CSV
with Python's csv module (delimiter guessed, header or not, the missing tokens, decimal commas in
semicolon files), each column as the engine's ColumnBuilder holds it, and each row encoded as
prepare.ts encodes it (standardised numbers, one-hot categories, the fitted fills).

Used by scripts/numpy_forward.py, and copied verbatim into every script `Export PyTorch script`
writes (src/export/train-template.py), so the exported experiment reads its CSV as the page does.
Needs Python 3 and NumPy.
"""
import csv
import io
import json
import math
import os
import re
import sys
from decimal import ROUND_HALF_UP, Context, Decimal

import numpy as np

# Each step mirrors the engine's code, named beside it: numbers are float32 where the engine holds
# them in a Float32Array and float64 where it computes in JavaScript numbers.

MISSING_TOKENS = {"", "?", "na", "n/a", "nan", "null", "none", "-"}  # src/data/missing.ts, compared lower-case
# What JavaScript's String.prototype.trim removes (Python's str.strip differs: it keeps U+FEFF and removes U+001C-U+001F).
JS_SPACE = "\t\n\v\f\r \xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
# decimal.ts parseDecimal: decimal forms only (not "inf", "1_0", "0x1"); in a semicolon-separated file "1,5" too.
DECIMAL = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
DECIMAL_COMMA = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+|[0-9]+,[0-9]+)(?:[eE][+-]?[0-9]+)?")
FLOAT32_EXACT = 2 ** 24          # table.ts: whole numbers beyond it make a column float64
MAX_NUMBER_TEXTS = 4096          # table-columns.ts: distinct numbers whose first text a numeric column remembers
HEAD_CHARS, GUESS_LINES, HEADER_LOOKAHEAD = 65_536, 20, 50


class TableError(Exception):
    """A file the model cannot read, as one sentence."""


def is_missing(text):
    return text.strip(JS_SPACE).lower() in MISSING_TOKENS


def parse_decimal(text, comma=False):
    """A trimmed cell's number, or None: decimal forms only, and finite; with `comma`, "1,5" is 1.5 (a digit on each side)."""
    if not (DECIMAL_COMMA if comma else DECIMAL).fullmatch(text):
        return None
    v = float(text.replace(",", "."))  # correctly rounded, as Number() is
    return v if math.isfinite(v) else None


def f32(v):
    """Math.fround."""
    with np.errstate(over="ignore"):
        return float(np.float32(v))


def js_string(x):
    """JavaScript's String(x) for a double: the shortest digits that read back (Python's repr has the same), in JavaScript's layout."""
    if x != x:
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    if x == 0:
        return "0"
    sign, (_, digits, exponent) = ("-" if x < 0 else ""), Decimal(repr(abs(x))).as_tuple()
    n = len(digits) + exponent                    # the decimal point's place: 0.digits × 10^n
    s = "".join(map(str, digits)).rstrip("0")
    k = len(s)
    if k <= n <= 21:
        return sign + s + "0" * (n - k)
    if 0 < n <= 21:
        return sign + s[:n] + "." + s[n:]
    if -6 < n <= 0:
        return sign + "0." + "0" * -n + s
    e = n - 1
    return sign + s[0] + ("." + s[1:] if k > 1 else "") + "e" + ("+" if e >= 0 else "-") + str(abs(e))


def number_text(v, float32):
    """table.ts numberText: for a float32 value, the fewest significant digits (1-9) that read back to it."""
    if not float32 or not math.isfinite(v):
        return js_string(v)
    for digits in range(1, 10):
        # toPrecision rounds the exact value, halves away from zero
        d = float(Context(prec=digits, rounding=ROUND_HALF_UP).create_decimal(v))
        if digits == 9 or f32(d) == v:
            return js_string(d)


class Column:
    """
    A column as the engine's ColumnBuilder (table-columns.ts) reads it: numbers (float32, or float64 from a whole number
    beyond 2^24 on, the earlier ones staying as float32 rounded them) until its first text cell; from
    then on texts, the numbers before becoming the texts they were first written as. None: missing.
    """

    def __init__(self, name, comma):
        self.name, self.comma, self.values, self.float32, self.text, self.first_texts = name, comma, [], True, False, {}

    def add(self, cell):
        t = cell.strip(JS_SPACE)
        if not self.text:
            v = parse_decimal(t, self.comma)
            if v is not None:
                if self.float32 and abs(v) > FLOAT32_EXACT and v.is_integer():
                    self.float32 = False
                if self.float32:
                    v = f32(v)
                self.values.append(v)
                if self.first_texts is not None and v not in self.first_texts:
                    if len(self.first_texts) == MAX_NUMBER_TEXTS:
                        self.first_texts = None
                    else:
                        self.first_texts[v] = t
                return
        if t.lower() in MISSING_TOKENS:
            self.values.append(None)
            return
        if not self.text:
            known = self.first_texts or {}
            self.values = [None if v is None else known[v] if v in known else number_text(v, self.float32) for v in self.values]
            self.text, self.first_texts = True, None
        self.values.append(t)

    def cell_text(self, i):
        """table.ts cellText: the text of a cell ("" when missing; a number written shortest)."""
        v = self.values[i]
        return "" if v is None else v if self.text else number_text(v, self.float32)


def guess_delimiter(head):
    """
    csv-delimiter.ts guessDelimiter: of ',', ';', tab on line 1 (outside quotes), the one whose count
    most of the first lines repeat, then the one line 1 has most of; a comma and a semicolon that tie
    go to the semicolon when every comma has a digit on each side (decimal commas).
    """
    lines, counts, in_quote, blank, decimal_commas = [], [0, 0, 0], False, True, True
    for i, ch in enumerate(head):
        if len(lines) >= GUESS_LINES:
            break
        if ch == '"':
            in_quote = not in_quote
        if in_quote:
            blank = False
            continue
        if ch == "\n":
            if not blank:
                lines.append(counts)
            counts, blank = [0, 0, 0], True
            continue
        if ch in ",;\t":
            counts[",;\t".index(ch)] += 1
        if ch == "," and not (i > 0 and head[i - 1] in "0123456789" and (i + 1 == len(head) or head[i + 1] in "0123456789")):
            decimal_commas = False
        if ch not in " \r":
            blank = False
    if not lines:
        lines.append(counts)
    best, best_agree = -1, -1
    for k in range(3):
        if lines[0][k] == 0:
            continue
        agree = sum(1 for line in lines if line[k] == lines[0][k])
        tie_wins = (k == 1 and best == 0 and decimal_commas) or lines[0][k] > lines[0][best]
        if agree > best_agree or (agree == best_agree and tie_wins):
            best, best_agree = k, agree
    return ",;\t"[best] if best >= 0 else ","


def cell_kind(cell, comma):
    if is_missing(cell):
        return "missing"
    return "text" if parse_decimal(cell.strip(JS_SPACE), comma) is None else "number"


def looks_like_header(first, rows, comma):
    """table-header.ts looksLikeHeader: a text over a column of mostly numbers, or distinct texts not repeated below."""
    kinds = [cell_kind(c, comma) for c in first]
    for c, kind in enumerate(kinds):
        if kind != "text":
            continue
        below = [cell_kind(row[c], comma) if c < len(row) else "missing" for row in rows]
        numbers, present = below.count("number"), len(below) - below.count("missing")
        if numbers > 0 and 2 * numbers >= present:
            return True
    if "number" in kinds or "text" not in kinds:
        return False
    texts = [cell.strip(JS_SPACE) for cell, kind in zip(first, kinds) if kind == "text"]
    if len(set(texts)) != len(texts):
        return False
    return all(kind != "text" or all(c >= len(row) or row[c].strip(JS_SPACE) != cell.strip(JS_SPACE) for row in rows)
               for c, (cell, kind) in enumerate(zip(first, kinds)))


def column_names(cells):
    """table-header.ts columnNames: trimmed; an empty one is "column N"; a repeated one gets " (2)", " (3)", ..."""
    names = [cell.strip(JS_SPACE) or f"column {i + 1}" for i, cell in enumerate(cells)]
    taken, seen, out = set(names), set(), []
    for name in names:
        if name not in seen:
            seen.add(name)
            out.append(name)
            continue
        k = 2
        while f"{name} ({k})" in taken:
            k += 1
        taken.add(f"{name} ({k})")
        out.append(f"{name} ({k})")
    return out


def read_table(path):
    """The CSV's columns as the page reads them: delimiter guessed, header or not, blank lines skipped."""
    name = os.path.basename(path)
    with open(path, encoding="utf-8", errors="replace", newline="") as f:
        text = f.read()
    if text.startswith("\ufeff"):
        text = text[1:]
    csv.field_size_limit(1 << 30)
    delimiter = guess_delimiter(text[:HEAD_CHARS])
    comma = delimiter == ";"                      # "1,5" is a number in a semicolon-separated file
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    records = [(row, reader.line_num) for row in reader if row and not (len(row) == 1 and row[0].strip(JS_SPACE) == "")]
    if not records:
        raise TableError(f'"{name}" is empty')
    first = records[0][0]
    if len(first) < 2:
        raise TableError(f'"{name}" has no comma, semicolon or tab between its values: this looks like plain text, not a table')
    header = looks_like_header(first, [row for row, _ in records[1:HEADER_LOOKAHEAD + 1]], comma)
    columns = [Column(n, comma) for n in (column_names(first) if header else [f"column {i + 1}" for i in range(len(first))])]
    rows = records[1:] if header else records
    if not rows:
        raise TableError(f'"{name}" has a header but no data rows')
    for row, line in rows:
        if len(row) != len(columns):
            first_line = "the header" if header else "line 1"
            raise TableError(f'"{name}" line {line} has {len(row)} cells, but {first_line} has {len(columns)} columns')
        for column, cell in zip(columns, row):
            column.add(cell)
    return name, len(rows), {c.name: c for c in columns}


def category_key(column, i, numeric):
    """The text a cell is looked up by among a feature's categories; a numeric category compares as a number ("2007.0" is "2007")."""
    v = column.values[i]
    if numeric and column.text:  # a column with a text cell holds its cells' texts: read the numbers among them as a numeric column would
        n = parse_decimal(v, column.comma)
        if n is not None:
            return number_text(n, False) if abs(n) > FLOAT32_EXACT and n.is_integer() else number_text(f32(n), True)
    return column.cell_text(i)


def check_features(name, columns, schema, reader):
    """Raises TableError when the table lacks a feature column of `schema`, or holds text in one read as
    numbers (the engine would standardise its text codes; refused instead); `reader` names who reads it."""
    lacking = next((f["column"] for f in schema["features"] if f["column"] not in columns), None)
    if lacking is not None:
        raise TableError(f'"{name}" has no column "{lacking}", a feature of {reader}')
    for col in (columns[f["column"]] for f in schema["features"] if f["kind"] == "numeric"):
        word = next((v for v in col.values if v is not None and parse_decimal(v, col.comma) is None), None) if col.text else None
        if word is not None:
            raise TableError(f'"{name}" column "{col.name}" holds text ({json.dumps(word)}), but {reader} reads it as numbers')


def encode_rows(schema, columns, rows):
    """prepare.ts encodeRows: [rows, inputs] float32; a number (x - mean) * (1 / std), a category one-hot. Returns (X, unseen cells)."""
    X = np.zeros((rows, schema["inputSize"]), dtype=np.float32)
    at, unseen = 0, 0
    for f in schema["features"]:
        col = columns[f["column"]]
        if f["kind"] == "numeric":
            # The fill is the median as a JavaScript number (float64), not rounded to float32.
            x = np.array([f["fill"] if v is None else v for v in col.values], dtype=np.float64)
            inv = 1 / f["std"] if f["std"] > 0 else 0.0          # multiplied by, as the engine does (x / std can differ in the last bit)
            X[:, at] = ((x - f["mean"]) * inv).astype(np.float32)
            at += 1
        else:
            index = {name: j for j, name in enumerate(f["categories"])}
            fill = index.get(f["fill"], -1)
            for i in range(rows):
                j = fill if col.values[i] is None else index.get(category_key(col, i, f["numeric"]), -1)
                if j >= 0:
                    X[i, at + j] = 1
                elif col.values[i] is not None:
                    unseen += 1
            at += len(f["categories"])
    return X, unseen
