var info = require('./info.json');

exports.version = info.version;
exports.shout = function (s) {
  return String(s).toUpperCase() + '!';
};
exports.utf8Length = function (s) {
  var n = 0;
  for (var i = 0; i < s.length; i++) {
    var c = s.charCodeAt(i);
    if (c < 0x80) { n += 1; } else if (c < 0x800) { n += 2; } else if (c >= 0xd800 && c <= 0xdbff) { n += 4; i++; } else { n += 3; }
  }
  return n;
};
