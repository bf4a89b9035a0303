/**
 * Whether a client's bad value may be quoted back in an error. Error bodies and logs must never
 * carry personal data, and a name typed into the wrong field is still a name: only values that
 * cannot be one are quoted — up to three characters ("X", "A+"), or an id-like slug with a dash
 * ("ilir-barat-x"), which is how kecamatan ids and similar codes look.
 */
export function safeToEcho(value: unknown): boolean {
  if (typeof value !== 'string') return true;
  return value.length <= 3 || /^[a-z0-9]+(?:-[a-z0-9]+)+$/.test(value);
}

/** A field name can be quoted back when it looks like one (a NIK sent as a key cannot). */
export function safeKeyToEcho(key: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]{0,39}$/.test(key);
}
