using CustomerPortal.Functions.SecondFactors.Passkeys;

namespace CustomerPortal.UnitTests.SecondFactors.Passkeys;

public sealed class PasskeyNamesTests
{
    [Fact]
    public void Default_FirstPasskeyOfADevice_IsTheDeviceName()
    {
        Assert.Equal("Chrome on Windows", PasskeyNames.Default("Chrome on Windows", ["Safari on iPhone"]));
    }

    [Fact]
    public void Default_DeviceNameTaken_IsNumbered_SoTheListTellsThemApart()
    {
        Assert.Equal("Chrome on Windows (2)", PasskeyNames.Default("Chrome on Windows", ["chrome on windows"]));
        Assert.Equal("Chrome on Windows (3)", PasskeyNames.Default("Chrome on Windows", ["Chrome on Windows", "Chrome on Windows (2)"]));
    }
}
