// node terser-size.js <terser dir> <list file>: minifies each listed file with terser (compress + mangle, the
// usual production settings) and prints one JSON line: {bytes, failed, seconds}.
'use strict';
const fs = require('fs');
const { minify } = require(process.argv[2]);
(async () => {
  const files = fs.readFileSync(process.argv[3], 'utf8').split('\n').filter(Boolean);
  let bytes = 0; let failed = 0;
  const start = process.hrtime.bigint();
  for (const f of files) {
    const code = fs.readFileSync(f, 'utf8');
    try {
      const out = await minify(code, { compress: true, mangle: true });
      bytes += Buffer.byteLength(out.code);
    } catch (e) {
      failed++; bytes += Buffer.byteLength(code); // counted unminified, as a bundler would ship it
    }
  }
  console.log(JSON.stringify({ bytes, failed, seconds: Number(process.hrtime.bigint() - start) / 1e9 }));
})();
