// Builds src/ into ../tb_plateau/static/ (index.js, index.css). Deterministic: no hashes,
// no timestamps, no absolute paths, so CI can rebuild and `git diff --exit-code` the result.
import * as esbuild from 'esbuild';
import {fileURLToPath} from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const outdir = path.join(here, '..', 'tb_plateau', 'static');

const common = {
  absWorkingDir: here,
  bundle: true,
  minify: true,
  legalComments: 'eof',
  logLevel: 'warning',
  charset: 'utf8',
  target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
};

await esbuild.build({
  ...common,
  entryPoints: {index: 'src/index.ts'},
  format: 'esm',
  outdir,
  // uPlot's MIT notice (its own header is not a /*! legal comment, so esbuild drops it).
  banner: {js: '/*! tb-plateau Plateau tab. Bundles uPlot v1.6.32, Copyright (c) Leon Sorokin, MIT License, https://github.com/leeoniya/uPlot */'},
});
await esbuild.build({
  ...common,
  entryPoints: {index: 'src/styles.css'},
  outdir,
});
