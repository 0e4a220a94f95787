/**
 * The multi-language client name as MOSIP stores it (docs/oidc-clients.md, "Names per language"): the caller's
 * `clientNameLangMap` plus `"@none": <name>`, serialised by json-simple from a Java HashMap.
 * The text is reproduced byte for byte (member order and escapes) because MOSIP's portal and
 * API tests read it back verbatim from GET and the list.
 */

/** Java's `String.hashCode()` as a signed 32-bit value. */
function javaHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
  return h;
}

/**
 * The iteration order of a `java.util.HashMap` holding `keys` inserted in the given order:
 * buckets of `(h ^ (h >>> 16)) & (capacity - 1)` in ascending index, insertion order within
 * a bucket; capacity 16, doubled whenever the size exceeds 0.75 × capacity.
 */
export function javaHashOrder(keys: readonly string[]): string[] {
  let capacity = 16;
  while (keys.length > capacity * 0.75) capacity *= 2;
  const bucketOf = (k: string) => {
    const h = javaHash(k);
    return (h ^ (h >>> 16)) & (capacity - 1);
  };
  return keys
    .map((k, i) => ({ k, i, b: bucketOf(k) }))
    .sort((a, b) => a.b - b.b || a.i - b.i)
    .map((e) => e.k);
}

const SHORT: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '/': '\\/',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

/** json-simple 1.1.1's string escaping: `/` too, and control and U+2000–U+20FF as \uXXXX. */
export function jsonSimpleString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0) as number;
    const short = SHORT[ch];
    if (short) out += short;
    else if (code <= 0x1f || (code >= 0x7f && code <= 0x9f) || (code >= 0x2000 && code <= 0x20ff))
      out += `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/** The stored v2 name: `{"@none":<name>, <lang>:<name>…}` in Java HashMap order. */
export function multiLanguageName(name: string, langMap: Record<string, string>): string {
  const map = new Map<string, string>();
  // HashMap.putAll of the received map, then put("@none"): insertion order decides ties only.
  for (const [k, v] of Object.entries(langMap)) map.set(k, v);
  map.set('@none', name);
  const members = javaHashOrder([...map.keys()]).map((k) => `${jsonSimpleString(k)}:${jsonSimpleString(map.get(k) as string)}`);
  return `{${members.join(',')}}`;
}

/** The plain name and language map of a stored name (plain v1 text, or v2 JSON text). */
export function splitStoredName(stored: string): { name: string; langMap?: Record<string, string> } {
  if (!stored.startsWith('{')) return { name: stored };
  try {
    const parsed: unknown = JSON.parse(stored);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { name: stored };
    const entries = Object.entries(parsed as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string');
    const none = entries.find(([k]) => k === '@none');
    if (!none) return { name: stored };
    return { name: none[1], langMap: Object.fromEntries(entries.filter(([k]) => k !== '@none')) };
  } catch {
    return { name: stored };
  }
}
