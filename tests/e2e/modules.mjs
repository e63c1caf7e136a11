// Where playwright-core and axe-core come from: $CHECK_TOOLS_NODE_MODULES when set (CI installs
// them there once for ../shared/tools/check-html), else this folder's node_modules (`npm ci`
// here). Either way they must be the versions this folder's package.json pins.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const PINNED = JSON.parse(fs.readFileSync(path.join(here, 'package.json'), 'utf8')).dependencies;

/** The node_modules folder the tests load their modules from. */
export const NODE_MODULES = process.env.CHECK_TOOLS_NODE_MODULES
  ? path.resolve(process.env.CHECK_TOOLS_NODE_MODULES)
  : path.join(here, 'node_modules');

// ESM imports ignore NODE_PATH: resolve as CommonJS from inside the chosen folder.
const require = createRequire(path.join(NODE_MODULES, 'resolve-from-here.js'));

/**
 * Problems with the modules: missing, or another version than package.json pins. Empty when
 * they are usable.
 */
export function moduleProblems() {
  const problems = [];
  for (const [name, version] of Object.entries(PINNED)) {
    const manifest = path.join(NODE_MODULES, name, 'package.json');
    if (!fs.existsSync(manifest)) {
      problems.push(`${name} is not in ${NODE_MODULES}: run \`npm ci\` in ${here} (or set CHECK_TOOLS_NODE_MODULES)`);
      continue;
    }
    const found = JSON.parse(fs.readFileSync(manifest, 'utf8')).version;
    if (found !== version) problems.push(`${name} ${found} in ${NODE_MODULES}, but ${path.join(here, 'package.json')} pins ${version}`);
  }
  return problems;
}

/** playwright-core's Chromium driver. */
export function playwright() {
  return require('playwright-core');
}

/** axe-core's source, to inject into pages. */
export function axeSource() {
  return fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
}
