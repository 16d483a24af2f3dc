#!/usr/bin/env node
// Validates glTF 2.0 files with the Khronos glTF-Validator (npm package "gltf-validator").
//
//   node tools/gltf-validate/validate.mjs [--verbose] [--max-issues N] [--warnings-as-errors] PATH...
//
// PATH is a .gltf/.glb file or a folder searched recursively for them. Prints one line per file
// ("OK" or "FAIL", error/warning/info/hint counts); with --verbose also each error and warning.
// Exit status: 0 when no file has errors, 1 when any has, 2 on bad usage or when no file was found.
// External buffers and images of a .gltf are read relative to the file's folder; data: URIs are
// handled by the validator itself. Install once: npm ci --prefix tools/gltf-validate
import { readFile, readdir, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const validator = require('gltf-validator');

function usage(message) {
  if (message) console.error(`validate.mjs: ${message}`);
  console.error('usage: node validate.mjs [--verbose] [--max-issues N] [--warnings-as-errors] PATH...');
  process.exit(2);
}

function parseArgs(argv) {
  const options = { verbose: false, maxIssues: 100, warningsAsErrors: false, paths: [] };
  for (let i = 0; i < argv.length; ++i) {
    const arg = argv[i];
    if (arg === '--verbose' || arg === '-v') options.verbose = true;
    else if (arg === '--warnings-as-errors') options.warningsAsErrors = true;
    else if (arg === '--max-issues') {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < 0) usage('--max-issues needs a whole number >= 0');
      options.maxIssues = n;
    } else if (arg === '--help' || arg === '-h') usage();
    else if (arg.startsWith('-')) usage(`unknown option ${arg}`);
    else options.paths.push(arg);
  }
  if (options.paths.length === 0) usage('no files or folders given');
  return options;
}

const isModel = (name) => /\.(gltf|glb)$/i.test(name);

async function collect(p, out) {
  let info;
  try {
    info = await stat(p);
  } catch (e) {
    throw new Error(`${p}: ${e.code === 'ENOENT' ? 'no such file or folder' : e.message}`);
  }
  if (info.isDirectory()) {
    const entries = (await readdir(p, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const child = path.join(p, entry.name);
      if (entry.isDirectory()) await collect(child, out);
      else if (entry.isFile() && isModel(entry.name)) out.push(child);
    }
  } else {
    out.push(p);
  }
}

async function validateFile(file, options) {
  const bytes = new Uint8Array(await readFile(file));
  const dir = path.dirname(path.resolve(file));
  return validator.validateBytes(bytes, {
    uri: path.basename(file),
    format: /\.glb$/i.test(file) ? 'glb' : 'gltf',
    maxIssues: options.maxIssues,
    writeTimestamp: false,
    externalResourceFunction: async (uri) => {
      const resolved = path.resolve(dir, decodeURIComponent(uri));
      try {
        return new Uint8Array(await readFile(resolved));
      } catch (e) {
        throw `${uri}: ${e.code === 'ENOENT' ? 'no such file' : e.message}`;
      }
    },
  });
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const files = [];
  try {
    for (const p of options.paths) await collect(p, files);
  } catch (e) {
    usage(e.message);
  }
  if (files.length === 0) usage(`no .gltf or .glb files under ${options.paths.join(', ')}`);

  let failed = 0;
  for (const file of files) {
    let report;
    try {
      report = await validateFile(file, options);
    } catch (e) {
      // Rejections mean the validator could not even start (unreadable file, unknown format).
      console.log(`FAIL ${file}: ${String(e)}`);
      ++failed;
      continue;
    }
    const issues = report.issues;
    const bad = issues.numErrors > 0 || (options.warningsAsErrors && issues.numWarnings > 0);
    if (bad) ++failed;
    const info = report.info || {};
    console.log(
      `${bad ? 'FAIL' : 'OK  '} ${file}: ${issues.numErrors} errors, ${issues.numWarnings} warnings, ` +
        `${issues.numInfos} infos, ${issues.numHints} hints` +
        (info.totalTriangleCount !== undefined ? ` (${info.totalTriangleCount} triangles)` : ''),
    );
    if (options.verbose || bad) {
      for (const m of issues.messages) {
        if (m.severity > (options.verbose ? 3 : 1)) continue;
        const level = ['error', 'warning', 'info', 'hint'][m.severity] ?? String(m.severity);
        console.log(`    ${level} ${m.code} ${m.pointer ?? ''}: ${m.message}`);
      }
      if (issues.truncated) console.log('    (more issues not shown, raise --max-issues)');
    }
  }
  console.log(`${files.length} files, ${failed} with errors (glTF-Validator ${validator.version()})`);
  process.exit(failed > 0 ? 1 : 0);
}

main().catch((e) => {
  console.error(`validate.mjs: ${e && e.stack ? e.stack : e}`);
  process.exit(2);
});
