namespace CustomerPortal.Functions.SecondFactors;

/// <summary>How a submitted proof compared: right, wrong (counts toward the lock), or nothing live to compare with.</summary>
public enum CodeCheck
{
    Match,
    Wrong,
    Expired,
}
