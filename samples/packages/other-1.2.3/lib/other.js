var strutil = require('strutil');

// strutil 2.x counts UTF-8 bytes; 1.x does not have this function at all.
exports.describe = function (text) {
  return text + ' is ' + strutil.utf8Length(text) + ' UTF-8 bytes (strutil ' + strutil.version + ')';
};
