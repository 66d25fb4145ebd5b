/* echotest: returns what it is given, shouted by whichever strutil it resolves. */
var strutil = require('strutil');

module.exports = function echo(text) {
  return 'echo: ' + strutil.shout(text) + ' (strutil ' + strutil.version + ')';
};
