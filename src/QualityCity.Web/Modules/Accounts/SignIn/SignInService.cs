using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Modules.Accounts.Contracts;
using QualityCity.Web.Modules.Audit.Contracts;

namespace QualityCity.Web.Modules.Accounts.SignIn;

public enum SignInOutcome { Succeeded, Failed, LockedOut, Throttled }

/// <summary>The result of a sign-in attempt; <see cref="RetryAfter"/> is set when the client must wait.</summary>
public sealed record SignInResult(SignInOutcome Outcome, DateTimeOffset? RetryAfter = null);

/// <summary>
/// Signs users in for the page and the API alike. In order: the client's failure budget (a client
/// that failed too often waits, whatever user name it tries next, before any user is looked up);
/// the password check, which hashes even for a user name that does not exist, an account that is
/// disabled or an officer whose record is inactive, so that the answer takes as long either way; the account lockout in the database,
/// reached only by many clients together. Every attempt that reaches the password check is written
/// to the audit log.
/// </summary>
public sealed class SignInService(SignInManager<AppUser> signIn, UserManager<AppUser> users, IPasswordHasher<AppUser> hasher,
    SignInThrottle throttle, QualityCityDbContext db, IAuditTrail audit, TimeProvider clock, PlatformMetrics metrics, IOfficerDirectory officers)
{
    /// <summary>A hash of a random password, verified when there is no user, so that a miss costs what a hit costs.</summary>
    private static readonly Lazy<string> DummyHash = new(() =>
        new PasswordHasher<AppUser>().HashPassword(new AppUser(), Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24))));

    public const int MaxUserNameLength = 64;

    public async Task<SignInResult> SignInAsync(string userName, string password, string client)
    {
        userName = userName.Trim();
        if (throttle.BlockedUntil(client) is { } until)
        {
            metrics.SignInAttempted("throttled");
            return new SignInResult(SignInOutcome.Throttled, until);
        }

        var user = await users.FindByNameAsync(userName);
        var inactiveOfficer = user?.InspectorId is { } officer && !await officers.IsActiveAsync(officer, CancellationToken.None);
        if (user is null || user.IsDisabled || inactiveOfficer)
        {
            // The hash is computed and thrown away: the answer must not come sooner for a name that is not there.
            _ = hasher.VerifyHashedPassword(user ?? new AppUser(), DummyHash.Value, password);
            return await FailedAsync(userName, client, SignInOutcome.Failed, user is null ? "unknown user" : user.IsDisabled ? "disabled" : "officer inactive");
        }

        var result = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            return await FailedAsync(userName, client, SignInOutcome.LockedOut, "locked");
        }

        if (!result.Succeeded)
        {
            return await FailedAsync(userName, client, SignInOutcome.Failed, "wrong password");
        }

        user.LastSignInAtUtc = clock.GetUtcNow().UtcDateTime;
        await users.UpdateAsync(user);
        await signIn.SignInAsync(user, isPersistent: false);
        await audit.AppendAsync(db, userName, [new AuditDraft("sign-in", $"User:{userName}", string.Empty, nameof(SignInOutcome.Succeeded))]);
        metrics.SignInAttempted("succeeded");
        return new SignInResult(SignInOutcome.Succeeded);
    }

    /// <summary>Ends the session and every other session of the account: the security stamp changes, so no copy of the cookie is accepted again.</summary>
    public async Task SignOutAsync(System.Security.Claims.ClaimsPrincipal principal)
    {
        if (await users.GetUserAsync(principal) is { } user)
        {
            await users.UpdateSecurityStampAsync(user);
            await audit.AppendAsync(db, user.UserName ?? "?", [new AuditDraft("sign-out", $"User:{user.UserName}", string.Empty, string.Empty)]);
        }

        await signIn.SignOutAsync();
    }

    private async Task<SignInResult> FailedAsync(string userName, string client, SignInOutcome outcome, string why)
    {
        throttle.RecordFailure(client);
        await audit.AppendAsync(db, userName, [new AuditDraft("sign-in.failed", $"User:{userName}", string.Empty, $"{outcome}: {why}")]);
        metrics.SignInAttempted(outcome == SignInOutcome.LockedOut ? "locked" : "failed");
        return new SignInResult(outcome);
    }
}
