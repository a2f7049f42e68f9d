using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;

namespace CustomerPortal.IntegrationTests.Fuzzing;

/// <summary>
/// Sends a request over a bare socket, for body framing HttpClient will not write: broken chunk sizes and suffixes,
/// chunk extensions and trailers, and bodies cut short by the client closing its side.
/// </summary>
public static class FuzzRawSender
{
    private static readonly IReadOnlySet<string> CutShort = new HashSet<string>(StringComparer.Ordinal) { "truncated-chunked", "short-content-length" };

    public static readonly string[] Framings = ["bad-chunk-size", "bad-chunk-suffix", "truncated-chunked", "short-content-length", "chunk-extension", "chunk-trailer"];

    /// <summary>
    /// The answer's status, media type and body, and whether the body arrived whole; null when the server closed without
    /// answering. A server that stops reading a broken body may close with unread bytes, and the reset can cut its answer short.
    /// </summary>
    public static async Task<(int Status, string? MediaType, byte[] Body, bool Whole, string? Location)?> SendAsync(Uri baseAddress, FuzzRequest request, CancellationToken cancellation)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(baseAddress.Host, baseAddress.Port, cancellation);
        var stream = client.GetStream();

        var head = new StringBuilder()
            .Append(request.Method).Append(' ').Append(request.Target).Append(" HTTP/1.1\r\n")
            .Append("Host: ").Append(baseAddress.Authority).Append("\r\nConnection: close\r\n")
            .Append(StorageWritesByRequest.Header).Append(": ").Append(request.Index).Append("\r\n");
        foreach (var (name, value) in request.Headers.Where(h => !h.Key.Equals("Expect", StringComparison.OrdinalIgnoreCase)))
        {
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        if (request.ContentType is not null)
        {
            head.Append("Content-Type: ").Append(request.ContentType).Append("\r\n");
        }

        var body = request.Body ?? [];
        var size = body.Length.ToString("x", System.Globalization.CultureInfo.InvariantCulture);
        var (framing, rest) = request.Framing switch
        {
            "bad-chunk-size" => ("Transfer-Encoding: chunked\r\n\r\nzz\r\n", "\r\n0\r\n\r\n"),
            "bad-chunk-suffix" => ($"Transfer-Encoding: chunked\r\n\r\n{size}\r\n", "XX0\r\n\r\n"),
            "truncated-chunked" => ($"Transfer-Encoding: chunked\r\n\r\n{body.Length + 10:x}\r\n", ""),
            "short-content-length" => ($"Content-Length: {body.Length + 10}\r\n\r\n", ""),
            "chunk-extension" => ($"Transfer-Encoding: chunked\r\n\r\n{size};name=\"value\"\r\n", "\r\n0\r\n\r\n"),
            _ => ($"Transfer-Encoding: chunked\r\n\r\n{size}\r\n", "\r\n0\r\nX-Trailer: 1\r\n\r\n"),
        };
        try
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head.Append(framing).ToString()), cancellation);
            await stream.WriteAsync(body, cancellation);
            await stream.WriteAsync(Encoding.ASCII.GetBytes(rest), cancellation);
            if (CutShort.Contains(request.Framing!))
            {
                client.Client.Shutdown(SocketShutdown.Send);
            }
        }
        catch (IOException)
        {
            // The server answered and closed before taking the whole body (a refusal on the headers alone).
        }

        using var answer = new MemoryStream();
        var whole = true;
        try
        {
            await stream.CopyToAsync(answer, cancellation);
        }
        catch (IOException)
        {
            whole = false;
        }

        return Parse(answer.ToArray(), whole);
    }

    private static (int Status, string? MediaType, byte[] Body, bool Whole, string? Location)? Parse(byte[] raw, bool whole)
    {
        var text = Encoding.Latin1.GetString(raw);
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0)
        {
            return null;
        }

        var lines = text[..end].Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        string? Header(string name) => lines.Skip(1).Where(l => l.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase)).Select(l => l[(name.Length + 1)..].Trim()).FirstOrDefault();

        var body = raw[(end + 4)..];
        if (Header("Transfer-Encoding") is { } encoding && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            body = Dechunk(body);
        }

        var mediaType = Header("Content-Type") is { } contentType && MediaTypeHeaderValue.TryParse(contentType, out var parsed) ? parsed.MediaType : null;
        return (status, mediaType, body, whole, Header("Location"));
    }

    private static byte[] Dechunk(byte[] chunked)
    {
        using var body = new MemoryStream();
        var position = 0;
        while (position < chunked.Length)
        {
            var lineEnd = Array.IndexOf(chunked, (byte)'\n', position);
            if (lineEnd < 0)
            {
                break;
            }

            var size = Convert.ToInt32(Encoding.ASCII.GetString(chunked, position, lineEnd - position).Split(';')[0].Trim(), 16);
            if (size == 0 || lineEnd + 1 + size > chunked.Length)
            {
                break;
            }

            body.Write(chunked, lineEnd + 1, size);
            position = lineEnd + 1 + size + 2;
        }

        return body.ToArray();
    }
}
