namespace CustomerPortal.IntegrationTests.Fuzzing;

/// <summary>What the fuzzer knows of one function: its route and method, the session it needs, and its body's fields.</summary>
/// <param name="Function">The function's name in <c>functions.metadata</c>.</param>
/// <param name="Route">The route under <c>/api/</c>, as declared; a <c>{parameter}</c> in it is filled in by the generator.</param>
/// <param name="Method">Its one HTTP method.</param>
/// <param name="Session">The session stage it needs.</param>
/// <param name="Fields">The JSON body's fields, or null when the function reads no body.</param>
/// <param name="HashesPasswords">Whether a well-formed body costs a PBKDF2 hash (sign-in): the generator sends very few.</param>
/// <param name="EndsSessions">Whether a live session sent to it ends (sign-out): live cookies are kept away from it.</param>
/// <param name="Oidc">An OpenID Connect endpoint: OAuth's query and form parameters (<see cref="FuzzOidcRequests"/>) and answers (<see cref="FuzzOidcVerdict"/>).</param>
/// <param name="OtherMethods">Methods it answers besides <paramref name="Method"/> (the OpenID Connect endpoints' GET and POST, CORS preflights).</param>
public sealed record FuzzRoute(
    string Function,
    string Route,
    string Method,
    SessionNeed Session,
    IReadOnlyList<FuzzField>? Fields = null,
    bool HashesPasswords = false,
    bool EndsSessions = false,
    bool Oidc = false,
    IReadOnlyList<string>? OtherMethods = null)
{
    /// <summary>Every method the function answers.</summary>
    public IReadOnlyList<string> Methods => [Method, .. OtherMethods ?? []];

    /// <summary>The path with each route parameter (<c>{method}</c>) filled with <paramref name="value"/>.</summary>
    public string PathWith(string value) => "/api/" + System.Text.RegularExpressions.Regex.Replace(Route, @"\{[^}]+\}", value);

    public bool HasBody => Fields is not null;
}

/// <summary>The session a route needs.</summary>
public enum SessionNeed
{
    None,
    AnyStage,
    Pending,
    Full,
}

/// <summary>One field of a request body: its JSON name and the kind of value it takes.</summary>
public sealed record FuzzField(string Name, FieldKind Kind);

/// <summary>The kinds of value request fields take; each has well-formed values and near misses.</summary>
public enum FieldKind
{
    Email,
    Password,
    ActivationToken,
    ClaimNumber,
    DisplayName,
    Country,
    PhoneNumber,
    SixDigitCode,
    VerifyMethod,
    VerifyCode,
    Methods,
    PasskeyCredential,
    PasskeyName,

    /// <summary>A JSON boolean (<c>rememberDevice</c>).</summary>
    Flag,

    /// <summary>A language of emails and texts: <c>en</c>, <c>fr-CA</c> or <c>es-US</c>.</summary>
    Language,
}
