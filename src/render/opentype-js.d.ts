/**
 * The part of opentype.js 2.x that Cetak uses. The package ships no types, and the DefinitelyTyped
 * ones describe 1.x, so the few calls the renderer makes are declared here.
 */
declare module 'opentype.js' {
  export interface PathCommand {
    readonly type: 'M' | 'L' | 'Q' | 'C' | 'Z';
    readonly x?: number;
    readonly y?: number;
    readonly x1?: number;
    readonly y1?: number;
    readonly x2?: number;
    readonly y2?: number;
  }

  export interface Glyph {
    readonly index: number;
    readonly advanceWidth: number | undefined;
    /** The outline in font units, y up. */
    readonly path: { readonly commands: readonly PathCommand[] };
  }

  export interface Font {
    readonly unitsPerEm: number;
    readonly ascender: number;
    readonly descender: number;
    charToGlyph(char: string): Glyph;
    charToGlyphIndex(char: string): number;
  }

  export function parse(buffer: ArrayBuffer, options?: { lowMemory?: boolean }): Font;

  const opentype: { parse: typeof parse };
  export default opentype;
}

/**
 * The package's minified ES module: the same code. The daemon loads it rather than the package's
 * `main` (the unminified UMD build): V8 keeps every loaded module's source, and the UMD build's
 * is 2.1 MB of heap on Node 24 against ~0.5 MB for this one (docs/performance.md).
 */
declare module 'opentype.js/dist/opentype.min.mjs' {
  export { parse } from 'opentype.js';
}
