using CustomerPortal.Functions.Accounts;
using CustomerPortal.Functions.Accounts.Audit;
using CustomerPortal.Functions.Http;

namespace CustomerPortal.Functions.Privacy;

/// <summary>
/// The insurer marks a claim closed, or open again (<c>POST /api/admin/claims/close</c>, <c>/reopen</c>): every account of the
/// claim gets (or loses) its <see cref="AccountEntity.ClaimClosedAt"/>, from which the retention job counts (rule DP5). Closing a
/// closed claim keeps its first date; reopening clears the warning too, so a later closing warns again.
/// </summary>
public sealed class ClaimClosure(AccountStore accounts, AuditLog audit, TimeProvider time)
{
    /// <summary>Closes (<paramref name="closed"/>) or reopens the claim; how many accounts it has, or <c>account_not_found</c> for none.</summary>
    public async Task<Outcome<ClaimClosureResponse>> SetAsync(ClaimRequest request, bool closed, string clientIp, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var changed = 0;
        DateTimeOffset? closedAt = null;
        foreach (var id in await accounts.FindIdsByClaimNumberAsync(request.ClaimNumber!, cancellationToken))
        {
            var result = await accounts.ChangeAsync(id, account =>
            {
                if (account is null || ClaimKey.Normalize(account.ClaimNumber) != ClaimKey.Normalize(request.ClaimNumber!))
                {
                    return AccountChange<(bool Found, bool Changed, DateTimeOffset? At)>.ReadOnly((false, false, null));
                }

                if (closed == account.ClaimClosedAt.HasValue)
                {
                    return AccountChange<(bool Found, bool Changed, DateTimeOffset? At)>.ReadOnly((true, false, account.ClaimClosedAt));
                }

                account.ClaimClosedAt = closed ? now : null;
                account.RetentionWarnedAt = null;
                return AccountChange<(bool Found, bool Changed, DateTimeOffset? At)>.Save((true, true, account.ClaimClosedAt));
            }, cancellationToken);

            if (!result.Found)
            {
                continue;
            }

            changed++;
            closedAt ??= result.At;
            if (result.Changed)
            {
                await audit.WriteAsync(id, closed ? AuditEvents.ClaimClosed : AuditEvents.ClaimReopened, clientIp, null, cancellationToken);
            }
        }

        return changed == 0 ? new PortalError(ErrorCodes.AccountNotFound) : new ClaimClosureResponse(changed, closedAt);
    }
}

/// <summary>Body of <c>POST /api/admin/claims/close</c> and <c>/reopen</c>.</summary>
public sealed record ClaimRequest(string? ClaimNumber) : IValidatableRequest
{
    public void Validate(ValidationErrors errors)
    {
        if (errors.RequireText("claimNumber", ClaimNumber, 64) && !ClaimNumber!.Trim().All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '/' or '_'))
        {
            errors.Add("claimNumber", "Use letters, digits, '-', '/' or '_'.");
        }
    }
}

/// <summary>Answer of <c>POST /api/admin/claims/close</c> and <c>/reopen</c>: the claim's accounts, and when it closed (null when open).</summary>
public sealed record ClaimClosureResponse(int Accounts, DateTimeOffset? ClosedAt);
