using CustomerPortal.Functions.Accounts.Audit;
using CustomerPortal.Functions.Http;
using CustomerPortal.Functions.Support;

namespace CustomerPortal.UnitTests.Support;

/// <summary>What the support API accepts before it touches storage: one lookup key, a reason, an account id, a paging cursor.</summary>
public sealed class SupportContractsTests
{
    [Theory]
    [InlineData(null, null)]
    [InlineData("CLM-1", "a@example.com")]
    [InlineData("CLM#1", null)]
    [InlineData("  ", null)]
    [InlineData(null, "")]
    public void Lookup_WithoutExactlyOneWellFormedKey_IsRefused(string? claimNumber, string? email)
    {
        var errors = new ValidationErrors();

        new SupportLookup(claimNumber, email, "Customer called").Validate(errors);

        Assert.False(errors.IsEmpty);
    }

    [Theory]
    [InlineData("CLM-2026/004_217", null)]
    [InlineData(" clm-1 ", null)]
    [InlineData(null, "Alex@Example.com")]
    public void Lookup_WithOneWellFormedKey_IsAccepted(string? claimNumber, string? email)
    {
        var errors = new ValidationErrors();

        new SupportLookup(claimNumber, email, "Customer called").Validate(errors);

        Assert.True(errors.IsEmpty);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    public void Lookup_WithoutAReason_IsRefused_NamingTheReason(string? reason)
    {
        var errors = new ValidationErrors();

        new SupportLookup("CLM-1", null, reason).Validate(errors);

        Assert.True(errors.ToDictionary().ContainsKey("reason"));
    }

    [Fact]
    public void Reason_IsRequired_AndAtMost500Characters()
    {
        static bool Accepted(string? reason)
        {
            var errors = new ValidationErrors();
            new SupportActionRequest(reason).Validate(errors);
            return errors.IsEmpty;
        }

        Assert.False(Accepted(null));
        Assert.False(Accepted(" "));
        Assert.True(Accepted(new string('r', 500)));
        Assert.False(Accepted(new string('r', 501)));
        Assert.False(Accepted("line one\nline two"));
    }

    [Theory]
    [InlineData("9f1c2e4b7a8d4c0e9b3a6f5d2c1e0a7b", true)]
    [InlineData("9F1C2E4B7A8D4C0E9B3A6F5D2C1E0A7B", false)]
    [InlineData("9f1c2e4b7a8d4c0e9b3a6f5d2c1e0a7", false)]
    [InlineData("9f1c2e4b7a8d4c0e9b3a6f5d2c1e0a7g", false)]
    [InlineData("sms", false)]
    [InlineData(null, false)]
    public void IsAccountId_AcceptsOnly32LowerCaseHex(string? id, bool expected)
        => Assert.Equal(expected, SupportService.IsAccountId(id));

    [Fact]
    public void IsRowKey_AcceptsTheAuditRowKeyForm_Only()
    {
        var key = AuditLog.FirstRowKeyOlderThan(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero)) + "-" + Guid.NewGuid().ToString("N");

        Assert.True(AuditLog.IsRowKey(key));
        Assert.False(AuditLog.IsRowKey(key.ToUpperInvariant()));
        Assert.False(AuditLog.IsRowKey(key[1..]));
        Assert.False(AuditLog.IsRowKey("' or PartitionKey ne '"));
    }
}
