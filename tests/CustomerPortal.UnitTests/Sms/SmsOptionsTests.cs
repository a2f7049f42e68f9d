using CustomerPortal.Functions.Sms;

namespace CustomerPortal.UnitTests.Sms;

public sealed class SmsOptionsTests
{
    [Fact]
    public void AllowedCountryCodes_AreTrimmedUpperCaseAndDistinct()
    {
        var options = new SmsOptions { AllowedCountries = " us, CA,,ca , gb" };

        Assert.Equal(["US", "CA", "GB"], options.AllowedCountryCodes);
    }
}
