using System.Text.Json.Nodes;
using Bundler.Core.Packaging;
using Bundler.Testing;

namespace Bundler.Core.Tests.Packaging;

public sealed class CoreModulesTests
{
    [Fact]
    public void Every_builtin_module_of_the_node_here_is_known()
    {
        var builtins = NodeRunner.Evaluate("return require('module').builtinModules;", null)!.AsArray().Select(n => n!.GetValue<string>()).ToList();

        Assert.NotEmpty(builtins);
        Assert.All(builtins, name => Assert.True(CoreModules.IsCore(name), name));
        Assert.All(builtins, name => Assert.True(CoreModules.IsCore("node:" + name), name));
    }

    [Theory]
    [InlineData("gpio", true)]
    [InlineData("uart", true)]
    [InlineData("node:test", true)]
    [InlineData("lodash", false)]
    [InlineData("fs/", false)]
    [InlineData("./fs", false)]
    [InlineData("FS", false)]
    public void Names_match_exactly(string request, bool expected) => Assert.Equal(expected, CoreModules.IsCore(request));

    [Fact]
    public void Node_does_not_know_the_iotjs_only_names()
    {
        var iotjsOnly = new JsonArray("adc", "ble", "bridge", "gpio", "i2c", "mqtt", "pwm", "spi", "stm32f4dis", "tizen", "uart", "websocket");
        var known = NodeRunner.Evaluate("return input.filter(function (n) { return require('module').isBuiltin(n); });", iotjsOnly)!.AsArray();
        Assert.Empty(known);
        Assert.All(iotjsOnly, n => Assert.Contains(n!.GetValue<string>(), CoreModules.All));
    }
}
