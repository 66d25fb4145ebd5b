// node-semver side of `Bundler.Bench semver`: the same loops over the same cases as SemverBench.cs.
// Usage: node semver-bench.js cases.json path/to/node_modules/semver
'use strict'
const fs = require('fs')
const path = require('path')
const semver = require(process.argv[3])
const { Range, SemVer } = semver

const c = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'))
const opts = { loose: true }

// Same harness as BenchHost.OpsPerSecond: one warm-up run, then the best of 7.
function opsPerSecond (ops, body) {
  body()
  let best = 0
  for (let i = 0; i < 7; i++) {
    const t0 = process.hrtime.bigint()
    body()
    best = Math.max(best, ops / (Number(process.hrtime.bigint() - t0) / 1e9))
  }
  return best
}

function tryRange (r) {
  try {
    return new Range(r, opts)
  } catch (er) {
    return null
  }
}

const result = { node: process.version, semver: require(path.join(process.argv[3], 'package.json')).version }
let check = 0

result.parseCold = {
  rate: opsPerSecond(c.ranges.length, () => {
    check = 0
    for (const r of c.ranges) {
      check += tryRange(r) ? 1 : 0
    }
  }),
}
result.parseCold.check = check

result.parseColdGeneral = {
  rate: opsPerSecond(c.general.length, () => {
    check = 0
    for (const r of c.general) {
      check += tryRange(r) ? 1 : 0
    }
  }),
}
result.parseColdGeneral.check = check

const n = c.ranges.length
result.parseWarm = {
  rate: opsPerSecond(n, () => {
    check = 0
    for (let i = 0; i < n; i++) {
      check += tryRange(c.ranges[i % c.warmRanges]) ? 1 : 0
    }
  }),
}
result.parseWarm.check = check

const ranges = c.ranges.map(tryRange)
const versions = c.versions.map(v => new SemVer(v, opts))
const pairs = c.pairRange.length
result.satisfies = {
  rate: opsPerSecond(pairs, () => {
    check = 0
    for (let i = 0; i < pairs; i++) {
      const r = ranges[c.pairRange[i]]
      check += r && r.test(versions[c.pairVersion[i]]) ? 1 : 0
    }
  }),
}
result.satisfies.check = check

result.satisfiesStrings = {
  rate: opsPerSecond(c.stringPairs, () => {
    check = 0
    for (let i = 0; i < c.stringPairs; i++) {
      check += semver.satisfies(c.versions[c.pairVersion[i]], c.ranges[c.pairRange[i] % c.warmRanges], opts) ? 1 : 0
    }
  }),
}
result.satisfiesStrings.check = check

process.stdout.write(JSON.stringify(result))
