/**
 * Cetak's import boundaries (issue 16, point 4), checked by `npm run lint` (`depcruise`).
 * Type-only imports count (`tsPreCompilationDeps`): a type import still ties two modules' designs
 * together, and a cycle through one is still a cycle. Re-exports (`export … from`) count as imports.
 */
module.exports = {
  forbidden: [
    {
      name: 'no-cross-driver-imports',
      comment:
        'A driver in drivers/<name>/ never imports another driver; the one module they share is the ' +
        'Evolis protocol (drivers/evolis/protocol/). The registry (src/drivers/registry.ts) assembles them.',
      severity: 'error',
      from: { path: '^drivers/([^/]+)/' },
      to: { path: '^drivers/', pathNot: ['^drivers/$1/', '^drivers/evolis/protocol/'] },
    },
    {
      name: 'src-reaches-drivers-only-through-the-registry',
      comment: 'src/ reaches drivers/ only through src/drivers/registry.ts, which imports each lazily.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/drivers/registry\\.ts$' },
      to: { path: '^drivers/' },
    },
    {
      name: 'nothing-imports-scripts',
      comment:
        'scripts/ are entry points: they may import src/ and drivers/, never the reverse. Tests may import them.',
      severity: 'error',
      from: { pathNot: '^(scripts|test)/' },
      to: { path: '^scripts/' },
    },
    {
      name: 'no-circular',
      comment: 'Modules form no import cycle, type-only imports included.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)node_modules/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
