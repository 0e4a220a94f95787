import { parse, protocol, type PGlite } from '@electric-sql/pglite';

export type PreparedRun = (text: string, values: unknown[]) => Promise<{ rows: Record<string, unknown>[]; count: number }>;

/**
 * Named prepared statements on the embedded store. PGlite's `query()` parses and plans every
 * call and crosses into WebAssembly six times for it; a hot statement is parsed and described
 * once here, then each call is one Bind/Describe/Execute/Sync exchange. Values are serialised
 * exactly as `query()` does (by the parameter types the server described), rows parsed by the
 * same parsers, under the same locks, and the file system synced afterwards as `query()` does.
 */
export function createPreparedRunner(db: PGlite): PreparedRun {
  const statements = new Map<string, { name: string; paramTypes: number[] }>();

  async function prepare(text: string): Promise<{ name: string; paramTypes: number[] }> {
    const known = statements.get(text);
    if (known) return known;
    const name = `pms_${statements.size + 1}`;
    const { messages } = await db.execProtocol(
      Buffer.concat([
        protocol.serialize.parse({ name, text, types: [] }),
        protocol.serialize.describe({ type: 'S', name }),
        protocol.serialize.sync(),
      ]),
    );
    const prepared = { name, paramTypes: parse.parseDescribeStatementResults(messages) };
    statements.set(text, prepared);
    return prepared;
  }

  function serialise(values: unknown[], types: number[]): (string | null)[] {
    return values.map((v, i) => {
      if (v === null || v === undefined) return null;
      const serializer = db.serializers[types[i]!];
      return serializer ? serializer(v) : String(v);
    });
  }

  return (text, values) =>
    db._runExclusiveTransaction(() =>
      db._runExclusiveQuery(async () => {
        const { name, paramTypes } = await prepare(text);
        const { messages } = await db.execProtocol(
          Buffer.concat([
            protocol.serialize.bind({ statement: name, values: serialise(values, paramTypes) }),
            protocol.serialize.describe({ type: 'P' }),
            protocol.serialize.execute({}),
            protocol.serialize.sync(),
          ]),
        );
        await db.syncToFs();
        const [result] = parse.parseResults(messages, db.parsers);
        return { rows: (result?.rows ?? []) as Record<string, unknown>[], count: result?.affectedRows ?? 0 };
      }),
    );
}
