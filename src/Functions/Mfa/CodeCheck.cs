namespace CustomerPortal.Functions.Mfa;

/// <summary>How a submitted code compared: right, wrong (counts toward the lock), or no live code to compare with.</summary>
public enum CodeCheck
{
    Match,
    Wrong,
    Expired,
}
