using System.Net;
using System.Text;

namespace CustomerPortal.Functions.Email;

/// <summary>
/// The body of one of the portal's emails, written once and given both as plain text and as HTML, so the two say the same.
/// In the HTML every value is encoded: names, claim numbers and the support contact come from other systems.
/// </summary>
public sealed class EmailContent(string language = "en")
{
    private readonly StringBuilder text = new();
    private readonly StringBuilder html = new();

    /// <summary>A paragraph of plain words.</summary>
    public EmailContent Paragraph(string words)
    {
        text.Append(words).Append("\n\n");
        html.Append("<p>").Append(WebUtility.HtmlEncode(words)).Append("</p>\n");
        return this;
    }

    /// <summary>A short list, one item a line ("- item" in the text version, a bulleted list in HTML).</summary>
    public EmailContent List(IEnumerable<string> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        html.Append("<ul>\n");
        foreach (var item in items)
        {
            text.Append("- ").Append(item).Append('\n');
            html.Append("<li>").Append(WebUtility.HtmlEncode(item)).Append("</li>\n");
        }

        text.Append('\n');
        html.Append("</ul>\n");
        return this;
    }

    /// <summary>A link on its own line: the address itself in the text version, a labelled link in the HTML version.</summary>
    public EmailContent Link(string label, Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        text.Append(url.AbsoluteUri).Append("\n\n");
        html.Append("<p><a href=\"").Append(WebUtility.HtmlEncode(url.AbsoluteUri)).Append("\">")
            .Append(WebUtility.HtmlEncode(label)).Append("</a></p>\n");
        return this;
    }

    /// <summary>The finished email to <paramref name="to"/>.</summary>
    public EmailMessage ToMessage(string to, string displayName, string subject, string tag)
    {
        var body = "<!DOCTYPE html>\n<html lang=\"" + WebUtility.HtmlEncode(language) + "\">\n<head><meta charset=\"utf-8\"><title>" + WebUtility.HtmlEncode(subject) + "</title></head>\n"
            + "<body style=\"font-family: Arial, Helvetica, sans-serif; font-size: 16px; line-height: 1.5; color: #1b1b1b;\">\n"
            + html + "</body>\n</html>\n";
        return new EmailMessage(to, displayName, subject, text.ToString().TrimEnd() + "\n", body, tag);
    }
}
