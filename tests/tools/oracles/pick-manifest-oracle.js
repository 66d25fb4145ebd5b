// Oracle for the ManifestPicker differential tests: runs the real npm-pick-manifest on generated packuments.
// Usage: node pick-manifest-oracle.js cases.json > results.json
// Each case: { versions: [[key, deprecated]], distTags: {tag: key}, spec }. Result per case: the chosen key,
// null when npm finds nothing (ETARGET, ENOVERSIONS), or { error } when npm rejects the spec itself.
'use strict'
const fs = require('fs')
const pickManifest = require('npm-pick-manifest')

const cases = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'))
const results = cases.map(c => {
  const versions = {}
  for (const [key, deprecated] of c.versions) {
    versions[key] = { name: 'pkg', version: key, _key: key, ...(deprecated ? { deprecated: 'do not use' } : {}) }
  }
  const packument = { name: 'pkg', 'dist-tags': c.distTags, versions }
  try {
    return pickManifest(packument, c.spec, {})._key
  } catch (er) {
    if (er.code === 'ETARGET' || er.code === 'ENOVERSIONS') {
      return null
    }
    return { error: er.code || er.message }
  }
})
process.stdout.write(JSON.stringify(results))
