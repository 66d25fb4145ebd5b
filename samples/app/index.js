// Runs on the device: every require below is answered from the tables compiled into the firmware.
var echo = require('echotest');
var other = require('other');
var hello = require('@ipm-sample/greeting');

print(hello('firmware'));
print(echo('hello from flash'));
print(other.describe('héllo'));
print('echotest is loaded from ' + require.resolve('echotest'));
