using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using ProposalPortal.Features.Account;
using ProposalPortal.Features.Common;

namespace ProposalPortal;

/// <summary>Tells whoever started the portal where it listens and, with demo data, who they can be.</summary>
internal static class StartupBanner
{
    public static void Print(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        Console.WriteLine();
        Console.WriteLine("楚雄市发展和改革局 建议提案办理门户 已启动：");
        foreach (var address in addresses)
        {
            Console.WriteLine($"  {address}");
        }

        if (app.Services.GetRequiredService<IOptions<DemoOptions>>().Value.Enabled)
        {
            Console.WriteLine($"演示数据已启用（2021年、2022年及本年度）。演示账号（密码均为 {AccountSeeder.DemoPassword}）：");
            Console.WriteLine("  局长 杨一 yangyi · 分管副局长 朱二 zhuer、秦三 qinsan · 办公室 尤四 yousi · 系统管理员 许五 xuwu");
            Console.WriteLine("  科室：发展规划科 何六 heliu、固定资产投资科 吕七 lvqi、农村经济科 曹十 caoshi、");
            Console.WriteLine("        价格管理科 施八 shiba、能源科 孔九 kongjiu、经济运行科 严十一 yanshiyi");
        }

        Console.WriteLine();
    }
}
