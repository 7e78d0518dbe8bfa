/**
 * The layering of src/, checked by `npx projen layers` (part of `npx projen test`).
 *
 * Layers, lowest first. A module imports modules of its own layer and of the layers below,
 * never above; no import cycle anywhere (type-only imports count too).
 *
 * - foundation: leaves every layer may use (errors, projen's API, the file layout, the
 *   tool pins, the contracts between the generated tasks and this package's bins, helpers).
 * - rules: the shared option rules (validation.ts) and the file-writing machinery (files/).
 * - components: one domain per folder, each owning its files, its options and their rules.
 * - assembly: what spans the domains (tasks, CI, docs, adoption of an existing folder, the
 *   .projenrc.ts toolchain).
 * - project: the options struct, their resolution and the project type; the rendered rc,
 *   which writes every option.
 * - cli/ holds the bins that the generated tasks run: it may use every layer but project,
 *   and nothing outside cli/ imports it (a synth never runs a bin's code).
 */
const LAYERS = [
  {
    name: 'foundation',
    path: [
      '^src/(errors|self|projen-api|layout|tool-pins)\\.ts$',
      '^src/(util|contracts)/',
      '^src/docker/container-engine\\.ts$',
    ],
  },
  { name: 'rules', path: ['^src/validation\\.ts$', '^src/files/'] },
  {
    name: 'components',
    path: [
      '^src/(defaults|python-version|node-version|project-name)\\.ts$',
      // docker/container-engine.ts, an enum with no imports, is foundation: the bins' contract names it
      '^src/(?!docker/container-engine\\.ts$)(docker|pipenv|streamlit|devcontainer|kubernetes|ignore)/',
    ],
  },
  { name: 'assembly', path: ['^src/(tasks|github|docs|adoption)/', '^src/projenrc/(?!render-projenrc\\.ts$|projenrc-ts\\.ts$)'] },
  {
    name: 'project',
    path: ['^src/(options|resolve-options|project|index)\\.ts$', '^src/projenrc/(render-projenrc|projenrc-ts)\\.ts$'],
  },
];

const upward = LAYERS.flatMap((layer, index) =>
  LAYERS.slice(index + 1).map((higher) => ({
    name: `${layer.name}-not-to-${higher.name}`,
    comment: `${layer.name} modules must not import ${higher.name} modules: move the shared value down a layer (see .dependency-cruiser.cjs)`,
    severity: 'error',
    from: { path: layer.path },
    to: { path: higher.path },
  })),
);

module.exports = {
  forbidden: [
    ...upward,
    {
      name: 'no-circular',
      comment: 'An import cycle: one of the modules must move, or the shared part go to a module both import',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'only-cli-imports-cli',
      comment: 'cli/ holds the bins the generated tasks run; what the tasks and bins share goes to src/contracts/',
      severity: 'error',
      from: { pathNot: '^src/cli/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'cli-not-to-project',
      comment: 'A bin runs in the generated project without constructing the project type',
      severity: 'error',
      from: { path: '^src/cli/' },
      to: { path: LAYERS.find((layer) => layer.name === 'project').path },
    },
    {
      name: 'every-module-in-a-layer',
      comment: 'A new folder or root module of src/ belongs to a layer: add it to LAYERS in .dependency-cruiser.cjs',
      severity: 'error',
      from: { pathNot: ['^src/cli/', ...LAYERS.flatMap((layer) => layer.path)] },
      to: {},
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // type-only imports are dependencies too: a cycle through types is a cycle in the design
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
