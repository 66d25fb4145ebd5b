// The firmware's application. ES5 only: the default engine profile (es5.1) is what Duktape and
// JerryScript's default build accept. 'echotest' comes from the registry, bundled into flash.
var echo = require('echotest');

function main() {
  var greeting = echo('hello from flash');
  console.log(greeting);
  return greeting;
}

module.exports = main();
