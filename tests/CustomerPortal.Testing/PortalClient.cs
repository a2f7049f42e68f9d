using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace CustomerPortal.Testing;

/// <summary>
/// A customer's HTTP client: keeps the session cookie and the remembered-device cookie the way a browser would (the cookies
/// are Secure, which .NET's cookie container will not send over http://127.0.0.1, so they are kept by hand).
/// </summary>
public sealed class PortalClient(HttpClient http) : IDisposable
{
    public const string CookieName = "__Host-portal_session";

    public const string DeviceCookieName = "__Host-portal_device";

    public string? SessionCookie { get; set; }

    /// <summary>Other cookies the portal set (the passwordless sign-in's challenge cookie), kept by hand like the session's.</summary>
    public Dictionary<string, string> OtherCookies { get; } = new(StringComparer.Ordinal);

    /// <summary>The remembered-device cookie (<c>__Host-portal_device</c>), kept like the session cookie.</summary>
    public string? DeviceCookie
    {
        get => OtherCookies.GetValueOrDefault(DeviceCookieName);
        set
        {
            if (value is null)
            {
                OtherCookies.Remove(DeviceCookieName);
            }
            else
            {
                OtherCookies[DeviceCookieName] = value;
            }
        }
    }

    public HttpClient Http => http;

    public Task<HttpResponseMessage> GetAsync(string path) => SendAsync(new HttpRequestMessage(HttpMethod.Get, path));

    public Task<HttpResponseMessage> PostAsync(string path, object? body = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return SendAsync(request);
    }

    /// <summary>A DELETE, with a JSON body when <paramref name="body"/> is given.</summary>
    public Task<HttpResponseMessage> DeleteAsync(string path, object? body = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Delete, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return SendAsync(request);
    }

    public Task<HttpResponseMessage> PostRawAsync(string path, string body, string contentType)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(body, Encoding.UTF8),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return SendAsync(request);
    }

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        var sent = OtherCookies.Select(pair => $"{pair.Key}={pair.Value}").ToList();
        if (SessionCookie is not null)
        {
            sent.Insert(0, $"{CookieName}={SessionCookie}");
        }

        if (sent.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", sent));
        }

        var response = await http.SendAsync(request);
        if (response.Headers.TryGetValues("Set-Cookie", out var cookies))
        {
            foreach (var cookie in cookies)
            {
                var (name, value) = (cookie.Split('=')[0], cookie[(cookie.IndexOf('=') + 1)..].Split(';')[0]);
                if (name == CookieName)
                {
                    SessionCookie = string.IsNullOrEmpty(value) ? null : value;
                }
                else if (string.IsNullOrEmpty(value))
                {
                    OtherCookies.Remove(name);
                }
                else
                {
                    OtherCookies[name] = value;
                }
            }
        }

        return response;
    }

    /// <summary>Creates an account through the admin API and returns its activation token.</summary>
    public async Task<string> CreateAccountAsync(string email, string claimNumber = "CLM-1001", string displayName = "Alex Customer")
    {
        var response = await PostAsync("/api/admin/accounts", new { email, claimNumber, displayName });
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"Account creation failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        return (await ReadJsonAsync(response)).GetProperty("activationToken").GetString()!;
    }

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The newest code in the development SMS outbox for <paramref name="phoneE164"/>.</summary>
    public async Task<string> LatestSmsCodeAsync(string phoneE164)
    {
        var messages = await ReadJsonAsync(await GetAsync("/api/dev/sms-outbox"));
        var body = messages.EnumerateArray().First(m => m.GetProperty("to").GetString() == phoneE164).GetProperty("body").GetString()!;
        return body[(body.LastIndexOf('#') + 1)..].Trim();
    }

    public void Dispose() => http.Dispose();
}
