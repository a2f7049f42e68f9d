using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;

namespace CustomerPortal.Functions.Passwords;

/// <summary>Decides whether a new password is acceptable, and says why not in words a customer understands.</summary>
/// <remarks>
/// Follows NIST SP 800-63B: a length range and a strength estimate (zxcvbn), no composition rules; any Unicode is allowed.
/// Length counts Unicode text elements (what a person sees as one character: "é" is one, whether typed composed or not;
/// an emoji is one), after NFKC normalisation, the same form <see cref="PortalPasswordHasher"/> hashes.
/// </remarks>
public sealed class PasswordPolicy
{
    private const int MinimumInputPartLength = 3;

    private readonly PasswordOptions _options;

    public PasswordPolicy(IOptions<PasswordOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
    }

    /// <summary>The problems with a new password, empty when it is acceptable.</summary>
    /// <param name="password">The password the customer chose.</param>
    /// <param name="userInputs">What is known about the customer (email, name, claim number): a password built from them is easy to guess.</param>
    public IReadOnlyList<string> Check(string password, IEnumerable<string> userInputs)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentNullException.ThrowIfNull(userInputs);

        var length = new StringInfo(password.Normalize(NormalizationForm.FormKC)).LengthInTextElements;
        if (length < _options.MinLength)
        {
            return [$"Use at least {_options.MinLength} characters. A few unrelated words together are easy to remember and hard to guess."];
        }

        if (length > _options.MaxLength)
        {
            return [$"Use no more than {_options.MaxLength} characters."];
        }

        var result = Zxcvbn.Zxcvbn.MatchPassword(password, DictionaryWords(userInputs));
        if (result.Score < _options.MinimumStrengthScore)
        {
            return ["This password is too easy to guess. Try a few unrelated words together."];
        }

        return [];
    }

    /// <summary>Each input, and its parts, so that "jane.doe@example.com" also rules out "jane", "doe" and "example".</summary>
    private static List<string> DictionaryWords(IEnumerable<string> userInputs)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (var input in userInputs)
        {
            if (string.IsNullOrWhiteSpace(input))
            {
                continue;
            }

            // zxcvbn matches the lower-cased password against its dictionaries.
            var lower = input.Trim().ToLowerInvariant();
            words.Add(lower);
            foreach (var part in SplitIntoWords(lower).Where(p => p.Length >= MinimumInputPartLength))
            {
                words.Add(part);
            }

            var local = lower.Split('@')[0];
            words.Add(new string(local.Where(char.IsLetterOrDigit).ToArray()));
        }

        words.Remove("");
        return [.. words];
    }

    private static IEnumerable<string> SplitIntoWords(string text)
    {
        var word = new StringBuilder();
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(c);
            }
            else if (word.Length > 0)
            {
                yield return word.ToString();
                word.Clear();
            }
        }

        if (word.Length > 0)
        {
            yield return word.ToString();
        }
    }
}
