using System.Text.RegularExpressions;
using CustomerPortal.Functions.Http;
using Microsoft.AspNetCore.Mvc;

namespace CustomerPortal.UnitTests.Http;

/// <summary>One error vocabulary: every code the API can send has a status and title here and words on the customer pages.</summary>
public sealed partial class ErrorCatalogTests
{
    public static TheoryData<string> Codes() => new(ErrorCodes.All);

    [Fact]
    public void All_ListsEveryCodeOnce()
    {
        Assert.Contains(ErrorCodes.InvalidCode, ErrorCodes.All);
        Assert.Contains(ErrorCodes.MalformedJson, ErrorCodes.All);
        Assert.Contains(ErrorCodes.CountryNotAllowed, ErrorCodes.All);
        Assert.Equal(ErrorCodes.All.Count, ErrorCodes.All.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void EveryCode_HasAnEntryInTheCatalog(string code)
    {
        Assert.True(ErrorCatalog.Knows(code), $"{code} has no entry in ErrorCatalog.");
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void EveryCode_HasCustomerWordsOnTheSite(string code)
    {
        var messages = File.ReadAllText(Path.Combine(RepositoryRoot(), "src", "StaticSite", "js", "messages.js"));

        var cases = CaseLabel().Matches(messages).Select(match => match.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

        Assert.True(cases.Contains(code), $"src/StaticSite/js/messages.js has no case '{code}'.");
    }

    [Fact]
    public void ToResult_WritesTheCodeTitleAndWaitAsProblemJson()
    {
        var result = ErrorCatalog.ToResult(new PortalError(ErrorCodes.MfaLocked, RetryAfter: TimeSpan.FromSeconds(899.2)));

        var problem = Assert.IsType<ProblemDetails>(result.Value);
        Assert.Equal(429, result.StatusCode);
        Assert.Equal(["application/problem+json"], result.ContentTypes);
        Assert.Equal("mfa_locked", problem.Extensions["code"]);
        Assert.Equal(900, problem.Extensions["retryAfterSeconds"]);
        Assert.Equal("Too many wrong codes.", problem.Title);
    }

    [Fact]
    public void ToResult_ValidationError_CarriesTheFieldErrors()
    {
        var result = ErrorCatalog.ToResult(PortalError.Validation("code", "Enter the 6-digit code."));

        var problem = Assert.IsType<ProblemDetails>(result.Value);
        Assert.Equal(400, result.StatusCode);
        Assert.Equal("validation_failed", problem.Extensions["code"]);
        var errors = Assert.IsAssignableFrom<IDictionary<string, string[]>>(problem.Extensions["errors"]);
        Assert.Equal(["Enter the 6-digit code."], errors["code"]);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "host.json")) && Directory.Exists(Path.Combine(dir.FullName, "src", "StaticSite")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Repository root not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"case '([a-z_]+)':")]
    private static partial Regex CaseLabel();
}
