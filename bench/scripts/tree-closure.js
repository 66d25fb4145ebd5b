// node tree-closure.js <node_modules> <name>...: prints the folder of every package the named packages need
// (dependencies and installed optionalDependencies, found as node does by walking up node_modules folders),
// one per line, each installed copy once. The benchmark publishes exactly these folders to its registry.
'use strict';
const fs = require('fs');
const path = require('path');
const [root, ...names] = process.argv.slice(2);
const seen = new Set();
const out = [];
function find(from, name) {
  for (let dir = from; dir.startsWith(root); dir = path.dirname(dir)) {
    const base = path.basename(dir) === 'node_modules' ? dir : path.join(dir, 'node_modules');
    const candidate = path.join(base, name);
    if (fs.existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (dir === root) break;
  }
  return null;
}
function visit(folder) {
  const key = fs.realpathSync(folder);
  if (seen.has(key)) return;
  seen.add(key);
  out.push(path.relative(root, folder));
  const pkg = JSON.parse(fs.readFileSync(path.join(folder, 'package.json'), 'utf8'));
  for (const [field, optional] of [['dependencies', false], ['optionalDependencies', true]]) {
    for (const dep of Object.keys(pkg[field] || {})) {
      const found = find(folder, dep);
      if (found) visit(found);
      else if (!optional) throw new Error(`${pkg.name} needs ${dep}, which is not installed`);
    }
  }
}
for (const n of names) visit(path.join(root, n));
out.sort();
console.log(out.join('\n'));
