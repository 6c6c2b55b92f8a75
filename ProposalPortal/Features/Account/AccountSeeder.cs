using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ProposalPortal.Data;
using ProposalPortal.Domain.Organization;

namespace ProposalPortal.Features.Account;

/// <summary>
/// Accounts for a new database: with demo data, one account per demo person (password <see cref="DemoPassword"/>);
/// otherwise one administrator whose initial password comes from configuration and must be changed at first sign-in.
/// </summary>
public sealed class AccountSeeder(UserManager<PortalUser> users, PortalDbContext db, IOptions<AdminOptions> admin)
{
    /// <summary>The demo accounts' password, printed by the README and at start-up. Never used outside demo data.</summary>
    public const string DemoPassword = "Demo@2022";

    /// <summary>The demo people's user names (pinyin of the placeholder names).</summary>
    public static readonly IReadOnlyDictionary<string, string> DemoUserNames = new Dictionary<string, string>
    {
        ["杨一"] = "yangyi", ["朱二"] = "zhuer", ["秦三"] = "qinsan", ["尤四"] = "yousi", ["许五"] = "xuwu",
        ["何六"] = "heliu", ["吕七"] = "lvqi", ["施八"] = "shiba", ["孔九"] = "kongjiu", ["曹十"] = "caoshi", ["严十一"] = "yanshiyi",
    };

    public async Task SeedAsync(bool demo, CancellationToken cancellationToken = default)
    {
        if (await users.Users.AnyAsync(cancellationToken))
        {
            return;
        }

        if (demo)
        {
            foreach (var staff in await db.Staff.ToListAsync(cancellationToken))
            {
                if (DemoUserNames.TryGetValue(staff.Name, out var userName))
                {
                    await CreateAsync(new PortalUser { UserName = userName, StaffMemberId = staff.Id }, DemoPassword);
                }
            }

            return;
        }

        var password = admin.Value.InitialPassword;
        if (string.IsNullOrWhiteSpace(password))
        {
            throw new InvalidOperationException(
                "数据库中还没有任何账号：请在配置中设置 Admin:InitialPassword（首位管理员的初始密码，首次登录后须修改），" +
                "或设置 Demo:Enabled=true 载入演示数据。");
        }

        var staffMember = new StaffMember("系统管理员", StaffRoles.Admin | StaffRoles.Office, title: "系统管理员");
        db.Staff.Add(staffMember);
        await db.SaveChangesAsync(cancellationToken);
        await CreateAsync(new PortalUser { UserName = admin.Value.UserName, StaffMemberId = staffMember.Id, MustChangePassword = true }, password);
    }

    private async Task CreateAsync(PortalUser user, string password)
    {
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"无法创建账号 {user.UserName}：" + string.Join("；", result.Errors.Select(e => e.Description)));
        }
    }
}
