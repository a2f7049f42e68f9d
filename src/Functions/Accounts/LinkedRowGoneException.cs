namespace CustomerPortal.Functions.Accounts;

/// <summary>
/// A row written in the same transaction as an account change (a session being ended or advanced) was deleted
/// meanwhile: sign-out, another tab's step, or expiry got there first.
/// </summary>
public sealed class LinkedRowGoneException() : Exception("A row written with the account change was deleted while the request was being handled.");
