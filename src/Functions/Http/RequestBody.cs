using Microsoft.AspNetCore.Mvc;

namespace CustomerPortal.Functions.Http;

/// <summary>The outcome of reading a JSON body: either a valid value or the problem to answer with.</summary>
public readonly record struct RequestBody<T>(T? Value, IActionResult? Problem)
    where T : class;
