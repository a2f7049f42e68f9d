using System.Text;

namespace CustomerPortal.IntegrationTests.Fuzzing;

/// <summary>One generated request, with what the generator knows about it (which parts are hostile, and how).</summary>
/// <param name="Index">Its number in the run; with the seed it is made again exactly.</param>
/// <param name="Route">The function it aims at.</param>
/// <param name="Method">The HTTP method sent.</param>
/// <param name="Target">The path and query sent.</param>
/// <param name="OnRoute">Whether method and path are the route's own, so it reaches that function.</param>
/// <param name="Headers">Request headers other than the content headers.</param>
/// <param name="ContentType">The raw Content-Type, or null for none.</param>
/// <param name="ContentTypeIsJson">What <c>JsonBody</c> should make of the Content-Type; null where the rule leaves room.</param>
/// <param name="Body">The body bytes, or null for none.</param>
/// <param name="Chunked">Whether the body goes without Content-Length.</param>
/// <param name="Cookie">The session cookie sent.</param>
/// <param name="OriginAllowed">Whether the origin check should let it through; null where the rule leaves room.</param>
/// <param name="Hostile">The parts made hostile ("body:deep-nesting", "origin", ...); empty for a well-formed request.</param>
/// <param name="Framing">A body framing to write by hand (<see cref="FuzzRawSender.Framings"/>), or null to send with HttpClient.</param>
public sealed record FuzzRequest(
    int Index,
    FuzzRoute Route,
    string Method,
    string Target,
    bool OnRoute,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    string? ContentType,
    bool? ContentTypeIsJson,
    byte[]? Body,
    bool Chunked,
    FuzzCookie Cookie,
    bool? OriginAllowed,
    IReadOnlyList<string> Hostile,
    string? Framing = null)
{
    public bool ChangesState => Method is not ("GET" or "HEAD" or "OPTIONS");

    public HttpRequestMessage ToHttpRequest()
    {
        var request = new HttpRequestMessage(new HttpMethod(Method), Target);
        request.Headers.TryAddWithoutValidation(StorageWritesByRequest.Header, Index.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (Body is not null || ContentType is not null)
        {
            request.Content = Chunked ? new StreamContent(new MemoryStream(Body ?? [])) : new ByteArrayContent(Body ?? []);
            request.Headers.TransferEncodingChunked = Chunked;
            if (ContentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }
        }

        foreach (var (name, value) in Headers)
        {
            if (name.Equals("Expect", StringComparison.OrdinalIgnoreCase))
            {
                request.Headers.ExpectContinue = true;
            }
            else if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                // A content header (Content-Encoding): only where there is content to carry it.
                request.Content?.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return request;
    }

    /// <summary>The request as text for a failure message, the body cut to <paramref name="maxBody"/> characters.</summary>
    public string Describe(int maxBody = 400)
    {
        var text = new StringBuilder();
        text.Append(Method).Append(' ').Append(Target).Append("   (route ").Append(Route.Function)
            .Append(OnRoute ? "" : ", off route").Append("; cookie ").Append(Cookie.Kind)
            .Append("; hostile: ").Append(Hostile.Count == 0 ? "nothing" : string.Join(", ", Hostile)).AppendLine(")");
        foreach (var (name, value) in Headers)
        {
            text.Append("  ").Append(name).Append(": ").AppendLine(Printable(value, 200));
        }

        if (ContentType is not null)
        {
            text.Append("  Content-Type: ").AppendLine(ContentType);
        }

        if (Body is not null)
        {
            text.Append("  body (").Append(Body.Length).Append(" bytes").Append(Framing is not null ? ", framing " + Framing : Chunked ? ", chunked" : "").Append("): ")
                .AppendLine(Printable(Encoding.UTF8.GetString(Body), maxBody));
        }

        return text.ToString();
    }

    /// <summary>Text with control characters, surrogates and other invisibles shown as \uXXXX, cut to a length.</summary>
    public static string Printable(string value, int max)
    {
        var text = new StringBuilder();
        foreach (var c in value.Length > max ? value[..max] : value)
        {
            if (c < 0x20 || c is >= '\u007f' and <= '\u00a0' || char.IsSurrogate(c) || c is '\u2028' or '\u2029' or '\ufeff' or >= '\u200b' and <= '\u200f' or >= '\u202a' and <= '\u202e')
            {
                text.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else
            {
                text.Append(c);
            }
        }

        return value.Length > max ? text.Append($"… ({value.Length} chars)").ToString() : text.ToString();
    }
}

/// <summary>The session cookie a request carries: its kind, and whether it is certainly (true) or certainly not (false) a live session.</summary>
/// <param name="Header">The whole Cookie header, or null for none.</param>
/// <param name="Kind">What it is, for messages ("live:full", "forged", "expired", ...).</param>
/// <param name="Live">True for a live session of the fixture, false when no live session can be read from it, null when that is the server's call.</param>
/// <param name="Expired">Whether it is the fixture's expired session, whose row is deleted when first presented.</param>
public sealed record FuzzCookie(string? Header, string Kind, bool? Live, bool Expired = false);
