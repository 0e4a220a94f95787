/**
 * A tiny tagged-template SQL builder. Values always become bind parameters; the only way
 * to put text into a statement is `sql.raw` / `sql.ident`, which callers use solely with
 * names from an allow-list in code — never with a caller's string.
 */
export class Sql {
  constructor(
    readonly parts: readonly string[],
    readonly values: readonly unknown[],
  ) {}

  /** Renders `$1, $2 …` placeholders for PostgreSQL and PGlite alike. */
  compile(): { text: string; values: unknown[] } {
    let text = this.parts[0] ?? '';
    for (let i = 0; i < this.values.length; i++) text += `$${i + 1}${this.parts[i + 1]}`;
    return { text, values: [...this.values] };
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

sql.join = (fragments: readonly Sql[], separator = ', '): Sql => {
  if (fragments.length === 0) return new Sql([''], []);
  return fragments.slice(1).reduce((acc, f) => sql`${acc}${sql.raw(separator)}${f}`, fragments[0] as Sql);
};

sql.empty = new Sql([''], []);
