using System.Text.Json.Nodes;
using Bundler.Core.Diagnostics;
using Bundler.Core.Registry;
using Bundler.Testing;

namespace Bundler.Integration.Tests.Registry;

/// <summary>
/// NpmConfig judged by npm itself: the same files and environment are loaded by npm's own @npmcli/config, and
/// npm-registry-fetch picks the registry for each name and the credential for each URL. The one rule where ipm is
/// stricter on purpose (npm also sends the registry's credential to other paths of the registry's host) is
/// compared against npm's lookup without that fallback, and the difference itself is asserted.
/// </summary>
public sealed class NpmConfigOracleTests
{
    private sealed record Scenario(string UserRc, string ProjectRc, Dictionary<string, string> Env, string[] Names, string[] Urls);

    private static readonly Scenario[] Scenarios =
    [
        // Registry and scope registry from two files, tokens from the environment, path-scoped Basic auth.
        new(
            "registry=http://reg.test:4873/\n//reg.test:4873/:_authToken=${REG_TOKEN}\n",
            "@corp:registry=http://corp.test/npm/\n//corp.test/npm/:_auth=${CORP_AUTH}\n",
            new() { ["REG_TOKEN"] = "reg-token-1", ["CORP_AUTH"] = "dTpw" },
            ["plain", "@corp/tool", "@other/tool"],
            ["http://reg.test:4873/plain", "http://reg.test:4873/plain/-/plain-1.0.0.tgz", "http://reg.test:4874/plain", "http://corp.test/npm/@corp%2ftool",
             "http://corp.test/npm/@corp/tool/-/tool-1.0.0.tgz", "http://corp.test/other/x.tgz", "https://corp.test/npm/x", "http://other.test/plain"]),

        // ini quoting, inline comments, escapes, a section, a key with no value.
        new(
            "registry = \"http://q.test/\"\n//q.test/:_authToken=abc\\;def#ghi ; comment\n//q.test/sub/:_authToken='sub;tok'\nalways-auth\n[section]\n//q.test/sec/:_authToken=in-section\n",
            "; only comments\n# here\n",
            [],
            ["x"],
            ["http://q.test/x", "http://q.test/sub/x", "http://q.test/sec/x"]),

        // Environment beats the project file, which beats the user file; nerf darts from the environment.
        new(
            "registry=http://user.test/\n@s:registry=http://user-s.test/\n",
            "registry=http://project.test/\n@s:registry=http://project-s.test/\n@t:registry=http://project-t.test/\n",
            new() { ["NPM_CONFIG_REGISTRY"] = "http://env.test/", ["npm_config_@t:registry"] = "http://env-t.test/", ["npm_config_//env.test/:_authToken"] = "env-token" },
            ["x", "@s/x", "@t/x"],
            ["http://env.test/x", "http://project.test/x"]),

        // Walking up the path: the longest key with a credential wins; keys without one do not count.
        new(
            "registry=http://h.test/a/b/\n//h.test/a/b/:_authToken=AB\n//h.test/a:_authToken=A\n//h.test/:email=me@h.test\n//h.test/c/:username=only-user\n//h.test/m/:certfile=/c.pem\n//h.test/m/:keyfile=/k.pem\n//h.test/:_authToken=HOST\n",
            "",
            [],
            ["x"],
            ["http://h.test/a/b/c", "http://h.test/a/b", "http://h.test/a/x", "http://h.test/a", "http://h.test/ab/x", "http://h.test/c/x", "http://h.test/m/x", "http://h.test/x", "http://h.test:8080/x"]),

        // Token beats _auth beats username and password; base64 passwords as Node decodes them.
        new(
            "registry=http://p.test/\n//p.test/t/:_authToken=T\n//p.test/t/:_auth=QUJD\n//p.test/a/:_auth=QUJD\n//p.test/a/:username=u\n//p.test/a/:_password=cA==\n" +
            "//p.test/u/:username=user\n//p.test/u/:_password=cGFzcw\n//p.test/w/:username=w\n//p.test/w/:_password=Pz4_\n//p.test/x/:username=x\n//p.test/x/:_password=cG Fz!cw==tail\n",
            "",
            [],
            ["x"],
            ["http://p.test/t/x", "http://p.test/a/x", "http://p.test/u/x", "http://p.test/w/x", "http://p.test/x/x"]),

        // scope= sends unscoped names (and scopes without a registry) to that scope's registry.
        new(
            "registry=http://default.test/\nscope=corp\n@corp:registry=http://corp.test/\n@own:registry=http://own.test/\n",
            "",
            [],
            ["plain", "@corp/x", "@own/x", "@none/x"],
            []),

        // ${VAR} forms, expansion in keys; false in a nearer file unsets a credential, null under a dotted key does not.
        new(
            "registry=http://e.test/\n//${HOST}/:_authToken=${TOKEN}\n//e.test/unset/:_authToken=${NOT_SET}\n//e.test/opt/:_authToken=x${NOT_SET?}y\n" +
            "//e.test/esc/:_authToken=\\${TOKEN}\n//n.test/:_authToken=N\n//f.test/:_authToken=F\n",
            "//n.test/:_authToken=null\n//f.test/:_authToken=false\n",
            new() { ["HOST"] = "e.test", ["TOKEN"] = "tok" },
            ["x"],
            ["http://e.test/x", "http://e.test/unset/x", "http://e.test/opt/x", "http://e.test/esc/x", "http://n.test/x", "http://f.test/x"]),

        // The one deliberate difference: npm also gives the registry's credential to other paths on its host.
        new(
            "registry=http://r.test:4873/npm/\n//r.test:4873/npm/:_authToken=R\n",
            "",
            [],
            ["x"],
            ["http://r.test:4873/npm/x", "http://r.test:4873/files/x.tgz"]),
    ];

    private const string Script = """
        const root = input.npmRoot;
        const Config = require(root + '/node_modules/@npmcli/config');
        const { definitions, flatten, nerfDarts, shorthands } = require(root + '/node_modules/@npmcli/config/lib/definitions');
        const fetch = require(root + '/node_modules/npm-registry-fetch');
        const header = a => a.token ? 'Bearer ' + a.token : a.auth ? 'Basic ' + a.auth : null;
        return (async () => {
        const results = [];
        for (const s of input.scenarios) {
          const conf = new Config({ npmPath: root, definitions, flatten, nerfDarts, shorthands, argv: ['node', 'npm'],
            cwd: s.cwd, env: s.env, platform: process.platform, execPath: process.execPath, warn: false });
          await conf.load();
          const flat = conf.flat;
          // Without any registry setting, getAuth has no registry to fall back to: only the path walk decides.
          const strict = Object.fromEntries(Object.entries(flat).filter(([k]) => k !== 'registry' && !/:registry$/.test(k)));
          results.push({
            registries: s.names.map(n => fetch.pickRegistry(n, flat)),
            npm: s.urls.map(u => header(fetch.getAuth(u, flat))),
            strict: s.urls.map(u => header(fetch.getAuth(u, strict))),
          });
        }
        return results;
        })();
        """;

    [Fact]
    public void Registries_and_credentials_match_npms_own_config_and_fetch_code()
    {
        using var dir = new TempDirectory("ipm-npm-oracle");
        var npmRoot = ProcessRunner.Run(ToolLocator.Npm, ["root", "-g"]).EnsureSuccess("npm root -g").StdOut.Trim() + "/npm";
        var input = new JsonArray();
        var loaded = new List<NpmConfig>();
        for (var i = 0; i < Scenarios.Length; i++)
        {
            var s = Scenarios[i];
            var project = dir.Combine($"s{i}", "project");
            dir.Write($"s{i}/userrc", s.UserRc);
            dir.Write($"s{i}/project/package.json", "{}\n");
            dir.Write($"s{i}/project/.npmrc", s.ProjectRc);
            var env = new Dictionary<string, string>(s.Env, StringComparer.Ordinal)
            {
                ["npm_config_userconfig"] = dir.Combine($"s{i}", "userrc"),
                ["npm_config_globalconfig"] = dir.Combine($"s{i}", "no-globalconfig"),
            };
            input.Add(new JsonObject
            {
                ["cwd"] = project,
                ["env"] = new JsonObject(env.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
                ["names"] = new JsonArray([.. s.Names.Select(n => JsonValue.Create(n))]),
                ["urls"] = new JsonArray([.. s.Urls.Select(u => JsonValue.Create(u))]),
            });
            loaded.Add(NpmConfig.Load(project, new RecordingBundleLog(), env.ToDictionary(kv => kv.Key, kv => (string?)kv.Value), dir.Combine($"s{i}", "home")));
        }

        var answers = NodeRunner.Evaluate(Script, new JsonObject { ["npmRoot"] = npmRoot, ["scenarios"] = input })!.AsArray();

        var checkedUrls = 0;
        for (var i = 0; i < Scenarios.Length; i++)
        {
            var s = Scenarios[i];
            var npm = answers[i]!;
            for (var n = 0; n < s.Names.Length; n++)
            {
                Assert.True((string?)npm["registries"]![n] == loaded[i].RegistryFor(s.Names[n]), $"scenario {i}, registry for {s.Names[n]}: npm {npm["registries"]![n]}, ipm {loaded[i].RegistryFor(s.Names[n])}");
            }

            for (var u = 0; u < s.Urls.Length; u++)
            {
                var ours = loaded[i].For(new Uri(s.Urls[u]))?.ToString();
                Assert.True((string?)npm["strict"]![u] == ours, $"scenario {i}, {s.Urls[u]}: npm {npm["strict"]![u]}, ipm {ours}");
                checkedUrls++;
            }
        }

        Assert.Equal(Scenarios.Sum(s => s.Urls.Length), checkedUrls);
        var fallback = answers[^1]!;
        Assert.Equal("Bearer R", (string?)fallback["npm"]![1]);
        Assert.Null((string?)fallback["strict"]![1]);
        // Everywhere else npm's full lookup and its path walk agree, so the path walk is what npm does there.
        for (var i = 0; i < Scenarios.Length - 1; i++)
        {
            Assert.Equal(answers[i]!["npm"]!.ToJsonString(), answers[i]!["strict"]!.ToJsonString());
        }
    }
}
