using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Bundler.Testing;

/// <summary>Users and reads over the npm registry HTTP API.</summary>
public sealed partial class VerdaccioServer
{
    /// <summary>
    /// Creates a user through the npm adduser endpoint (<c>PUT /-/user/org.couchdb.user:NAME</c>) and returns its
    /// token; an existing user with the right password is logged in instead. Needs <see cref="VerdaccioOptions.RequireAuth"/>.
    /// </summary>
    public async Task<string> AddUserAsync(string name, string password, CancellationToken cancellationToken = default)
    {
        SecretMasker.Register(password);
        var body = new JsonObject
        {
            ["_id"] = "org.couchdb.user:" + name,
            ["name"] = name,
            ["password"] = password,
            ["email"] = name + "@example.invalid",
            ["type"] = "user",
            ["roles"] = new JsonArray(),
        };
        using var request = new HttpRequestMessage(HttpMethod.Put, "-/user/org.couchdb.user:" + Uri.EscapeDataString(name))
        {
            Content = JsonContent.Create(body),
        };
        // With Basic credentials Verdaccio logs an existing user in; without, it answers 409 for one.
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes(name + ":" + password)));
        using var response = await Http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var token = response.IsSuccessStatusCode ? JsonNode.Parse(text)?["token"]?.GetValue<string>() : null;
        SecretMasker.Register(token);
        return token ?? throw new InvalidOperationException(
            SecretMasker.Mask($"adding user '{name}' failed: {(int)response.StatusCode} {text}\n{Output}"));
    }

    /// <summary>GET a path relative to <see cref="Url"/>, with a bearer token when given.</summary>
    public async Task<HttpResponseMessage> GetAsync(string relative, string? token = null, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, relative);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await Http.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The full packument of a package; throws with the server output when it is not 200.</summary>
    public async Task<JsonObject> GetPackumentAsync(string name, string? token = null, CancellationToken cancellationToken = default)
    {
        using var response = await GetAsync(PackagePath(name), token, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException(SecretMasker.Mask($"GET {name}: {(int)response.StatusCode} {text}\n{Output}"));
        }

        return JsonNode.Parse(text)?.AsObject() ?? throw new InvalidOperationException($"GET {name}: empty body");
    }

    /// <summary>A package's path under the registry URL as npm sends it: <c>@scope%2fname</c> for scoped names.</summary>
    public static string PackagePath(string name) => name.Replace("/", "%2f", StringComparison.Ordinal);
}
