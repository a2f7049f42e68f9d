using CustomerPortal.Functions.Passwords;
using Microsoft.Extensions.Options;

namespace CustomerPortal.UnitTests.Auth;

public sealed class PasswordPolicyTests
{
    private const string TooEasy = "This password is too easy to guess. Try a few unrelated words together.";

    private readonly PasswordPolicy _policy = new(Options.Create(new PasswordOptions()));

    [Fact]
    public void Check_ElevenCharacters_IsRefusedForLength()
    {
        var problems = _policy.Check("oboe quasar", []);

        Assert.Equal(["Use at least 12 characters. A few unrelated words together are easy to remember and hard to guess."], problems);
    }

    [Fact]
    public void Check_StrongTwelveCharacterPassphrase_IsAccepted()
    {
        Assert.Empty(_policy.Check("oboe quasar!", []));
    }

    [Fact]
    public void Check_128Characters_IsAcceptedAnd129Refused()
    {
        var words = string.Concat(Enumerable.Repeat("oboe quasar lantern tundra ", 5));

        Assert.Empty(_policy.Check(words[..128], []));
        Assert.Equal(["Use no more than 128 characters."], _policy.Check(words[..129], []));
    }

    [Fact]
    public void Check_Password1234_IsRefusedAsTooEasy()
    {
        Assert.Equal([TooEasy], _policy.Check("password1234", []));
    }

    [Fact]
    public void Check_PasswordMadeOfTheCustomersEmailName_IsRefused()
    {
        const string password = "ottoline-brackenbury";

        var withoutInputs = _policy.Check(password, []);
        var withEmail = _policy.Check(password, ["ottoline.brackenbury@example.com"]);

        // Strong to a stranger, easy for someone who knows the customer's email.
        Assert.Empty(withoutInputs);
        Assert.Equal([TooEasy], withEmail);
    }

    [Fact]
    public void Check_UnicodePassphrase_IsAccepted()
    {
        Assert.Empty(_policy.Check("Größe Bärenhöhle am Fjord", []));
    }

    [Fact]
    public void Check_Length_CountsWhatTheCustomerSeesAsCharacters()
    {
        // Eleven emoji are 22 UTF-16 chars but eleven characters to the customer.
        var elevenEmoji = string.Concat(Enumerable.Repeat("🐙", 11));

        Assert.NotEmpty(_policy.Check(elevenEmoji, []));
        Assert.Empty(_policy.Check(elevenEmoji + "🦉", []));
    }
}
