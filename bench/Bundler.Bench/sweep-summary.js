// node sweep-summary.js <out>/manifest.json <results.json>: what acorn said about every file of a sweep.
'use strict';
const fs = require('fs');
const [manifestPath, resultsPath] = process.argv.slice(2);
const files = JSON.parse(fs.readFileSync(manifestPath, 'utf8')).files;
const results = JSON.parse(fs.readFileSync(resultsPath, 'utf8'));
const s = { files: results.length, acornRejects: 0, weReject: 0, tokenMismatches: 0, treeDifferences: 0,
  es5Files: 0, es5FilesWithFindings: 0, laterFilesWithoutFindings: 0, rawBytes: 0, minifiedBytes: 0 };
for (const r of results) {
  const f = files[r.id];
  if (r.unparseable) { s.acornRejects++; continue; }
  if (f.ourError) { s.weReject++; console.log(`we reject ${f.path}: ${f.ourError}`); continue; }
  s.rawBytes += fs.statSync(f.path).size;
  s.minifiedBytes += fs.statSync(f.minified).size;
  if (r.tokenMismatch) { s.tokenMismatches++; console.log(`tokens ${f.path}: ${r.tokenMismatch}`); }
  if (r.astDiff) { s.treeDifferences++; console.log(`tree ${f.path}: ${r.astDiff}`); }
  if (r.es5) { s.es5Files++; if (f.es51Findings > 0) { s.es5FilesWithFindings++; console.log(`false finding ${f.path}`); } }
  else if (f.es51Findings === 0) { s.laterFilesWithoutFindings++; console.log(`missed ${f.path}: ${r.es5Error}`); }
}
s.ratio = +(s.minifiedBytes / s.rawBytes).toFixed(3);
console.log(s);
