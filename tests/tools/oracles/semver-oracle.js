// Oracle for the Versioning differential tests: evaluates generated cases with the real node-semver, both
// loose and strict, in one process. Usage: node semver-oracle.js cases.json > results.json
'use strict'
const fs = require('fs')
const semver = require('semver')

const input = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'))

function evaluate (loose) {
  const opts = { loose }
  const ranges = input.ranges.map(r => {
    try {
      return new semver.Range(r, opts)
    } catch (er) {
      return null
    }
  })
  const versions = input.versions.map(v => semver.parse(v, opts))
  // validRange(r) is null exactly when new Range(r) throws, so `range` answers 'accepted or not' as well.
  return {
    range: ranges.map(r => (r ? r.range : null)),
    version: versions.map(v => (v ? v.version : null)),
    build: versions.map(v => (v ? v.build.join('.') : null)),
    satisfies: input.satisfies.map(([r, v]) => semver.satisfies(input.versions[v], input.ranges[r], opts)),
    max: input.max.map(([r, list]) => semver.maxSatisfying(list.map(i => input.versions[i]), input.ranges[r], opts)),
    compare: input.compare.map(([a, b]) => {
      try {
        return semver.compare(input.versions[a], input.versions[b], opts)
      } catch (er) {
        return null
      }
    }),
  }
}

process.stdout.write(JSON.stringify({ semver: require('semver/package.json').version, loose: evaluate(true), strict: evaluate(false) }))
