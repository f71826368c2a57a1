using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using QualityCity.Web.Data;
using QualityCity.Web.Modules.Accounts.Contracts;

namespace QualityCity.Web.Modules.Accounts.SignIn;

/// <summary>
/// Checks every signed-in request against the account as it is now: the security stamp in the
/// cookie must still be the account's (sign-out, a password reset, a change of role or binding and
/// disabling all change it), the account must be enabled, and an inspector's officer record must
/// be active. One indexed read per request buys revocation that takes effect at once, where
/// Identity's default re-checks only every 30 minutes.
/// </summary>
internal static class SessionValidator
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var options = context.HttpContext.RequestServices.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity;
        var userId = principal?.FindFirstValue(options.UserIdClaimType);
        var stamp = principal?.FindFirstValue(options.SecurityStampClaimType);
        if (userId is null || stamp is null || !await IsCurrentAsync(context.HttpContext.RequestServices.GetRequiredService<QualityCityDbContext>(),
            context.HttpContext.RequestServices.GetRequiredService<IOfficerDirectory>(), userId, stamp,
            context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        }
    }

    private static async Task<bool> IsCurrentAsync(QualityCityDbContext db, IOfficerDirectory officers, string userId, string stamp, CancellationToken cancellationToken)
    {
        var account = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.SecurityStamp, u.IsDisabled, u.InspectorId })
            .FirstOrDefaultAsync(cancellationToken);
        return account is { IsDisabled: false } && string.Equals(account.SecurityStamp, stamp, StringComparison.Ordinal)
            && (account.InspectorId is not { } officer || await officers.IsActiveAsync(officer, cancellationToken));
    }
}
