using System.ComponentModel.DataAnnotations;

namespace CustomerPortal.Functions.Security;

/// <summary>The keys that protect secrets at rest. Bound from the <c>Encryption</c> configuration section.</summary>
/// <remarks>
/// Rotation: add a new key, make it active, keep the old one configured until every value it protected has been rewritten.
/// Values name the key that protected them, so old values keep working while their key is listed.
/// </remarks>
public sealed class EncryptionOptions
{
    public const string SectionName = "Encryption";

    /// <summary>The id of the key new values are protected with; must be one of <see cref="Keys"/>. Required, no default.</summary>
    [Required]
    public string ActiveKeyId { get; set; } = "";

    /// <summary>Key id (letters, digits, <c>-</c>, <c>_</c>) to the Base64 of 32 random bytes, e.g. <c>Encryption:Keys:local1</c>. Default: none.</summary>
    public Dictionary<string, string> Keys { get; set; } = new(StringComparer.Ordinal);
}
