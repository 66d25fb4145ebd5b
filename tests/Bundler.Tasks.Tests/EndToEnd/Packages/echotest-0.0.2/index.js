// ES5 on purpose: the sample's engine profile is es5.1.
module.exports = function echo(text) {
  return 'echo 0.0.2: ' + text;
};
