exports.version = '1.0.0';
exports.shout = function (s) {
  return String(s).toUpperCase();
};
