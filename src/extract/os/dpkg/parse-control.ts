/** One deb822 paragraph: fields by lowercase name, values with continuation lines joined by `\n`. */
export interface Stanza {
  readonly fields: ReadonlyMap<string, string>;
  /** 1-based line of its first line. */
  readonly line: number;
}

export interface ParsedControl {
  readonly stanzas: Stanza[];
  /** Paragraphs that could not be read (and were dropped), with why. */
  readonly errors: { readonly line: number; readonly message: string }[];
}

const FIELD = /^([\x21-\x39\x3b-\x7e]+):(.*)$/;

/**
 * Splits deb822 text (dpkg's status file, a status.d entry, a control file) into paragraphs.
 * A paragraph with a line that is neither `Field: value` nor a continuation (leading space or
 * tab), or with a field given twice, is dropped and reported: dpkg refuses such a database, and
 * we keep the rest. Values are trimmed; continuation lines keep their text after the first space.
 */
export function parseControl(text: string): ParsedControl {
  const stanzas: Stanza[] = [];
  const errors: { line: number; message: string }[] = [];
  const lines = text.split(/\r?\n/);
  let fields = new Map<string, string>();
  let start = 0;
  let lastKey: string | undefined;
  let error: string | undefined;

  const flush = () => {
    if (error !== undefined) errors.push({ line: start, message: error });
    else if (fields.size > 0) stanzas.push({ fields, line: start });
    fields = new Map();
    lastKey = undefined;
    error = undefined;
    start = 0;
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') {
      flush();
      continue;
    }
    if (start === 0) start = i + 1;
    if (error !== undefined) continue;
    if (line.startsWith(' ') || line.startsWith('\t')) {
      if (lastKey === undefined) {
        error = `line ${i + 1}: continuation line with no field before it: '${clip(line)}'`;
      } else {
        const previous = fields.get(lastKey)!;
        const more = line.slice(1).trimEnd();
        fields.set(lastKey, previous === '' ? more : `${previous}\n${more}`);
      }
      continue;
    }
    const m = FIELD.exec(line);
    if (!m) {
      error = `line ${i + 1}: expected 'Field: value', found '${clip(line)}'`;
      continue;
    }
    const key = m[1]!.toLowerCase();
    if (fields.has(key)) {
      error = `line ${i + 1}: field ${m[1]} given twice`;
      continue;
    }
    fields.set(key, m[2]!.trim());
    lastKey = key;
  }
  flush();
  return { stanzas, errors };
}

/** A line as it can be quoted in a message: printable, at most 60 characters. */
function clip(line: string): string {
  const printable = line.replace(/[\u0000-\u001f\u007f-\u009f\ufffd]/g, '?');
  return printable.length > 60 ? `${printable.slice(0, 57)}...` : printable;
}
