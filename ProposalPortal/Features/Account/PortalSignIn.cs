using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using ProposalPortal.Domain;

namespace ProposalPortal.Features.Account;

/// <summary>What the sign-in form tells the user when it refuses.</summary>
public static class SignInRefusals
{
    public const string WrongPassword = "用户名或密码不正确。";
}

/// <summary>
/// The sign-in form's one way in: refuses an address or an account-from-an-address that failed too often
/// (<see cref="SignInThrottle"/>), and takes as long for an unknown user name as for a known one, so that the answer's
/// timing does not tell which user names exist.
/// </summary>
public sealed class PortalSignIn(SignInManager<PortalUser> signIn, UserManager<PortalUser> users, SignInThrottle throttle)
{
    // A hash made once per process with the same hasher (and work factor) as the real ones: checking a password for a
    // user name that does not exist costs what checking a real one costs.
    private static readonly Lock DummyLock = new();
    private static string? _dummyHash;

    public async Task<Result> PasswordSignInAsync(string userName, string password, IPAddress? address)
    {
        userName = userName.Trim();
        if (throttle.WhyRefused(address, userName) is { } refused)
        {
            return Result.Refused(refused);
        }

        var user = await users.FindByNameAsync(userName);
        if (user is null || await users.IsLockedOutAsync(user))
        {
            // Identity answers both without checking a password: do that work anyway.
            VerifyDummy(password);
        }

        // Identity's lockout stays for deactivated accounts; wrong passwords are counted by the throttle instead.
        var result = user is null ? SignInResult.Failed : await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: false);
        if (result.Succeeded)
        {
            throttle.RecordSuccess(address, userName);
            return Result.Ok;
        }

        throttle.RecordFailure(address, userName);
        return Result.Refused(result.IsLockedOut ? "该账号已锁定或停用，请联系系统管理员。" : SignInRefusals.WrongPassword);
    }

    private void VerifyDummy(string password)
    {
        var dummy = new PortalUser { UserName = "-" };
        string hash;
        lock (DummyLock)
        {
            hash = _dummyHash ??= users.PasswordHasher.HashPassword(dummy, Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)));
        }

        _ = users.PasswordHasher.VerifyHashedPassword(dummy, hash, password);
    }
}
