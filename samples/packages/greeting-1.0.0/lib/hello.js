var words = require('../words.json');

module.exports = function hello(name) {
  return words.hello + ', ' + name + ' ' + words.mark;
};
