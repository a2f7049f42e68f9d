using System.Globalization;
using System.Security.Cryptography;

namespace CustomerPortal.Functions.SecondFactors.SmsCodes;

/// <summary>Makes the 6-digit codes sent by text message.</summary>
public static class SmsCodeGenerator
{
    /// <summary>A new code: uniformly random from 000000 to 999999, zero-padded to six digits.</summary>
    public static string New() => RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
}
