/**
 * A tiny tagged-template SQL builder. Values always become bind parameters; the only way
 * to put text into a statement is `sql.raw` / `sql.ident`, which callers use solely with
 * names from an allow-list in code — never with a caller's string.
 */
export class Sql {
  constructor(
    readonly parts: readonly string[],
    readonly values: readonly unknown[],
    /** Worth a server-side prepared statement: see prepared(). */
    readonly reuse = false,
  ) {}

  /** Renders `$1, $2 …` placeholders for PostgreSQL and PGlite alike. */
  compile(): { text: string; values: unknown[]; reuse: boolean } {
    let text = this.parts[0] ?? '';
    for (let i = 0; i < this.values.length; i++) text += `$${i + 1}${this.parts[i + 1]}`;
    return { text, values: [...this.values], reuse: this.reuse };
  }

  /**
   * Marks a hot statement whose text never varies: it is then parsed once per connection (once
   * in all on the embedded store) instead of on every call, and PostgreSQL may keep a generic
   * plan. Only for a fixed text — each distinct text stays prepared for the connection's life.
   */
  prepared(): Sql {
    return new Sql(this.parts, this.values, true);
  }
}

export function sql(strings: TemplateStringsArray, ...values: unknown[]): Sql {
  const parts: string[] = [strings[0] ?? ''];
  const params: unknown[] = [];
  values.forEach((value, i) => {
    const next = strings[i + 1] ?? '';
    if (value instanceof Sql) {
      parts[parts.length - 1] += value.parts[0] ?? '';
      value.values.forEach((v, j) => {
        params.push(v);
        parts.push(value.parts[j + 1] ?? '');
      });
      parts[parts.length - 1] += next;
    } else {
      params.push(value);
      parts.push(next);
    }
  });
  return new Sql(parts, params);
}

const IDENT = /^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)?$/;

/** A column or table name written in code; refuses anything that is not a plain identifier. */
sql.ident = (name: string): Sql => {
  if (!IDENT.test(name)) throw new Error(`not a plain SQL identifier: ${name}`);
  return new Sql([name], []);
};

/** Trusted SQL text from code (keywords, operators). Never pass a caller's input here. */
sql.raw = (text: string): Sql => new Sql([text], []);

/** Linear in the total size: batched statements join hundreds of fragments. */
sql.join = (fragments: readonly Sql[], separator = ', '): Sql => {
  const parts: string[] = [''];
  const values: unknown[] = [];
  fragments.forEach((f, i) => {
    parts[parts.length - 1] += (i > 0 ? separator : '') + (f.parts[0] ?? '');
    f.values.forEach((v, j) => {
      values.push(v);
      parts.push(f.parts[j + 1] ?? '');
    });
  });
  return new Sql(parts, values);
};

sql.empty = new Sql([''], []);
