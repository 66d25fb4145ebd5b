// The device application of the footprint tests: exercises real packages, one line per check. The same file runs in
// node on the published packages, in node on the emitted (pruned, minified) tree, and on Duktape from flash.
var g = (function () { return this; })();
var pending = [];
if (typeof g.setTimeout !== 'function') {
  // Duktape has no timers: queue callbacks and run them when the script ends, as an event loop would.
  g.setTimeout = function (fn) { pending.push(fn); return pending.length; };
}
function out(label, value) { console.log(label + ': ' + (typeof value === 'string' ? value : JSON.stringify(value))); }

var ms = require('ms');
out('ms', [ms('2 days'), ms('1.5h'), ms(60000), ms(ms('10 hours'), { long: true })]);
var minimist = require('minimist');
out('minimist', minimist(['-x', '3', '--name=ipm', '--no-color', 'rest', '--', '-y']));
var _ = require('underscore');
out('underscore', _.chain([5, 3, 8, 1]).sortBy(_.identity).map(function (x) { return x * 2; }).value());
out('underscore template', _.template('hello <%= name %>!')({ name: 'device' }));
var lodash = require('lodash');
out('lodash', [lodash.kebabCase('Firmware Footprint'), lodash.chunk([1, 2, 3, 4, 5], 2), lodash.get({ a: { b: [1, { c: 'deep' }] } }, 'a.b[1].c')]);
var EventEmitter = require('eventemitter3');
var e = new EventEmitter();
var seen = [];
e.on('tick', function (n) { seen.push(n); });
e.once('tick', function (n) { seen.push('once ' + n); });
e.emit('tick', 1);
e.emit('tick', 2);
out('eventemitter3', seen);
var moment = require('moment');
out('moment', moment.utc(1700000000000).format('YYYY-MM-DD HH:mm dddd'));
moment.locale('de');
out('moment de', moment.utc(1700000000000).format('dddd, D. MMMM YYYY'));
var Q = require('q');
Q.all([Q(1), Q.fcall(function () { return 2; })]).then(function (v) {
  out('q', v);
  return Q.reject(new Error('nope'));
}).fail(function (err) { out('q rejected', err.message); }).done();
while (pending.length) { pending.shift()(); }
