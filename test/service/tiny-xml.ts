/**
 * A strict little XML reader for the service definition: elements, attributes, text, comments and
 * the five predefined entities. Enough to prove the file well-formed (one root, tags that close in
 * order, quoted attributes) and to read it; no DTDs, namespaces or CDATA, which WinSW files lack.
 */
export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  /** The element's own text, entities decoded, trimmed. */
  readonly text: string;
}

const ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const NAME = /^[A-Za-z_][\w.-]*/;

export function parseXml(source: string): XmlElement {
  let at = 0;
  const fail = (why: string): never => {
    const line = source.slice(0, at).split('\n').length;
    throw new Error(`XML line ${line}: ${why}`);
  };
  const skipMisc = () => {
    for (;;) {
      const rest = source.slice(at);
      const space = /^\s+/.exec(rest);
      if (space) at += space[0].length;
      else if (rest.startsWith('<!--')) {
        const end = source.indexOf('-->', at + 4);
        if (end < 0) fail('comment never closed');
        at = end + 3;
      } else if (rest.startsWith('<?')) {
        const end = source.indexOf('?>', at);
        if (end < 0) fail('declaration never closed');
        at = end + 2;
      } else return;
    }
  };
  const decode = (text: string): string =>
    text.replace(/&(\w+);/g, (whole, name: string) => ENTITIES[name] ?? fail(`unknown entity ${whole}`));

  const element = (): XmlElement => {
    if (source[at] !== '<') fail('expected an element');
    at += 1;
    const name = NAME.exec(source.slice(at))?.[0] ?? fail('expected an element name');
    at += name.length;
    const attributes: Record<string, string> = {};
    for (;;) {
      const attribute = /^\s+([A-Za-z_][\w.-]*)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/.exec(source.slice(at));
      if (!attribute) break;
      const key = attribute[1] as string;
      if (key in attributes) fail(`attribute ${key} twice on <${name}>`);
      attributes[key] = decode(attribute[2] ?? attribute[3] ?? '');
      at += attribute[0].length;
    }
    const close = /^\s*(\/?)>/.exec(source.slice(at)) ?? fail(`<${name}> is not closed properly`);
    at += close[0].length;
    if (close[1] === '/') return { name, attributes, children: [], text: '' };
    const children: XmlElement[] = [];
    let text = '';
    for (;;) {
      const next = source.indexOf('<', at);
      if (next < 0) fail(`<${name}> never closed`);
      text += source.slice(at, next);
      at = next;
      if (source.startsWith('</', at)) {
        const end = new RegExp(`^</${name}\\s*>`).exec(source.slice(at));
        if (!end) fail(`expected </${name}>`);
        at += (end as RegExpExecArray)[0].length;
        return { name, attributes, children, text: decode(text).trim() };
      }
      if (source.startsWith('<!--', at) || source.startsWith('<?', at)) skipMisc();
      else children.push(element());
    }
  };

  skipMisc();
  const root = element();
  skipMisc();
  if (at !== source.length) fail('content after the root element');
  return root;
}

/** The one child called `name`; throws when there is none or several. */
export function only(parent: XmlElement, name: string): XmlElement {
  const found = parent.children.filter((child) => child.name === name);
  if (found.length !== 1) throw new Error(`<${parent.name}> has ${found.length} <${name}>, expected 1`);
  return found[0] as XmlElement;
}
