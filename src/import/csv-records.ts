import { isUtf8 } from 'node:buffer';
import { MAX_RECORD_BYTES, tooLongMessage } from './source-row.js';

/** One CSV record: its cells, or why it cannot be read. `line` is the line the record starts on. */
export type CsvRecord =
  | { readonly line: number; readonly cells: string[] }
  | { readonly line: number; readonly error: string };

const QUOTE = 0x22;
const COMMA = 0x2c;
const CR = 0x0d;
const LF = 0x0a;
const SPACE = 0x20;
const TAB = 0x09;

// Where the reader is inside a record.
const START = 0; // at the start of a cell
const UNQUOTED = 1;
const QUOTED = 2;
const AFTER_QUOTE = 3; // just read a quote inside a quoted cell: an escaped quote or the closing one
const CLOSED = 4; // spaces after a closing quote

/**
 * A streaming RFC 4180 reader working on bytes, so it never holds more than one record and can cap
 * a record's size before decoding it. The separators (`,` `"` CR LF) are ASCII and never occur
 * inside a multi-byte UTF-8 sequence, so splitting bytes first and decoding cells afterwards is
 * exact. Line ends are CRLF, LF or a lone CR; inside quotes they are kept as they are.
 */
export class CsvRecordReader {
  readonly #buf = Buffer.allocUnsafe(MAX_RECORD_BYTES);
  #len = 0;
  readonly #ends: number[] = [];
  /** Bytes of the current record read so far, quotes and separators included. */
  #raw = 0;
  #state = START;
  #line = 1;
  #startLine = 1;
  #lastWasCr = false;
  #problem: string | undefined;

  /** Reads `chunk`, appending every record it completes to `out`. */
  push(chunk: Uint8Array, out: CsvRecord[]): void {
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i] as number;
      const afterCr = this.#lastWasCr;
      this.#lastWasCr = b === CR;
      if (this.#state === QUOTED) {
        this.#raw++;
        if (b === QUOTE) {
          this.#state = AFTER_QUOTE;
        } else {
          this.#append(b);
          if (b === CR || (b === LF && !afterCr)) this.#line++;
        }
        continue;
      }
      if (b === CR || b === LF) {
        // The LF of a CRLF: its CR already ended the line.
        if (b === LF && afterCr) continue;
        this.#endRecord(out);
        this.#line++;
        continue;
      }
      if (this.#raw === 0) this.#startLine = this.#line;
      this.#raw++;
      this.#take(b);
    }
  }

  /** Ends the input: the last record may lack a line end. */
  end(out: CsvRecord[]): void {
    if (this.#state === QUOTED) {
      const error =
        this.#raw > MAX_RECORD_BYTES
          ? tooLongMessage(this.#startLine, this.#line, 'record')
          : 'a quoted field is not closed before the end of the file';
      out.push({ line: this.#startLine, error });
      this.#reset();
      return;
    }
    this.#endRecord(out);
  }

  #take(b: number): void {
    switch (this.#state) {
      case START:
        if (b === QUOTE) this.#state = QUOTED;
        else if (b === COMMA) this.#endCell();
        else {
          this.#append(b);
          this.#state = UNQUOTED;
        }
        return;
      case UNQUOTED:
        if (b === COMMA) this.#endCell();
        else if (b === QUOTE && this.#onlySpacesInCell()) {
          // ` "a, b"`: spaces before the opening quote are dropped (cells are trimmed anyway).
          this.#len = this.#cellStart();
          this.#state = QUOTED;
        } else this.#append(b); // any other quote in an unquoted cell is taken literally
        return;
      case AFTER_QUOTE:
        if (b === QUOTE) {
          this.#append(QUOTE);
          this.#state = QUOTED;
        } else if (b === COMMA) {
          this.#endCell();
        } else this.#afterClosingQuote(b);
        return;
      case CLOSED:
        if (b === COMMA) this.#endCell();
        else this.#afterClosingQuote(b);
        return;
    }
  }

  #append(b: number): void {
    if (this.#len < this.#buf.length) this.#buf[this.#len++] = b;
  }

  #afterClosingQuote(b: number): void {
    if (b === SPACE || b === TAB) {
      this.#state = CLOSED; // `"a" ,`: spaces after the closing quote are dropped
      return;
    }
    this.#problem ??= `field ${this.#ends.length + 1} has text after its closing quote`;
    this.#append(b);
    this.#state = UNQUOTED;
  }

  #cellStart(): number {
    return this.#ends.length === 0 ? 0 : (this.#ends[this.#ends.length - 1] as number);
  }

  #onlySpacesInCell(): boolean {
    for (let i = this.#cellStart(); i < this.#len; i++) {
      if (this.#buf[i] !== SPACE && this.#buf[i] !== TAB) return false;
    }
    return true;
  }

  #endCell(): void {
    this.#ends.push(this.#len);
    this.#state = START;
  }

  #endRecord(out: CsvRecord[]): void {
    // A line end with nothing before it is a blank line, not a record of one empty cell.
    if (this.#raw === 0) return;
    this.#endCell();
    const line = this.#startLine;
    if (this.#raw > MAX_RECORD_BYTES) out.push({ line, error: tooLongMessage(line, this.#line, 'record') });
    else if (this.#problem !== undefined) out.push({ line, error: this.#problem });
    else if (!isUtf8(this.#buf.subarray(0, this.#len))) out.push({ line, error: 'not valid UTF-8' });
    else {
      const cells: string[] = [];
      let start = 0;
      for (const end of this.#ends) {
        cells.push(this.#buf.toString('utf8', start, end));
        start = end;
      }
      out.push({ line, cells });
    }
    this.#reset();
  }

  #reset(): void {
    this.#len = 0;
    this.#ends.length = 0;
    this.#raw = 0;
    this.#state = START;
    this.#problem = undefined;
  }
}
