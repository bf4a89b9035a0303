const BOM = [0xef, 0xbb, 0xbf] as const;

/** Drops a UTF-8 byte order mark from the start of a byte stream, however the stream is chunked. */
export async function* withoutBom(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  let head: Uint8Array | undefined = new Uint8Array(0);
  for await (const chunk of chunks) {
    if (head === undefined) {
      yield chunk;
      continue;
    }
    head = concat(head, chunk);
    if (head.length < BOM.length) continue;
    yield startsWithBom(head) ? head.subarray(BOM.length) : head;
    head = undefined;
  }
  if (head !== undefined && head.length > 0) yield head;
}

/** Whether `bytes` begins with a UTF-8 byte order mark. */
export function startsWithBom(bytes: Uint8Array): boolean {
  return bytes[0] === BOM[0] && bytes[1] === BOM[1] && bytes[2] === BOM[2];
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
