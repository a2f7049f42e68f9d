using CustomerPortal.Functions.Sms;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CustomerPortal.Functions.Mfa;

/// <summary><c>GET /api/mfa/countries</c>: the countries SMS codes can be sent to, for the country picker.</summary>
public sealed class CountriesFunction(PhoneNumberValidator phones)
{
    [Function(nameof(Countries))]
    public IActionResult Countries(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "mfa/countries")] HttpRequest request)
        => new OkObjectResult(phones.Countries());
}
