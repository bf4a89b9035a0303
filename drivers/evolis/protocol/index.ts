/**
 * The Evolis escape-command protocol (Programming Guide A5013), shared by Cetak's `evolis` driver
 * (the host side) and its printer emulator (the printer side): framing, replies, the bitmap
 * geometry and the guide's three panel codecs. Nothing here keeps a printer's state or a clock.
 */
export * from './colour-codec.js';
export * from './command-stream.js';
export * from './data-commands.js';
export * from './mono-codec.js';
export * from './panel-geometry.js';
export * from './raw-codec.js';
export * from './replies.js';
export * from './syntax.js';
