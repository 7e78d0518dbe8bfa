import { createHash } from 'crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'fs';
import { readFile } from 'fs/promises';
import { dirname, join, relative, resolve } from 'path';
import { pathToFileURL } from 'url';
import type * as Typescript from 'typescript';

/**
 * This checkout's src/, compiled to CommonJS once per jest run, for the tests that run it in a
 * child Node process (a killed synth, the rc runner): loading plain JavaScript there costs a
 * fraction of what loading ts-node and transpiling every module of src/ again in each child did.
 *
 * ./global-setup.ts compiles src/ at the start of every run (so the copy is always the current
 * src/, never one of an earlier run) into a folder of the run whose path it puts in this
 * environment variable; ./global-teardown.ts removes the folder. The workers inherit the variable.
 */
export const COMPILED_SRC_ENV = 'DEVSTACK_COMPILED_SRC';

const REPO = resolve(__dirname, '..', '..');

/**
 * The compiled JavaScript of a path under this checkout's src/ (as it is spelled there:
 * `cli/projenrc-runner.ts`; a folder, or nothing for src/ itself, names the folder's
 * index for `require`). Throws when this run has no compiled copy: the test was not started
 * by jest with this project's configuration, whose globalSetup compiles it.
 */
export function compiledSrc(relativePath = '.'): string {
  const run = process.env[COMPILED_SRC_ENV];
  if (!run || !existsSync(join(run, 'src'))) {
    throw new Error(
      `no compiled copy of src/ for this run (${COMPILED_SRC_ENV}=${run ?? 'unset'}): it is made by test/setup/global-setup.ts, ` +
        'the globalSetup of the jest configuration in package.json; run the test with npx jest from the checkout.',
    );
  }
  const compiled = join(run, 'src', relativePath.replace(/\.ts$/, '.js'));
  if (!existsSync(compiled) && !existsSync(`${compiled}.js`)) {
    throw new Error(`src/${relativePath} is not in this run's compiled copy of src/ (${join(run, 'src')})`);
  }
  return compiled;
}

/**
 * Compiles this checkout's src/ into `into`/src with TypeScript's transpileModule (each file
 * alone, no type check, as ts-node's transpile-only did), with tsconfig.json's compiler options
 * but a CommonJS module, and each file's inline source map naming its .ts file in the checkout,
 * so `node --enable-source-maps` reports src/ lines. `into` gets links to this checkout's
 * package.json (src/self.ts reads it) and node_modules (so `require('projen')` finds the very
 * modules the tests load). `into` is opened to every user: a test may run the child as another one.
 *
 * Each file's output is kept in `cacheDir` (jest's cache folder) under a hash of everything it
 * depends on (its text and path, tsconfig.json, TypeScript's version, this checkout's path):
 * a run whose src/ did not change compiles nothing and never loads TypeScript, which was about
 * 2 s of every run spent before the first test file starts.
 */
export async function compileSrc(into: string, cacheDir: string): Promise<void> {
  const tsconfig = join(REPO, 'tsconfig.json');
  const typescriptPackage = require.resolve('typescript/package.json', { paths: [REPO] });
  const keyBase = [
    COMPILE_RECIPE,
    REPO,
    readFileSync(tsconfig, 'utf-8'),
    (JSON.parse(readFileSync(typescriptPackage, 'utf-8')) as { version: string }).version,
  ].join('\0');
  const files = sourceFiles(join(REPO, 'src'));
  if (!files.length) throw new Error(`${join(REPO, 'src')} holds no .ts file to compile`);
  const sources = await Promise.all(files.map((file) => readFile(file, 'utf-8')));
  chmodSync(into, 0o755);
  symlinkSync(join(REPO, 'package.json'), join(into, 'package.json'));
  symlinkSync(join(REPO, 'node_modules'), join(into, 'node_modules'));
  mkdirSync(cacheDir, { recursive: true });
  let compile: ((source: string, file: string) => string) | undefined;
  files.forEach((file, index) => {
    const key = createHash('sha256').update(`${keyBase}\0${file}\0${sources[index]}`).digest('hex');
    const cached = join(cacheDir, `${key}.js`);
    let outputText: string;
    try {
      outputText = readFileSync(cached, 'utf-8');
    } catch {
      compile ??= transpiler(tsconfig);
      outputText = compile(sources[index], file);
      const partial = `${cached}.${process.pid}`;
      writeFileSync(partial, outputText);
      renameSync(partial, cached);
    }
    const out = join(into, relative(REPO, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, outputText);
  });
}

/** Bump when the compiler options below change, so that no cached output of the old ones is used. */
const COMPILE_RECIPE = 'commonjs-node10-inline-maps-1';

/** TypeScript's transpileModule with tsconfig.json's options, the module CommonJS and the maps naming the checkout's files. */
function transpiler(tsconfig: string): (source: string, file: string) => string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ts: typeof Typescript = require(require.resolve('typescript', { paths: [REPO] }));
  const { config, error } = ts.readConfigFile(tsconfig, ts.sys.readFile);
  if (error) throw new Error(`${tsconfig}: ${ts.flattenDiagnosticMessageText(error.messageText, '\n')}`);
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, REPO);
  const options: Typescript.CompilerOptions = {
    ...parsed.options,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    declaration: false,
    noEmit: false,
    noEmitOnError: false,
    // the maps name each source relative to rootDir (src/): found in the checkout, not in the copy
    sourceRoot: `${pathToFileURL(parsed.options.rootDir ?? join(REPO, 'src')).href}/`,
  };
  return (source, file) => ts.transpileModule(source, { fileName: file, compilerOptions: options }).outputText;
}

/** The .ts files (not .d.ts) under `dir`, as tsconfig.json's include of src/ names them. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf-8' })
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts'))
    .map((name) => join(dir, name))
    .sort();
}
