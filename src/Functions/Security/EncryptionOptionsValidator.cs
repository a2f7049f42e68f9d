using Microsoft.Extensions.Options;

namespace CustomerPortal.Functions.Security;

/// <summary>Checks at start-up that the active key exists and every key decodes to 32 bytes.</summary>
public sealed class EncryptionOptionsValidator : IValidateOptions<EncryptionOptions>
{
    public ValidateOptionsResult Validate(string? name, EncryptionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = KeyRing.Problems(options).ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
