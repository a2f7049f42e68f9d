namespace CustomerPortal.UnitTests.Sms;

/// <summary>Fictional numbers (555-01XX) that libphonenumber 9.0.43 accepts as valid and types FIXED_LINE_OR_MOBILE, so they pass as able to receive SMS.</summary>
internal static class TestPhoneNumbers
{
    /// <summary>A New Jersey (201) number; <c>(201) 555-0123</c> nationally.</summary>
    public const string UnitedStates = "+12015550123";

    /// <summary>An Ottawa (613) number; <c>(613) 555-0123</c> nationally.</summary>
    public const string Canada = "+16135550123";

    /// <summary>Toll-free (800): valid, but not a phone that receives texts.</summary>
    public const string UnitedStatesTollFree = "+18005550123";

    /// <summary>Premium-rate (900): valid, and exactly what SMS-pumping fraud wants to be sent to.</summary>
    public const string UnitedStatesPremiumRate = "+19005550123";
}
