/** Cetak's version, read once from its package.json wherever the code runs from. */
export { PACKAGE_VERSION } from './package-root.js';
